import t from 'tap';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SeededRandom } from '@ovs/crypto';
import { FILES } from '@ovs/stick';
import { generateDemoElection } from '@ovs/election';
import { openHoofdbureau } from '../src/index.ts';
import { choiceText } from '../src/stick/vote-text.ts';
import { voteId } from '../src/db/vote-rows.ts';
import { attemptCount, copyStick, day, demoElection, expectedCounts, fingerprint, openHb, sticks, tempDir, writePackageDir } from './support.ts';

const run = promisify(execFile);

void t.test('a stick is imported whole: every ballot once, the tallies equal a count straight from the votes', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 5, 60, { annulled: 1, testBallots: 2, incidents: [{ kind: 'defect', description: 'printer 2 vastgelopen' }] });
  const { a } = await sticks(t, d);
  const hb = await openHb(t, election);
  const r = await hb.importStick(a);
  t.equal(r.kind, 'imported');
  if (r.kind !== 'imported') return;
  t.equal(r.ballots, 60);
  t.equal(r.source, 'stick');
  t.equal(r.station.number, 5);

  const expected = expectedCounts(d.ballots.map((b) => b.vote));
  const results = hb.results();
  t.equal(results.complete, false, 'one of twelve: an intermediate result');
  for (const e of results.elections) {
    const want = expected[e.id] ?? { ballots: 0, blank: 0, lists: {} };
    t.equal(e.ballots, want.ballots, `${e.id}: ballots`);
    t.equal(e.blank, want.blank, `${e.id}: blank`);
    for (const l of e.lists) {
      t.equal(l.stemcijfer, want.lists[l.number]?.stemcijfer ?? 0, `${e.id} list ${l.number}: stemcijfer`);
      for (const c of l.candidates) t.equal(c.preferenceVotes, want.lists[l.number]?.prefs[c.position] ?? 0);
    }
  }
  const sql = hb.db.sqlite;
  t.equal(sql.prepare('SELECT COUNT(*) FROM intermediate').pluck().get(), 1, 'an intermediate result after the import');
  for (const e of ['G', 'P']) {
    const rows = sql.prepare('SELECT hex(vote_id) AS id, vote FROM vote WHERE station = 5 AND election = ?').all(e) as Array<{ id: string; vote: string }>;
    const cast = d.ballots.flatMap((b) => b.vote.elections.filter((x) => x.election === e).map((x) => ({ id: Buffer.from(voteId(e, b.ballotId)).toString('hex').toUpperCase(), vote: choiceText(x.choice) })));
    t.equal(rows.length, cast.length, `${e}: one row per ballot that holds it`);
    t.same(
      rows.map((r) => r.id),
      rows.map((r) => r.id).sort(),
      `${e}: stored by vote id: nothing of the casting or slot order survives`,
    );
    t.same(new Map(rows.map((r) => [r.id, r.vote])), new Map(cast.map((c) => [c.id, c.vote])), `${e}: exactly the votes cast, each under its vote id`);
  }

  // The recount from the database, and against the stick (its signatures verified again).
  const alone = await hb.recount();
  t.same(alone.differences, [], 'the database agrees with itself and with the signed closing record');
  t.equal(alone.votes, d.ballots.reduce((n, b) => n + b.vote.elections.length, 0));
  const against = await hb.recount([a]);
  t.same(against.differences, [], 'every stored vote is a signed ballot\'s on the stick');
  t.same(against.verifiedAgainstSources, [5]);
  t.match(sql.prepare('SELECT closing_short_hash FROM import WHERE station = 5').pluck().get(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
});

void t.test('the copy: identical → "al ingelezen, identiek", nothing changes; again and again', async (t) => {
  const election = await demoElection(t);
  const { a, b } = await sticks(t, await day(election, 2, 25));
  const hb = await openHb(t, election);
  t.equal((await hb.importStick(a)).kind, 'imported');
  const before = fingerprint(hb.db);
  for (const dir of [b, a, b]) {
    const r = await hb.importStick(dir);
    t.equal(r.kind, 'identical');
    t.equal(fingerprint(hb.db), before, 'counted tables unchanged');
  }
  const check = await hb.checkStick(b);
  t.ok(check.ok && check.prior?.kind === 'identical', 'check says so too');
  const status = hb.results().stations.find((s) => s.number === 2)!;
  t.equal(status.state, 'ingelezen');
  t.equal(status.warning, null);
  t.same(
    status.attempts.map((x) => x.outcome),
    ['ingelezen', 'identiek', 'identiek', 'identiek'],
  );
});

void t.test('a stick of another opening of the same station: reported with its differences, never merged', async (t) => {
  const election = await demoElection(t);
  const first = await day(election, 7, 30, { seed: 'morning' });
  const other = await day(election, 7, 31, { seed: 'other sticks' });
  const s1 = await sticks(t, first);
  const s2 = await sticks(t, other);
  const hb = await openHb(t, election);
  t.equal((await hb.importStick(s1.a)).kind, 'imported');
  const before = fingerprint(hb.db);
  const r = await hb.importStick(s2.a);
  t.equal(r.kind, 'mismatch');
  if (r.kind !== 'mismatch') return;
  t.ok(r.differences.some((x) => x.includes('andere opening')), 'names the other session');
  t.ok(r.differences.some((x) => x.includes('31 stembiljetten op deze stick, 30 ingelezen')), 'names the counts');
  t.ok(r.differences.some((x) => x.includes('staan alleen op deze stick')), 'ballots only on this stick');
  t.equal(fingerprint(hb.db), before, 'nothing merged');
  const status = hb.results().stations.find((s) => s.number === 7)!;
  t.match(status.warning, /verschilt van de ingelezen stick/, 'the station shows the problem');
  const check = await hb.checkStick(s2.b);
  t.ok(check.ok && check.prior?.kind === 'mismatch');
});

void t.test('decree art. 24: the original fails, the copy is imported and marked for the PV', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 9, 40);
  const { a, b } = await sticks(t, d);
  const broken = await copyStick(t, a);
  const slots = await readFile(join(broken, FILES.slots));
  slots[600] = (slots[600] ?? 0) ^ 0xff;
  await writeFile(join(broken, FILES.slots), slots);
  const hb = await openHb(t, election);
  const before = fingerprint(hb.db);
  const refused = await hb.importStick(broken);
  t.equal(refused.kind, 'refused');
  t.equal(fingerprint(hb.db), before);
  t.equal(hb.results().stations.find((s) => s.number === 9)!.state, 'probleem', 'the station shows a problem');
  const copy = await hb.importStick(b, { copy: true });
  t.equal(copy.kind, 'imported');
  if (copy.kind !== 'imported') return;
  t.equal(copy.source, 'kopie');
  t.match(copy.note, /^Ingelezen met de kopie van de gegevensdrager \(decreet art\. 24, tweede lid\); eerder werd een gegevensdrager met het etiket van dit stembureau geweigerd \(ballots\.slots/);
  t.equal(hb.results().stations.find((s) => s.number === 9)!.state, 'ingelezen');
});

void t.test('decree art. 24 in a bulk import: the first stick of an envelope fails, the second is imported as the copy', async (t) => {
  const election = await demoElection(t);
  const { a, b } = await sticks(t, await day(election, 11, 30, { seed: 'bulk-copy' }));
  const broken = await copyStick(t, a);
  await writeFile(join(broken, FILES.closingSig), 'AAAA\n');
  const hb = await openHb(t, election);
  const reports = await hb.importSticks([broken, b]);
  t.same(
    reports.map((r) => r.kind),
    ['refused', 'imported'],
  );
  const copy = reports[1]!;
  t.ok(copy.kind === 'imported' && copy.source === 'kopie', 'recorded as the copy');
  const single = await openHb(t, election);
  await single.importStick(broken);
  const later = await single.importStick(b);
  t.ok(later.kind === 'imported' && later.source === 'stick' && /^Eerder werd een gegevensdrager .* geweigerd .*; daarna werd deze gegevensdrager ingelezen\.$/.test(later.note ?? ''), 'one at a time: the earlier refusal is noted, the operator says whether it is the copy');
});

void t.test('bulk: several envelopes on the worker pool, originals and copies in any order', async (t) => {
  const election = await demoElection(t);
  const dirs: string[] = [];
  const all = [];
  for (const station of [1, 4, 8]) {
    const d = await day(election, station, 20 + station);
    all.push(...d.ballots);
    const s = await sticks(t, d);
    dirs.push(s.a, s.b);
  }
  const file = join(await tempDir(t, 'db'), 'hb.db');
  const opened = await openHoofdbureau({ db: file, packageDir: election.packageDir, key: election.keyFile, workers: 2 });
  if (!opened.ok) throw new Error(opened.message);
  const hb = opened.hoofdbureau;
  const progress: number[] = [];
  const reports = await hb.importSticks([dirs[1]!, dirs[0]!, dirs[2]!, dirs[4]!, dirs[3]!, dirs[5]!], (p) => progress.push(p.done));
  t.same(progress, [1, 2, 3, 4, 5, 6]);
  t.same(reports.map((r) => r.kind).sort(), ['identical', 'identical', 'identical', 'imported', 'imported', 'imported']);
  const expected = expectedCounts(all.map((b) => b.vote));
  const g = hb.results().elections.find((e) => e.id === 'G')!;
  t.equal(g.ballots, expected.G!.ballots);
  t.same(
    g.lists.map((l) => l.stemcijfer),
    g.lists.map((l) => expected.G!.lists[l.number]?.stemcijfer ?? 0),
  );
  t.equal(hb.db.sqlite.prepare('SELECT COUNT(*) FROM intermediate').pluck().get(), 3);
  await hb.close();
});

void t.test('a database belongs to one election package', async (t) => {
  const election = await demoElection(t);
  const other = await writePackageDir(join(await tempDir(t, 'pkg'), 'p'), generateDemoElection({ seed: 'elders', scrypt: { N: 1024, r: 8, p: 1 } }));
  const file = join(await tempDir(t, 'db'), 'hb.db');
  const first = await openHoofdbureau({ db: file, packageDir: election.packageDir, key: election.keyFile });
  t.ok(first.ok);
  if (first.ok) await first.hoofdbureau.close();
  const second = await openHoofdbureau({ db: file, packageDir: other.packageDir, key: other.keyFile });
  t.notOk(second.ok);
  if (!second.ok) t.match(second.message, /andere sleutel van de organisator|hoort bij het verkiezingspakket/);
  const again = await openHoofdbureau({ db: file, key: election.keyFile });
  t.ok(again.ok, 'later opens need only the database and the key');
  if (again.ok) await again.hoofdbureau.close();
});

void t.test('a crash in the middle of the transaction leaves nothing behind (process killed after 10 ballot rows)', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, 3, 700, { seed: 'crash' });
  const { a } = await sticks(t, d);
  const dir = await tempDir(t, 'crash');
  const file = join(dir, 'hb.db');
  const script = join(dir, 'crash.mts');
  const src = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  await writeFile(
    script,
    `import { openHoofdbureau } from ${JSON.stringify(src)};
const o = await openHoofdbureau({ db: ${JSON.stringify(file)}, packageDir: ${JSON.stringify(election.packageDir)}, key: ${JSON.stringify(election.keyFile)}, workers: 0 });
if (!o.ok) throw new Error(o.message);
const sqlite = o.hoofdbureau.db.sqlite;
const prepare = sqlite.prepare.bind(sqlite);
let rows = 0;
sqlite.prepare = (sql) => {
  const st = prepare(sql);
  if (!sql.startsWith('INSERT INTO vote')) return st;
  const run = st.run.bind(st);
  st.run = (...args) => { if (++rows > 10) process.kill(process.pid, 'SIGKILL'); return run(...args); };
  return st;
};
await o.hoofdbureau.importStick(${JSON.stringify(a)});
`,
  );
  const killed = await run(process.execPath, ['--import', 'tsx', script]).then(
    () => 'exited',
    (e: { signal?: string; stderr?: string }) => e.signal ?? `failed: ${e.stderr ?? ''}`,
  );
  t.equal(killed, 'SIGKILL', 'the importer died inside the transaction');
  const hb = await openHb(t, election, file);
  const sql = hb.db.sqlite;
  t.equal(sql.prepare('SELECT COUNT(*) FROM vote').pluck().get(), 0, 'no vote');
  t.equal(sql.prepare('SELECT COUNT(*) FROM import').pluck().get(), 0, 'no import');
  t.equal(sql.prepare('SELECT COUNT(*) FROM list_total').pluck().get(), 0, 'no partial total');
  t.equal(sql.pragma('integrity_check', { simple: true }), 'ok');
  const again = await hb.importStick(a);
  t.equal(again.kind, 'imported', 'after the crash the same stick imports normally');
  t.equal(sql.prepare('SELECT COUNT(*) FROM vote WHERE election = ?').pluck().get('G'), 700);
});

void t.test('random votes over several stations: totals equal the sum of the station tallies and of the votes', async (t) => {
  const election = await demoElection(t);
  const hb = await openHb(t, election);
  const random = new SeededRandom('sum');
  const all = [];
  for (const station of [10, 11, 12, 6]) {
    const d = await day(election, station, 5 + random.int(40), { seed: `sum-${station}` });
    all.push(...d.ballots);
    t.equal((await hb.importStick((await sticks(t, d)).a)).kind, 'imported');
  }
  const sql = hb.db.sqlite;
  const mismatches = sql
    .prepare(
      `SELECT t.election, t.list FROM list_total t
       LEFT JOIN (SELECT election, list, SUM(stemcijfer) AS s FROM list_tally GROUP BY election, list) x USING (election, list)
       WHERE t.stemcijfer <> COALESCE(x.s, -1)`,
    )
    .all();
  t.same(mismatches, [], 'materialised totals = sum of station tallies');
  const expected = expectedCounts(all.map((b) => b.vote));
  for (const e of hb.results().elections) t.equal(e.ballots, expected[e.id]?.ballots ?? 0);
  t.equal(attemptCount(hb.db), 4);
});
