// Valid sticks that must still be seen by a person (issue 11): a stick of another opening of the
// station (its console's clock said the day before: a test opening) is not counted until the
// voorzitter of the hoofdbureau decides so; a stick whose ballots the voter cards do not explain
// (40 ballots, no card) is imported with the difference stated — in check (text and JSON), in
// the import report and in the PV — for the station's president to explain; a normal day with
// an annulment and its replacement card shows no difference.
import t from 'tap';
import { join } from 'node:path';
import { pvDocument, pvText, readIncidents } from '../src/index.ts';
import { cli, day, demoElection, fingerprint, openHb, sticks, tempDir } from './support.ts';

const OTHER_DAY = /Niet op de verkiezingsdag \(13 oktober 2024\): de sticks werden geopend op 12 oktober 2024 om 18:00/;

t.test('a stick opened the day before: shown by check, not imported until the voorzitter decides', { timeout: 120_000 }, async (t) => {
  const election = await demoElection(t);
  const env = { HOOFDBUREAU_KEY: election.keyFile };
  const d = await day(election, 1, 10, { seed: 'other-day', clock: '2024-10-12T15:59:59.000Z' });
  const { a, b } = await sticks(t, d);
  const db = join(await tempDir(t, 'db'), 'hb.db');

  const check = await cli(['check', a, '--package', election.packageDir], env);
  t.equal(check.code, 4, 'check: not to be imported as it is');
  t.match(check.stdout, /^GELDIG, maar NIET OP DE VERKIEZINGSDAG GEOPEND — nog niet ingelezen; inlezen vraagt een beslissing van de voorzitter van het hoofdbureau/);
  t.match(check.stdout, /Verkiezingsdag: +13 oktober 2024 — NIET de dag van deze stick/);
  t.match(check.stdout, OTHER_DAY);
  t.match(check.stderr, /--aanvaard-datum/);
  const json = JSON.parse((await cli(['check', a, '--package', election.packageDir, '--json'], env)).stdout) as { summary: { warnings: Array<{ code: string; moments: Array<{ moment: string; date: string }> }> } };
  t.same(
    json.summary.warnings.find((w) => w.code === 'opened-on-other-day')?.moments.map((m) => [m.moment, m.date]),
    [
      ['startedAt', '2024-10-12'],
      ['openedAt', '2024-10-12'],
      ['closedAt', '2024-10-12'],
    ],
  );

  const refused = await cli(['import', a, '--db', db, '--package', election.packageDir], env);
  t.equal(refused.code, 4, 'import without a decision: not imported');
  t.match(refused.stderr, /NIET INGELEZEN: Niet op de verkiezingsdag/);
  t.match(refused.stderr, /voorzitter van het hoofdbureau/);
  const hb = await openHb(t, election, db);
  const empty = fingerprint(hb.db);
  t.equal(hb.results().stationsImported, 0);
  const api = await hb.importStick(b);
  t.equal(api.kind === 'refused' ? api.problem.code : api.kind, 'opened-on-other-day', 'the API refuses it too');
  t.equal(fingerprint(hb.db), empty, 'nothing counted');
  t.notOk((await cli(['import', join(a, '..'), '--db', db, '--aanvaard-datum'], env)).code === 0, 'no blanket decision for a folder of sticks');

  const decided = await cli(['import', a, '--db', db, '--aanvaard-datum'], env);
  t.equal(decided.code, 0, decided.stderr);
  t.match(decided.stdout, /Vlindermeer-001-Zonnebrug: ingelezen, 10 stembiljetten/);
  const text = pvText(pvDocument(hb.results(), readIncidents(hb.db)));
  t.match(text, /Stembureau 1: De voorzitter van het hoofdbureau besliste deze gegevensdrager toch in te lezen\. Niet op de verkiezingsdag \(13 oktober 2024\)/, 'the decision is in the PV');
  t.match(text, /Stembureau 1: gegevensdrager geweigerd op .*Niet op de verkiezingsdag/, 'and the refusals before it');
  const copy = await hb.importStick(b);
  t.equal(copy.kind, 'identical', 'the second stick of the envelope is then the identical copy');
});

t.test('40 ballots and no voter card: imported, the difference stated in check, import and PV', { timeout: 120_000 }, async (t) => {
  const election = await demoElection(t);
  const env = { HOOFDBUREAU_KEY: election.keyFile };
  const d = await day(election, 2, 40, { seed: 'no-cards', withoutVoterCards: true });
  const p = d.ballots.filter((x) => x.vote.elections.some((e) => e.election === 'P')).length;
  const lines = [
    'Gemeenteraad Vlindermeer: 40 stembiljetten geregistreerd, 0 stemkaarten uitgereikt (verschil +40). De voorzitter van het stembureau moet dit verschil verklaren.',
    `Provincieraad Vlinderland – district Vlindermeer: ${p} stembiljetten geregistreerd, 0 stemkaarten uitgereikt (verschil +${p}). De voorzitter van het stembureau moet dit verschil verklaren.`,
  ];
  const { a } = await sticks(t, d);
  const db = join(await tempDir(t, 'db'), 'hb.db');

  const check = await cli(['check', a, '--package', election.packageDir], env);
  t.equal(check.code, 0, 'valid: a difference is no refusal');
  t.match(check.stdout, /Stemkaarten en stembiljetten — WAARSCHUWING: verschil/);
  for (const l of lines) t.ok(check.stdout.includes(`  ${l}`), `check says: ${l}`);
  const json = JSON.parse((await cli(['check', a, '--package', election.packageDir, '--json'], env)).stdout) as { summary: { warnings: Array<{ code: string; message: string }> } };
  t.same(json.summary.warnings.filter((w) => w.code === 'cards-ballots-difference').map((w) => w.message), lines, 'check --json');

  const imported = await cli(['import', a, '--db', db, '--package', election.packageDir], env);
  t.equal(imported.code, 0, imported.stderr);
  for (const l of lines) t.ok(imported.stdout.includes(`Waarschuwing: ${l}`), `import says: ${l}`);
  const hb = await openHb(t, election, db);
  const text = pvText(pvDocument(hb.results(), readIncidents(hb.db)));
  for (const l of lines) t.ok(text.includes(`Stembureau 2 (volgens zijn logboek): ${l}`), `the PV says: ${l}`);
});

t.test('a normal day with annulments and their replacement cards: no difference anywhere', { timeout: 120_000 }, async (t) => {
  const election = await demoElection(t);
  const env = { HOOFDBUREAU_KEY: election.keyFile };
  const d = await day(election, 3, 25, { seed: 'annulled', annulled: 2 });
  const { a } = await sticks(t, d);
  const check = await cli(['check', a, '--package', election.packageDir], env);
  t.equal(check.code, 0);
  t.match(check.stdout, /Verkiezingsdag: +13 oktober 2024 — sticks geopend, stemming geopend en gesloten op die dag/);
  t.match(check.stdout, /Gemeenteraad Vlindermeer: 25 stembiljetten geregistreerd, 27 stemkaarten uitgereikt \(waarvan 2 vervangkaarten\), 2 stembiljetten geannuleerd, 25 verwacht \(verschil 0\)\./);
  t.notMatch(check.stdout, /Waarschuwing|WAARSCHUWING/);
  const db = join(await tempDir(t, 'db'), 'hb.db');
  const imported = await cli(['import', a, '--db', db, '--package', election.packageDir], env);
  t.equal(imported.code, 0);
  t.notMatch(imported.stdout, /Waarschuwing/);
  const hb = await openHb(t, election, db);
  t.notMatch(pvText(pvDocument(hb.results(), readIncidents(hb.db))), /verschil/);
});
