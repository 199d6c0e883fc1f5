// The sticks of the import bench: M municipalities × S polling stations, about a million
// ballots, written once by the real stick writer (in memory, then one folder per stick A) and
// cached under the temporary folder keyed by the parameters and the source of every package that
// shapes the bytes, so a second bench run reuses them and a format change regenerates them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { benchMunicipality } from './bench-election.ts';
import { runStationDay } from './station-day.ts';

export interface BenchPlan {
  municipalities: number;
  stationsPerMunicipality: number;
  ballots: number;
}

export interface BenchSticks {
  root: string;
  /** Per municipality: its folder (package files, key) and its stick folders. */
  municipalities: Array<{ dir: string; packageDir: string; keyFile: string; sticks: string[] }>;
  ballots: number;
  generatedSeconds: number | null;
}

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');

/** The files whose code shapes the bytes of a bench stick. */
const GENERATOR_FILES = ['station-day.ts', 'random-vote.ts', 'memory-stick-io.ts', 'bench-election.ts', 'bench-sticks.ts'];

/** @ovs/stick's reading side: it never writes a byte, so a change to it keeps the cached sticks. */
const READER_ONLY = new Set(['libs/stick/src/verify.ts', 'libs/stick/src/inspect.ts', 'libs/stick/src/read.ts', 'libs/stick/src/cli.ts', 'libs/stick/src/ballot-reader.ts', 'libs/stick/src/ballot-key.ts']);

async function sourceHash(): Promise<string> {
  const h = createHash('sha256');
  for (const dir of ['libs/stick/src', 'libs/ballot/src', 'libs/crypto/src', 'libs/election/src', 'libs/election/src/demo']) {
    const names = (await readdir(join(repo, dir))).filter((n) => n.endsWith('.ts') && !READER_ONLY.has(`${dir}/${n}`)).sort();
    for (const n of names) h.update(n).update(await readFile(join(repo, dir, n)));
  }
  for (const n of GENERATOR_FILES) h.update(n).update(await readFile(join(here, n)));
  return h.digest('hex').slice(0, 16);
}

export const ballotsFor = (plan: BenchPlan, m: number, s: number): number => {
  const sticks = plan.municipalities * plan.stationsPerMunicipality;
  const k = m * plan.stationsPerMunicipality + (s - 1);
  return Math.floor(plan.ballots / sticks) + (k < plan.ballots % sticks ? 1 : 0);
};

/** Where the sticks of a plan are cached. */
export async function benchCacheDir(plan: BenchPlan): Promise<string> {
  return join(tmpdir(), `ovs-bench-import-${plan.municipalities}x${plan.stationsPerMunicipality}-${plan.ballots}-${await sourceHash()}`);
}

/** Generates (or finds) the bench sticks; `workers` threads write them in parallel. */
export async function benchSticks(plan: BenchPlan, workers = 2, log: (s: string) => void = () => undefined): Promise<BenchSticks> {
  const root = await benchCacheDir(plan);
  const layout = (): BenchSticks['municipalities'] =>
    Array.from({ length: plan.municipalities }, (_, m) => {
      const dir = join(root, `m${String(m).padStart(2, '0')}`);
      return {
        dir,
        packageDir: join(dir, 'package'),
        keyFile: join(dir, 'package', 'secret', 'hoofdbureau.key'),
        sticks: Array.from({ length: plan.stationsPerMunicipality }, (_, i) => join(dir, `s${String(i + 1).padStart(3, '0')}`)),
      };
    });
  if (existsSync(join(root, 'complete.json'))) return { root, municipalities: layout(), ballots: plan.ballots, generatedSeconds: null };

  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const started = performance.now();
  for (let m = 0; m < plan.municipalities; m++) {
    const muni = benchMunicipality(m, plan.stationsPerMunicipality);
    const packageDir = join(root, `m${String(m).padStart(2, '0')}`, 'package');
    await mkdir(join(packageDir, 'secret'), { recursive: true });
    await writeFile(join(packageDir, 'election.json'), muni.pkg.bytes);
    await writeFile(join(packageDir, 'election.sig'), `${Buffer.from(muni.pkg.signature).toString('base64')}\n`);
    await writeFile(join(packageDir, 'organiser.pub'), `${Buffer.from(muni.pkg.organiserPublicKey).toString('base64')}\n`);
    await writeFile(join(packageDir, 'secret', 'hoofdbureau.key'), `${Buffer.from(muni.hoofdbureauPrivateKey).toString('base64')}\n`);
  }
  const jobs: Array<{ m: number; s: number }> = [];
  for (let m = 0; m < plan.municipalities; m++) for (let s = 1; s <= plan.stationsPerMunicipality; s++) jobs.push({ m, s });
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, workers) }, (_, w) => {
      const mine = jobs.filter((_, i) => i % Math.max(1, workers) === w);
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL('./bench-sticks-worker.js', import.meta.url), { workerData: { plan, root, jobs: mine } });
        worker.on('message', () => {
          done++;
          if (done % 50 === 0) log(`bench sticks: ${done}/${jobs.length}`);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench stick worker exited with ${code}`))));
      });
    }),
  );
  const generatedSeconds = (performance.now() - started) / 1000;
  await writeFile(join(root, 'complete.json'), JSON.stringify({ plan, generatedSeconds }));
  return { root, municipalities: layout(), ballots: plan.ballots, generatedSeconds };
}

/** One stick of the bench (run by the worker). */
export async function writeBenchStick(plan: BenchPlan, root: string, m: number, s: number, muni = benchMunicipality(m, plan.stationsPerMunicipality)): Promise<void> {
  const day = await runStationDay({
    pkg: muni.pkg,
    station: s,
    stembureau: muni.stembureau(s),
    votes: ballotsFor(plan, m, s),
    seed: `bench/${m}/${s}`,
  });
  await day.sticks.a.dumpTo(join(root, `m${String(m).padStart(2, '0')}`, `s${String(s).padStart(3, '0')}`));
}
