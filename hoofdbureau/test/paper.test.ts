// The paper counts at the hoofdbureau (issue 12): telbureaus linked to paper stations, claims,
// double entry, the voorzitter's decisions, the lock, and one set of results with the sticks.
import t from 'tap';
import { SeededRandom } from '@ovs/crypto';
import { withFields, type TelbureauTable } from '@ovs/paper-count';
import type { Hoofdbureau } from '../src/index.ts';
import type { Operator } from '../src/staff/permissions.ts';
import { readAudit } from '../src/staff/audit.ts';
import { pvDocument, pvText } from '../src/pv/pv-content.ts';
import { readIncidents } from '../src/pv/incidents.ts';
import { resultsCsv } from '../src/results/csv.ts';
import { openHoofdbureau, startHoofdbureau } from '../src/index.ts';
import { paperTable, randomPaperBallots, staffClient, TEST_KDF } from '../src/testing/index.ts';
import { day, demoElection, fingerprint, sticks, tempDir } from './support.ts';
import { join } from 'node:path';

const voorzitter: Operator = { username: 'vz', name: 'Vera Voorzitter', role: 'voorzitter' };
const an: Operator = { username: 'an', name: 'An Invoerder', role: 'invoerder' };
const bo: Operator = { username: 'bo', name: 'Bo Invoerder', role: 'invoerder' };
const beheerder: Operator = { username: 'it', name: 'Ivo Technicus', role: 'beheerder' };

const CONFIG = {
  paperStations: [10, 11, 12],
  telbureaus: [
    { series: 'G' as const, number: 1, stations: [10, 11, 12] },
    { series: 'P' as const, number: 1, stations: [10, 11, 12] },
  ],
};

/** The paper tables and the audit log: what a refused request must leave as it was. */
const PAPER_TABLES = ['paper_station', 'telbureau', 'telbureau_station', 'telbureau_claim', 'paper_entry', 'paper_intermediate'];
const paperFingerprint = (hb: Hoofdbureau, withAudit = true): string =>
  JSON.stringify([...PAPER_TABLES, ...(withAudit ? ['audit_log'] : [])].map((tb) => hb.db.sqlite.prepare(`SELECT * FROM ${tb} ORDER BY 1`).all()));

async function setup(t: { teardown(fn: () => unknown): void }, clock?: { now: Date }) {
  const election = await demoElection(t);
  const file = join(await tempDir(t, 'db'), 'hoofdbureau.db');
  const opened = await openHoofdbureau({ db: file, packageDir: election.packageDir, key: election.keyFile, workers: 0, ...(clock ? { now: () => clock.now } : {}) });
  if (!opened.ok) throw new Error(opened.message);
  t.teardown(() => opened.hoofdbureau.close());
  const hb = opened.hoofdbureau;
  const random = new SeededRandom('paper-test');
  const g = hb.db.pkg.election.elections.find((e) => e.kind === 'gemeenteraad')!;
  const p = hb.db.pkg.election.elections.find((e) => e.kind === 'provincieraad')!;
  const tables = { G: paperTable(g, randomPaperBallots(g, 240, random)), P: paperTable(p, randomPaperBallots(p, 231, random)) };
  return { election, hb, g, p, tables };
}

const insist = { acceptWarnings: true };

t.test('configuration: only the voorzitter; every station a paper station in one telbureau per series; the deelgebied of each station shown', async (t) => {
  const { hb } = await setup(t);
  const before = paperFingerprint(hb);
  const r = hb.paper.configure(an, CONFIG);
  t.match(r, { ok: false, error: { code: 'forbidden' } });
  t.equal(paperFingerprint(hb), before, 'a typist configures nothing, and leaves no trace');
  const figures = paperFingerprint(hb, false);
  t.match(hb.paper.configure(voorzitter, { ...CONFIG, paperStations: [10, 11] }), { ok: false, error: { code: 'config', message: /Stembureau 12 stemt niet op papier/ } });
  t.match(readAudit(hb.db.sqlite).at(-1), { username: 'vz', action: 'paper.configure', detail: /geweigerd — Stembureau 12 stemt niet op papier/ }, 'the voorzitter’s refused attempt is on record');
  t.match(
    hb.paper.configure(voorzitter, { paperStations: [10, 11, 12], telbureaus: [CONFIG.telbureaus[0]!, { series: 'G', number: 2, stations: [12] }] }),
    { ok: false, error: { message: /Stembureau 12 is gekoppeld aan telbureau G1 én G2/ } },
  );
  t.equal(paperFingerprint(hb, false), figures, 'a refused configuration changes nothing');
  const ok = hb.paper.configure(voorzitter, CONFIG);
  t.ok(ok.ok);
  const setupView = hb.paper.setup();
  t.same(setupView.telbureaus.map((x) => [x.id, x.stations.map((s) => `${s.number} ${s.deelgebied}`)]), [
    ['G1', ['10 Lentebeek', '11 Lentebeek', '12 Lentebeek']],
    ['P1', ['10 Lentebeek', '11 Lentebeek', '12 Lentebeek']],
  ]);
  t.match(readAudit(hb.db.sqlite).at(-1), { username: 'vz', action: 'paper.configure' });
});

t.test('claims: never two typists in one telbureau; released on logout and after the time-out (injected clock)', async (t) => {
  const clock = { now: new Date('2024-10-13T18:00:00Z') };
  const { hb, g, tables } = await setup(t, clock);
  hb.paper.configure(voorzitter, CONFIG);
  t.ok(hb.paper.claim(an, 'G1').ok);
  t.match(hb.paper.claim(bo, 'G1'), { ok: false, error: { code: 'claimed', message: /In telbureau G1 werkt nu an/ } });
  t.match(hb.paper.submit(bo, 'G1', g.id, tables.G, insist), { ok: false, error: { code: 'not-claimed' } }, 'no entry without the claim');
  hb.paper.releaseAll('an'); // logout
  t.ok(hb.paper.claim(bo, 'G1').ok, 'free after logout');
  clock.now = new Date('2024-10-13T18:14:00Z');
  t.match(hb.paper.claim(an, 'G1'), { ok: false, error: { code: 'claimed' } }, 'still held after 14 minutes');
  clock.now = new Date('2024-10-13T18:16:00Z');
  t.ok(hb.paper.claim(an, 'G1').ok, 'free after 15 minutes without an action of its owner');
  t.match(hb.paper.submit(bo, 'G1', g.id, tables.G, insist), { ok: false, error: { code: 'not-claimed' } }, 'the lapsed owner cannot type on');
  t.ok(hb.paper.claim(an, 'P1').ok);
  t.match(hb.paper.overview(voorzitter), { ok: true, value: [{ telbureau: { id: 'G1' }, claimedBy: null }, { telbureau: { id: 'P1' }, claimedBy: 'an' }] }, 'taking another telbureau lets go of the first');
});

t.test('a request of the wrong role is refused and changes nothing', async (t) => {
  const { hb, g, tables } = await setup(t);
  hb.paper.configure(voorzitter, CONFIG);
  hb.paper.claim(an, 'G1');
  hb.paper.submit(an, 'G1', g.id, tables.G, insist);
  const before = paperFingerprint(hb);
  t.match(hb.paper.claim(beheerder, 'G1'), { ok: false, error: { code: 'forbidden' } });
  t.match(hb.paper.submit(voorzitter, 'G1', g.id, tables.G, insist), { ok: false, error: { code: 'forbidden' } }, 'the voorzitter decides, he does not type');
  t.match(hb.paper.resolve(an, 'G1', g.id, 'discard'), { ok: false, error: { code: 'forbidden' } });
  t.match(hb.paper.review(an, 'G1'), { ok: false, error: { code: 'forbidden' } }, 'a typist never sees another entry');
  t.match(hb.paper.lock(an, 'G1'), { ok: false, error: { code: 'forbidden' } });
  t.match(hb.paper.configure(beheerder, CONFIG), { ok: false, error: { code: 'forbidden' } });
  t.equal(paperFingerprint(hb), before);
});

t.test('double entry, a difference resolved, an error caught, the lock, an intermediate result, and one result with the sticks', async (t) => {
  const { election, hb, g, p, tables } = await setup(t);
  // Station 1 votes digitally; its stick goes in as before.
  const d1 = await day(election, 1, 30, { seed: 'mixed-1' });
  t.equal((await hb.importStick((await sticks(t, d1)).a)).kind, 'imported');
  hb.paper.configure(voorzitter, CONFIG);

  // A stick of a paper station is refused and counts nothing.
  const d10 = await day(election, 10, 5, { seed: 'mixed-10' });
  const counted = fingerprint(hb.db);
  const refused = await hb.importStick((await sticks(t, d10)).a);
  t.match(refused, { kind: 'refused', problem: { code: 'paper-station' } });
  t.equal(fingerprint(hb.db), counted, 'nothing of the paper station’s stick is counted');
  t.match(hb.paper.configure(voorzitter, { ...CONFIG, paperStations: [1, 10, 11, 12] }), { ok: false, error: { message: /Stembureau 1 werd al digitaal ingelezen/ } });

  // G1: first entry by An with an error (a sum that does not add up): refused, then corrected.
  hb.paper.claim(an, 'G1');
  const wrong = withFields(tables.G, { valid: tables.G.valid + 1, ballots: tables.G.ballots + 1 });
  const caught = hb.paper.submit(an, 'G1', g.id, wrong, insist);
  t.match(caught, { ok: false, error: { code: 'entry', refusal: { code: 'has-errors', findings: [{ code: 'F.102' }] } } });
  t.match(hb.paper.submit(an, 'G1', g.id, tables.G, insist), { ok: true, value: { state: 'first-entered' } });
  hb.paper.release(an, 'G1');
  hb.paper.claim(bo, 'G1');
  t.match(hb.paper.submit(bo, 'G1', g.id, tables.G, insist), { ok: true, value: { state: 'definitive' } }, 'two equal entries: definitive');
  // P1: the first entry (Bo) has one slip on a candidate, the second (An) does not.
  hb.paper.claim(bo, 'P1');
  const list = tables.P.lists[0]!;
  const slipped: TelbureauTable = withFields(tables.P, { [`list.${list.number}.candidate.1`]: list.preferenceVotes[0]! === 0 ? 0 : list.preferenceVotes[0]! - 1 });
  t.match(hb.paper.submit(bo, 'P1', p.id, slipped, insist), { ok: true, value: { state: 'first-entered' } });
  hb.paper.release(bo, 'P1');
  hb.paper.claim(an, 'P1');
  const second = hb.paper.submit(an, 'P1', p.id, tables.P, insist);
  t.match(second, { ok: true, value: { state: 'different' } });
  const review = hb.paper.review(voorzitter, 'P1');
  t.ok(review.ok);
  if (review.ok) t.match(review.value.states[0]!.state, { kind: 'different', fields: [`list.${list.number}.candidate.1`] });
  t.match(hb.paper.lock(voorzitter, 'P1'), { ok: false, error: { code: 'not-complete' } });
  t.match(hb.paper.resolve(voorzitter, 'P1', p.id, 'correct-first'), { ok: true, value: { state: 'correcting' } });
  const form = hb.paper.form(an, 'P1');
  t.match(form.ok && form.value.elections[0], { correct: null }, 'the typist of the other entry is not asked');
  hb.paper.release(an, 'P1');
  hb.paper.claim(bo, 'P1');
  const boForm = hb.paper.form(bo, 'P1');
  t.same(boForm.ok && boForm.value.elections[0]!.correct, [`list.${list.number}.candidate.1`], 'only the differing field, never its values');
  t.match(hb.paper.correct(bo, 'P1', p.id, { [`list.${list.number}.candidate.1`]: list.preferenceVotes[0]! }, insist), { ok: true, value: { state: 'definitive' } });

  // Intermediate results: one per complete telbureau.
  t.equal(hb.db.sqlite.prepare('SELECT COUNT(*) FROM paper_intermediate').pluck().get(), 2);

  // One set of results: stick + paper.
  const doc = hb.results();
  const ge = doc.elections.find((e) => e.id === g.id)!;
  const dG = d1.ballots.length;
  t.equal(ge.ballots, dG + tables.G.valid + tables.G.blank);
  t.equal(ge.invalid, tables.G.invalid);
  t.equal(ge.paperStations, 3);
  t.equal(ge.lists.reduce((s, l) => s + l.stemcijfer, 0) + ge.blank, ge.ballots);
  t.same(
    doc.stations.filter((s) => s.route === 'papier').map((s) => [s.number, s.state, s.telbureaus]),
    [
      [10, 'geteld', ['G1', 'P1']],
      [11, 'geteld', ['G1', 'P1']],
      [12, 'geteld', ['G1', 'P1']],
    ],
  );
  t.equal(doc.stationsImported, 4);
  t.equal(doc.publication.telbureaus.length, 2);
  t.notOk(doc.publication.deelgebieden.some((d) => d.deelgebied === 'Lentebeek'), 'paper stations are published through their telbureau');

  // Lock: nothing changes any more.
  t.ok(hb.paper.lock(voorzitter, 'G1').ok);
  t.match(hb.paper.claim(an, 'G1'), { ok: false, error: { code: 'locked' } });
  t.match(hb.paper.resolve(voorzitter, 'G1', g.id, 'reopen'), { ok: false, error: { code: 'locked' } });
  t.ok(hb.paper.resolve(voorzitter, 'P1', p.id, 'reopen').ok, 'an unlocked definitive table can be reopened');

  const audit = readAudit(hb.db.sqlite).map((a) => `${a.username} ${a.action} ${a.detail}`);
  t.ok(audit.some((a) => a.startsWith('vz paper.resolve telbureau P1') && a.includes('verbetering van de eerste invoer gevraagd')));
  t.ok(audit.some((a) => a.startsWith('vz paper.lock telbureau G1 vergrendeld')));

  const csv = resultsCsv(hb.results());
  t.match(csv, `gemeente,Vlindermeer,${g.id},,,,,ongeldig,${tables.G.invalid}`);
  t.notMatch(csv, /^telbureau,/m, 'a telbureau of 240 voters is not published on its own (the 500-voter rule)');
  t.notMatch(csv, /telbureau P1/, 'a reopened telbureau is not published');

  const pv = pvText(pvDocument(hb.results(), readIncidents(hb.db)));
  t.match(pv, '1b. Tabellen van de telbureaus (stemming op papier)');
  t.match(pv, /G1 \(vergrendeld\) \| 10 Lentebeek, 11 Lentebeek, 12 Lentebeek \| Gemeenteraad Vlindermeer \| definitief: twee gelijke invoeren/);
  t.match(pv, /P1 \| .* \| WACHT OP DE EERSTE INVOER/);
  t.match(pv, 'papier: telbureau G1, P1 — NOG NIET GETELD');
  t.match(pv, 'waarvan 3 op papier geteld door hun telbureau');
});

t.test('W.204: a table identical to another telbureau’s, "dubbele ingave van eenzelfde telbureau?"', async (t) => {
  const { hb, g, tables } = await setup(t);
  hb.paper.configure(voorzitter, {
    paperStations: [4, 5, 6, 7],
    telbureaus: [
      { series: 'G', number: 1, stations: [4, 5] },
      { series: 'G', number: 2, stations: [6, 7] },
    ],
  });
  hb.paper.claim(an, 'G1');
  t.ok(hb.paper.submit(an, 'G1', g.id, tables.G, insist).ok);
  hb.paper.claim(bo, 'G2');
  const r = hb.paper.submit(bo, 'G2', g.id, tables.G, { acceptWarnings: false });
  t.match(r, { ok: false, error: { code: 'entry', refusal: { code: 'warnings-not-accepted' } } });
  if (!r.ok && r.error.code === 'entry' && 'findings' in r.error.refusal) t.ok(r.error.refusal.findings.some((f) => f.code === 'W.204' && f.detail.includes('G1')));
});

t.test('over HTTP: logging out lets go of the telbureau; a typist’s overview holds no figures', async (t) => {
  const election = await demoElection(t);
  const running = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => running.stop());
  const chair = await staffClient(running, 'voorzitter');
  t.equal((await chair.post('/api/paper/config', CONFIG)).status, 200);
  const ann = await staffClient(running, 'invoerder', { username: 'ann' });
  const bob = await staffClient(running, 'invoerder', { username: 'bob' });
  t.equal((await ann.post('/api/paper/G1/claim', {})).status, 200);
  const taken = await bob.post('/api/paper/G1/claim', {});
  t.equal(taken.status, 409);
  t.match(await taken.json(), { code: 'claimed', error: /In telbureau G1 werkt nu ann/ });
  await ann.logout();
  t.equal((await bob.post('/api/paper/G1/claim', {})).status, 200, 'free once its owner logged out');
  const overview = JSON.stringify(await (await bob.get('/api/paper')).json());
  t.notMatch(overview, /"table"|"ballots"|"preferenceVotes"/, 'states and names only');
  t.equal((await bob.get('/api/paper/G1/review')).status, 403, 'the entries are the voorzitter’s to see');
});
