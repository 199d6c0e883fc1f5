// A stick is hostile input (issue 11): a FIFO, a link to a device or to a regular file, an
// oversized file or a stick folder that is a link is refused at once — by `check` and `import`
// (CLI and API, inline and on the worker pool) and by the web overview's listing — with a
// Dutch message naming the file, and changes nothing. Every test has a time-out: before the
// fix a FIFO hung check, import and the overview forever.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdir, rm, symlink, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES } from '@ovs/stick';
import { startHoofdbureau } from '../src/index.ts';
import { staffClient, TEST_KDF } from '../src/testing/index.ts';
import { attemptCount, cli, copyStick, day, demoElection, fingerprint, openHb, sticks, tempDir, type Election } from './support.ts';

const FAST = { timeout: 30_000 };

let shared: { election: Election; good: string } | undefined;
/** One election and one good stick, made once for the whole file. */
async function fixture(): Promise<{ election: Election; good: string }> {
  if (!shared) {
    const election = await demoElection(t);
    const d = await day(election, 1, 12, { seed: 'hostile' });
    shared = { election, good: (await sticks(t, d)).a };
  }
  return shared;
}

type Spoil = (dir: string) => Promise<void>;

const fifo =
  (file: string): Spoil =>
  async (dir) => {
    await rm(join(dir, file));
    execFileSync('mkfifo', [join(dir, file)]);
  };
const link =
  (file: string, to: string): Spoil =>
  async (dir) => {
    await rm(join(dir, file));
    await symlink(to, join(dir, file));
  };

const CASES: Array<[string, Spoil, RegExp]> = [
  ['a FIFO in place of election.json', fifo(FILES.packageJson), /election\.json is geen gewoon bestand \(een FIFO\)/],
  ['ballots.slots linked to /dev/zero', link(FILES.slots, '/dev/zero'), /ballots\.slots is geen gewoon bestand \(een symbolische koppeling\)/],
  ['closing.json linked to a regular file', async (dir) => link(FILES.closingJson, join(shared!.good, FILES.closingJson))(dir), /closing\.json is geen gewoon bestand \(een symbolische koppeling\)/],
  ['an oversized (sparse) events.log', async (dir) => truncate(join(dir, FILES.events), 2 ** 31), /events\.log is groter dan het formaat toelaat/],
  ['a sparse ballots.slots longer than its header says', async (dir) => truncate(join(dir, FILES.slots), 2 ** 30), /ballots\.slots is groter dan de kop \(\d+ vakken van \d+ bytes\) toelaat/],
];

for (const [what, spoil, message] of CASES) {
  t.test(`${what}: refused by check and import (CLI and API), nothing changes`, FAST, async (t) => {
    const { election, good } = await fixture();
    const stick = await copyStick(t, good);
    await spoil(stick);
    const env = { HOOFDBUREAU_KEY: election.keyFile };
    const db = join(await tempDir(t, 'db'), 'hb.db');

    const check = await cli(['check', stick, '--package', election.packageDir], env);
    t.equal(check.code, 4, 'check: refused');
    t.match(check.stdout, /^ONGELDIG — deze stick wordt niet ingelezen/);
    t.match(check.stdout, message);
    t.match(check.stdout, /Wat nu: +.*niets ingelezen/);

    const json = await cli(['check', stick, '--package', election.packageDir, '--json'], env);
    t.match((JSON.parse(json.stdout) as { problem: { message: string } }).problem.message, message, 'check --json names it');

    const imported = await cli(['import', stick, '--db', db, '--package', election.packageDir], env);
    t.equal(imported.code, 4, 'import: refused');
    t.match(imported.stderr, message);

    const hb = await openHb(t, election, db);
    const before = fingerprint(hb.db);
    const attempts = attemptCount(hb.db);
    const report = await hb.importStick(stick);
    t.equal(report.kind, 'refused', 'API import: refused');
    if (report.kind === 'refused') t.match(report.problem.message, message);
    const checked = await hb.checkStick(stick);
    t.equal(checked.ok, false, 'API check: refused');
    t.equal(fingerprint(hb.db), before, 'no counted table changed');
    t.equal(attemptCount(hb.db), attempts + 1, 'one attempt recorded');
  });
}

t.test('the worker pool refuses them as well (bulk import of a folder of sticks)', FAST, async (t) => {
  const { election, good } = await fixture();
  const folder = await tempDir(t, 'bulk');
  const env = { HOOFDBUREAU_KEY: election.keyFile };
  for (const [i, [, spoil]] of CASES.entries()) {
    const dir = join(folder, `stick-${i}`);
    await mkdir(dir);
    execFileSync('cp', ['-a', `${good}/.`, dir]);
    await spoil(dir);
  }
  const bulk = await cli(['import', folder, '--db', join(await tempDir(t, 'db'), 'hb.db'), '--package', election.packageDir, '--workers', '2'], env);
  t.equal(bulk.code, 4);
  t.match(bulk.stderr, new RegExp(`0 ingelezen, 0 al ingelezen \\(identiek\\), 0 met verschillen, ${CASES.length} geweigerd`));
  for (const [, , message] of CASES) t.match(bulk.stderr, message);
});

t.test('a stick folder that is a symbolic link is refused, in the reader folder and on the command line', FAST, async (t) => {
  const { election, good } = await fixture();
  const reader = await tempDir(t, 'reader');
  const real = await copyStick(t, good);
  await symlink(real, join(reader, 'via-link'));
  execFileSync('cp', ['-a', good, join(reader, 'echt')]);
  const env = { HOOFDBUREAU_KEY: election.keyFile };

  const one = await cli(['check', join(reader, 'via-link'), '--package', election.packageDir], env);
  t.equal(one.code, 4);
  t.match(one.stdout, /via-link is een symbolische koppeling, geen stick: geweigerd/);

  const bulk = await cli(['import', reader, '--db', join(await tempDir(t, 'db'), 'hb.db'), '--package', election.packageDir], env);
  t.equal(bulk.code, 4, 'the link is refused, not silently skipped');
  t.match(bulk.stderr, /1 ingelezen, 0 al ingelezen \(identiek\), 0 met verschillen, 1 geweigerd/);
  t.match(bulk.stderr, /via-link is een symbolische koppeling/);
});

t.test('the web overview lists a FIFO, a link and a stalled-looking stick at once, with their problem', FAST, async (t) => {
  const { election, good } = await fixture();
  const reader = await tempDir(t, 'reader');
  execFileSync('cp', ['-a', good, join(reader, 'goed')]);
  execFileSync('cp', ['-a', good, join(reader, 'fifo-etiket')]);
  await fifo(FILES.label)(join(reader, 'fifo-etiket'));
  execFileSync('cp', ['-a', good, join(reader, 'fifo-pakket')]);
  await fifo(FILES.packageJson)(join(reader, 'fifo-pakket'));
  await symlink(join(reader, 'goed'), join(reader, 'koppeling'));

  const running = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir: reader, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => running.stop());
  const client = await staffClient(running, 'bijzitter');
  const overview = (await (await client.get('/api/overview')).json()) as { sticks: Array<{ name: string; station: number | null; problem?: string }> };
  const byName = new Map(overview.sticks.map((s) => [s.name, s]));
  t.same(byName.get('goed'), { name: 'goed', station: 1 }, 'the good stick, with the station of its label');
  t.match(byName.get('fifo-etiket')?.problem, /^OVS-STICK\.json is geen gewoon bestand \(een FIFO\)/);
  t.match(byName.get('fifo-pakket')?.problem, /^election\.json is geen gewoon bestand \(een FIFO\)/);
  t.match(byName.get('koppeling')?.problem, /^koppeling is een symbolische koppeling, geen stick: geweigerd/);

  for (const name of ['fifo-pakket', 'koppeling']) {
    const checked = (await (await client.post(`/api/sticks/${name}/check`, {})).json()) as { ok: boolean; problem: { message: string } };
    t.equal(checked.ok, false, `${name}: the check refuses it too`);
    t.match(checked.problem.message, /geen gewoon bestand|symbolische koppeling/);
  }
});
