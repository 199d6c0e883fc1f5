// The measured part of the import bench, run in its own process (so its peak RSS is the
// import's, not the generator's): the crypto limit on every core, then every stick of every
// municipality checked and imported into a fresh database, tallied, and the seats allocated.
// Prints one JSON line.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { openHoofdbureau } from '../hoofdbureau.ts';
import { createCheckPool } from '../stick/check-pool.ts';
import { cryptoLimit } from './crypto-limit.ts';
import type { BenchSticks } from './bench-sticks.ts';

const sticks = JSON.parse(process.argv[2] ?? '{}') as BenchSticks;
const cryptoMs = Number(process.argv[3] ?? '3000');
const first = sticks.municipalities[0]!;
const organiserPublicKey = Buffer.from((await readFile(join(first.packageDir, 'organiser.pub'), 'utf8')).trim(), 'base64');
const key = Buffer.from((await readFile(first.keyFile, 'utf8')).trim(), 'base64');
// The limit is measured before and after the import and averaged: on a shared machine the load
// of other work drifts, and the import's own minute should be compared with the same conditions.
const perCore = await cryptoLimit(first.sticks[0]!, organiserPublicKey, key, 1, cryptoMs);
const before = await cryptoLimit(first.sticks[0]!, organiserPublicKey, key, undefined, cryptoMs);

const dbDir = await mkdtemp(join(tmpdir(), 'ovs-bench-db-'));
const pool = createCheckPool();
await pool.ready(); // the workers' start-up is not the import's
let imported = 0;
let refused = 0;
let dbBytes = 0;
const seats: Record<string, number[]> = {};
const cpuBefore = process.cpuUsage();
const started = performance.now();
// Every municipality is its own hoofdbureau (its own package and database). Two are imported at a
// time on the shared pool, so the workers do not wait while one database computes its seats and
// the next one is opened.
const queue = [...sticks.municipalities.entries()];
const municipality = async (): Promise<void> => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [m, muni] = next;
    const dbFile = join(dbDir, `m${m}.db`);
    const opened = await openHoofdbureau({ db: dbFile, packageDir: muni.packageDir, key: muni.keyFile, checker: pool });
    if (!opened.ok) throw new Error(opened.message);
    const hb = opened.hoofdbureau;
    const reports = await hb.importSticks(muni.sticks);
    for (const r of reports) {
      if (r.kind === 'imported') imported += r.ballots;
      else refused++;
    }
    const results = hb.results();
    seats[`m${m}`] = results.elections[0]!.lists.map((l) => l.seats ?? -1);
    await hb.close();
    dbBytes += (await stat(dbFile)).size;
  }
};
await Promise.all([municipality(), municipality()]);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const threads = await threadCpuSeconds();
await pool.close();
await rm(dbDir, { recursive: true, force: true });
const after = await cryptoLimit(first.sticks[0]!, organiserPublicKey, key, undefined, cryptoMs);
const cryptoPerCore = perCore.rate;
const cryptoBefore = before.rate;
const cryptoAfter = after.rate;
const cryptoAll = (cryptoBefore + cryptoAfter) / 2;
// CPU time per ballot: the raw loop's (mean of the three measurements) and the import's (every
// thread of this process during the import), comparable even when other work shares the machine.
const rawCpus = [perCore, before, after].map((c) => c.cpuMicrosPerBallot).filter((c): c is number => c !== null);
const rawCpuMicros = rawCpus.length > 0 ? rawCpus.reduce((a, b) => a + b, 0) / rawCpus.length : 1e6 / cryptoPerCore;
const importCpuMicros = (cpu.user + cpu.system) / imported;
process.stdout.write(
  `${JSON.stringify({ seconds, imported, refused, cryptoPerCore, cryptoAll, cryptoBefore, cryptoAfter, rawCpuMicros, importCpuMicros, peakRssMB: process.resourceUsage().maxRSS / 1024, dbBytes, seats, threads })}\n`,
);

/** CPU seconds per thread of this process (Linux /proc), busiest first: where the time went. */
async function threadCpuSeconds(): Promise<Array<{ name: string; cpu: number }>> {
  const tick = 100;
  const out: Array<{ name: string; cpu: number }> = [];
  for (const tid of await readdir('/proc/self/task').catch(() => [] as string[])) {
    const stat = await readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / tick;
    if (cpu > 0.5) out.push({ name, cpu: Math.round(cpu * 10) / 10 });
  }
  return out.sort((a, b) => b.cpu - a.cpu);
}
