// Fixtures for the hoofdbureau tests: the demo election (cheap scrypt) written as an election
// package folder with its keys, sticks written by the real stick writer, databases in /dev/shm,
// and a fingerprint of every counted table to prove that a refused stick changed nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Signer, toBase64 } from '@ovs/crypto';
import { generateDemoElection, signPackage, type DemoElection, type ElectionPackage } from '@ovs/election';
import type { Vote } from '@ovs/ballot';
import { readStickDir, verifyStickFiles } from '@ovs/stick';
import { COUNTED_TABLES } from '../src/db/schema.ts';
import type { HoofdbureauDb } from '../src/db/open-db.ts';
import { openHoofdbureau, type Hoofdbureau } from '../src/index.ts';
import { main } from '../src/cli/main.ts';
import { nodeIo, type CliIo } from '../src/cli/io.ts';
import { runStationDay, type PackageFiles, type StationDay, type StationDayOptions } from '../src/testing/index.ts';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

interface Teardown {
  teardown(fn: () => unknown): void;
}

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function tempDir(t: Teardown, label = 'hb'): Promise<string> {
  const dir = await mkdtemp(join(base, `ovs-${label}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Election {
  demo: DemoElection;
  pkg: PackageFiles;
  /** The package folder as the organiser hands it out, with organiser.pub and secret/hoofdbureau.key. */
  packageDir: string;
  keyFile: string;
}

/** Writes a package folder for `election` (the demo, or a variant signed by the demo organiser). */
export async function writePackageDir(dir: string, demo: DemoElection, election?: ElectionPackage): Promise<Election> {
  const signed = election ? signPackage(election, new Signer(demo.organiser.privateKey)) : { bytes: demo.bytes, signature: demo.signature };
  await mkdir(join(dir, 'secret'), { recursive: true });
  await writeFile(join(dir, 'election.json'), signed.bytes);
  await writeFile(join(dir, 'election.sig'), `${toBase64(signed.signature)}\n`);
  await writeFile(join(dir, 'organiser.pub'), `${toBase64(demo.organiser.publicKey)}\n`);
  await writeFile(join(dir, 'secret', 'hoofdbureau.key'), `${toBase64(demo.hoofdbureau.privateKey)}\n`);
  return {
    demo,
    pkg: { election: election ?? demo.election, bytes: signed.bytes, signature: signed.signature, organiserPublicKey: demo.organiser.publicKey },
    packageDir: dir,
    keyFile: join(dir, 'secret', 'hoofdbureau.key'),
  };
}

let demoCache: DemoElection | undefined;
export const demo = (): DemoElection => (demoCache ??= generateDemoElection({ scrypt: FAST_SCRYPT }));

export async function demoElection(t: Teardown): Promise<Election> {
  return writePackageDir(join(await tempDir(t, 'pkg'), 'package'), demo());
}

export async function day(election: Election, station: number, votes: StationDayOptions['votes'], extra: Partial<StationDayOptions> = {}): Promise<StationDay> {
  return runStationDay({ pkg: election.pkg, station, stembureau: { password: election.demo.passwords.get(station)! }, votes, ...extra });
}

/** Both sticks of a day in fresh folders. */
export async function sticks(t: Teardown, d: StationDay): Promise<{ a: string; b: string }> {
  const root = await tempDir(t, 'sticks');
  const a = join(root, 'a');
  const b = join(root, 'b');
  await d.sticks.a.dumpTo(a);
  await d.sticks.b.dumpTo(b);
  return { a, b };
}

/** The barcodes of a stick's ballots (payload ‖ signature), as a box would read them from the paper. */
export async function barcodes(election: Election, dir: string): Promise<Uint8Array[]> {
  const read = await readStickDir(dir);
  if (!read.ok) throw new Error('read');
  const v = verifyStickFiles(read.value, { organiserPublicKey: election.pkg.organiserPublicKey, hoofdbureauPrivateKey: election.demo.hoofdbureau.privateKey });
  if (!v.ok || !v.value.ballots) throw new Error('verify');
  return v.value.ballots.map((b) => b.signedBallot);
}

export async function copyStick(t: Teardown, dir: string): Promise<string> {
  const to = join(await tempDir(t, 'copy'), 'stick');
  await cp(dir, to, { recursive: true });
  return to;
}

export async function openHb(t: Teardown, election: Election, db?: string): Promise<Hoofdbureau> {
  const file = db ?? join(await tempDir(t, 'db'), 'hoofdbureau.db');
  const opened = await openHoofdbureau({ db: file, packageDir: election.packageDir, key: election.keyFile, workers: 0 });
  if (!opened.ok) throw new Error(opened.message);
  t.teardown(() => opened.hoofdbureau.close());
  return opened.hoofdbureau;
}

/** SHA-256 over every row of every counted table, in key order. */
export function fingerprint(db: HoofdbureauDb): string {
  const h = createHash('sha256');
  for (const table of COUNTED_TABLES) {
    h.update(`\0${table}\0`);
    for (const row of db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).raw().iterate() as Iterable<unknown[]>) {
      h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
  }
  return h.digest('hex');
}

export const attemptCount = (db: HoofdbureauDb): number => (db.sqlite.prepare('SELECT COUNT(*) FROM attempt').pluck().get() as number);

/** The count every ballot should give, computed straight from the votes (no library, no database). */
export function expectedCounts(votes: readonly Vote[]): Record<string, { ballots: number; blank: number; lists: Record<number, { stemcijfer: number; prefs: Record<number, number> }> }> {
  const out: ReturnType<typeof expectedCounts> = {};
  for (const v of votes) {
    for (const e of v.elections) {
      const el = (out[e.election] ??= { ballots: 0, blank: 0, lists: {} });
      el.ballots++;
      if (e.choice.kind === 'blank') {
        el.blank++;
        continue;
      }
      const l = (el.lists[e.choice.list] ??= { stemcijfer: 0, prefs: {} });
      l.stemcijfer++;
      for (const p of e.choice.candidates) l.prefs[p] = (l.prefs[p] ?? 0) + 1;
    }
  }
  return out;
}

/** The CLI in-process, its output captured. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, tty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { ...nodeIo, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env, stderrIsTTY: tty };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
