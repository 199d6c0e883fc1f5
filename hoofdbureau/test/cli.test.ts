// The CLI in-process (main() with a CliIo), against real sticks and databases.
import t from 'tap';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILES } from '@ovs/stick';
import { progressBar } from '../src/cli/progress.ts';
import { cli, day, demoElection, openHb, tempDir } from './support.ts';

void t.test('check, import (one stick, a folder of sticks), results, pv, export', async (t) => {
  const election = await demoElection(t);
  const root = await tempDir(t, 'cli');
  const reader = join(root, 'nacht');
  await mkdir(reader);
  const days = [];
  for (const station of [1, 2, 3]) {
    const d = await day(election, station, 12 + station, { seed: `cli-${station}` });
    days.push(d);
    await d.sticks.a.dumpTo(join(reader, `sb${station}-a`));
    await d.sticks.b.dumpTo(join(reader, `sb${station}-b`));
  }
  const db = join(root, 'hb.db');
  const env = { HOOFDBUREAU_KEY: election.keyFile };

  const usage = await cli([]);
  t.equal(usage.code, 2);
  t.match(usage.stderr, /check <stick-dir>/);
  t.match(usage.stderr, /import <stick-dir>/);
  t.match(usage.stderr, /seats <input\.json>/, 'seats is still there');

  const noConfig = await cli(['check', join(reader, 'sb1-a')]);
  t.equal(noConfig.code, 2);
  t.match(noConfig.stderr, /--package/, 'says what is missing');

  const check = await cli(['check', join(reader, 'sb1-a'), '--package', election.packageDir], env);
  t.equal(check.code, 0, check.stderr);
  t.match(check.stdout, /^GELDIG — nog niet ingelezen/);
  t.match(check.stdout, /Stembureau: +1 — Vlindermeer-001-Zonnebrug \(deelgebied Zonnebrug\)/);
  t.match(check.stdout, /Controlecode stembiljetten \(vergelijk met het kerncijferrapport\): [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  t.match(check.stdout, /Geregistreerde stembiljetten: 13/);
  t.match(check.stdout, /Resultaten van dit stembureau\n {2}Gemeenteraad Vlindermeer: 13 stembiljetten/);

  const json = await cli(['check', join(reader, 'sb1-a'), '--package', election.packageDir, '--json'], env);
  const parsed = JSON.parse(json.stdout) as { ok: boolean; summary: { station: { number: number }; storeShortHash: string } };
  t.equal(parsed.summary.station.number, 1);
  t.notOk('raw' in parsed.summary, 'no raw files in JSON');

  const broken = join(root, 'broken');
  await mkdir(broken);
  for (const f of Object.values(FILES)) await writeFile(join(broken, f), await readFile(join(reader, 'sb2-a', f)).catch(() => Buffer.alloc(0)));
  await writeFile(join(broken, FILES.closingSig), 'AAAA\n');
  const bad = await cli(['check', broken, '--package', election.packageDir], env);
  t.equal(bad.code, 4);
  t.match(bad.stdout, /^ONGELDIG — deze stick wordt niet ingelezen/);
  t.match(bad.stdout, /Reden: +closing\.sig/);
  t.match(bad.stdout, /Wat nu: +.*andere stick/);

  const one = await cli(['import', join(reader, 'sb1-a'), '--db', db, '--package', election.packageDir], env);
  t.equal(one.code, 0, one.stderr);
  t.match(one.stdout, /Vlindermeer-001-Zonnebrug: ingelezen, 13 stembiljetten/);

  const bulk = await cli(['import', reader, '--db', db, '--workers', '2'], env);
  t.equal(bulk.code, 0, bulk.stderr);
  t.match(bulk.stderr, /\[#{30}\] 6\/6/, 'a progress line per stick when stderr is no terminal');
  t.match(bulk.stderr, /2 ingelezen, 4 al ingelezen \(identiek\), 0 met verschillen, 0 geweigerd/);

  const tty = await cli(['import', join(reader, 'sb1-b'), join(reader, 'sb2-b'), '--db', db, '--workers', '0'], env, true);
  t.ok(tty.stderr.includes(`\r\u001b[K[${'#'.repeat(15)}${'.'.repeat(15)}] 1/2`), 'a bar redrawn in place on a terminal');

  const refused = await cli(['import', broken, '--db', db], env);
  t.equal(refused.code, 4);
  t.match(refused.stderr, /GEWEIGERD: closing\.sig/);

  const results = await cli(['results', '--db', db, '--format', 'json']);
  t.equal(results.code, 0);
  const doc = JSON.parse(results.stdout) as { complete: boolean; stationsImported: number; elections: Array<{ id: string; ballots: number }> };
  t.equal(doc.stationsImported, 3);
  t.equal(doc.complete, false);
  t.equal(doc.elections.find((e) => e.id === 'G')?.ballots, 13 + 14 + 15);
  t.match(results.stderr, /tussentijds resultaat/);
  const csv = await cli(['results', '--db', db, '--format', 'csv']);
  t.match(csv.stdout, /^niveau,eenheid,verkiezing/);
  const badFormat = await cli(['results', '--db', db, '--format', 'xml']);
  t.equal(badFormat.code, 2);

  const pvRefused = await cli(['pv', '--db', db, '--out', join(root, 'pv.pdf')]);
  t.equal(pvRefused.code, 3, 'no PV before every station is in (art. 25)');
  t.match(pvRefused.stderr, /3 van de 12 stembureaus/);
  const pv = await cli(['pv', '--db', db, '--out', join(root, 'pv.pdf'), '--ontwerp']);
  t.equal(pv.code, 0, pv.stderr);
  t.equal((await readFile(join(root, 'pv.pdf'))).subarray(0, 5).toString(), '%PDF-');

  const eml = await cli(['export', '--db', db, '--format', 'eml510', '--out', join(root, 'count.xml')]);
  t.equal(eml.code, 0, eml.stderr);
  t.match(await readFile(join(root, 'count.xml'), 'utf8'), /<EML xmlns="urn:oasis:names:tc:evs:schema:eml" Id="510"/);

  const noDb = await cli(['results', '--db', join(root, 'nope.db'), '--format', 'json']);
  t.equal(noDb.code, 2);
  t.match(noDb.stderr, /bestaat niet/);

  const recount = await cli(['recount', '--db', db]);
  t.equal(recount.code, 0, recount.stdout);
  const votes = days.reduce((n, d) => n + d.ballots.reduce((m, b) => m + b.vote.elections.length, 0), 0);
  t.match(recount.stdout, new RegExp(`Hertelling: ${votes} stemmen van 42 stembiljetten van 3 stembureaus opnieuw geteld; alles klopt`));
  t.match(recount.stdout, /geef ze mee \(met --key\)/, 'says where the signatures are checked');
  const noKey = await cli(['recount', '--db', db, join(reader, 'sb1-a')]);
  t.equal(noKey.code, 2);
  t.match(noKey.stderr, /--key/);
  const sources = [join(reader, 'sb1-a'), join(reader, 'sb2-b'), join(reader, 'sb3-a')];
  const withSticks = await cli(['recount', '--db', db, ...sources], env);
  t.equal(withSticks.code, 0, withSticks.stdout);
  t.match(withSticks.stdout, /Stembureau 1, 2, 3: elke bewaarde stem is die van een ondertekend stembiljet/);

  const hb = await openHb(t, election, db);
  t.equal(hb.results().stationsImported, 3, 'the CLI wrote what the API reads');
  // An auditor's recount catches a stored vote or a tally changed behind the application's back,
  // from the database alone and against the signed ballots on the sticks.
  hb.db.sqlite.prepare("UPDATE vote SET vote = '[]' WHERE (station, election, vote_id) = (SELECT station, election, vote_id FROM vote WHERE station = 1 AND election = 'P' LIMIT 1)").run();
  hb.db.sqlite.prepare('UPDATE list_tally SET stemcijfer = stemcijfer + 1 WHERE station = 2 AND election = ? AND list = 1').run('G');
  hb.db.sqlite.prepare('UPDATE candidate_total SET votes = votes + 1 WHERE election = ? AND list = 1 AND position = 1').run('P');
  const forged = hb.db.sqlite.prepare("SELECT vote_id, vote FROM vote WHERE station = 3 AND election = 'P' AND vote LIKE '[1,%' LIMIT 1").get() as { vote_id: Buffer; vote: string };
  hb.db.sqlite.prepare("UPDATE vote SET vote = '[0]' WHERE station = 3 AND election = 'P' AND vote_id = ?").run(forged.vote_id);
  const tampered = await cli(['recount', '--db', db]);
  t.equal(tampered.code, 4);
  t.match(tampered.stdout, /stembureau 1, P: 1 bewaarde stem\(men\) onleesbaar/);
  t.match(tampered.stdout, /stembureau 2, G: de hertelling verschilt van de bewaarde telling/);
  t.match(tampered.stdout, / {2}- P: de hertelling verschilt van het totaal/);
  t.notMatch(tampered.stdout, / {2}- G: de hertelling verschilt van het totaal/, 'the G total itself was not touched');
  t.match(tampered.stdout, /stembureau 3, P: de hertelling verschilt van de bewaarde telling/, 'the changed vote, its tally unchanged');
  const againstSticks = await cli(['recount', '--db', db, ...sources], env);
  t.equal(againstSticks.code, 4);
  t.match(againstSticks.stdout, /stembureau 3: de bewaarde stemmen verschillen van de ondertekende stembiljetten — P: 1 stem\(men\) met dezelfde code maar een andere inhoud/);
  t.match(againstSticks.stdout, /stembureau 1: de bewaarde stemmen verschillen van de ondertekende stembiljetten — P: 1 stem\(men\) met dezelfde code/);
  t.notMatch(againstSticks.stdout, /stembureau 2: de bewaarde stemmen verschillen/, 'station 2\'s votes themselves were not touched');
});

void t.test('the progress bar', (t) => {
  t.equal(progressBar(0, 4), `[${'.'.repeat(30)}] 0/4`);
  t.equal(progressBar(2, 4), `[${'#'.repeat(15)}${'.'.repeat(15)}] 2/4`);
  t.equal(progressBar(12, 12), `[${'#'.repeat(30)}] 12/12`);
  t.end();
});
