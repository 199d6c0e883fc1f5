// Ballot secrecy in the hoofdbureau's database (issue 11). In a polling station where exactly one
// voter is not Belgian, that voter's ballot is the only one without a provincieraad vote. After
// the import nothing in the database — no table, no column, not the raw bytes of the file — may
// join that voter's gemeenteraad vote to anything: the gemeenteraad and provincieraad rows of one
// ballot share nothing but the station, so the one gemeenteraad row "without a partner" cannot
// be told from the others. Duplicates (copy stick, re-scan) are still recognised by the derived
// vote ids, and the recount still recounts every election and, against the sticks or a re-scan,
// re-verifies every signature.
import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fromHex, SeededRandom, sha256, toBase32, toBase64, toHex } from '@ovs/crypto';
import { createBallotContext, type Vote } from '@ovs/ballot';
import { parseEventLog, VOTER_EVENT_TYPES } from '@ovs/stick';
import { openHoofdbureau, RESCAN_FORMAT } from '../src/index.ts';
import { voteId } from '../src/db/vote-rows.ts';
import { randomVote } from '../src/testing/index.ts';
import { barcodes, day, demo, demoElection, fingerprint, openHb, sticks, tempDir } from './support.ts';

const STATION = 4;

/** Six Belgians (gemeenteraad and provincieraad) and, in the middle, one EU citizen (gemeenteraad only). */
function stationVotes(): Vote[] {
  const d = demo();
  const layouts = createBallotContext({ election: d.election, hash: sha256(d.bytes) }).stations.get(STATION)!;
  if (layouts.map((l) => l.id).join() !== 'G,P') throw new Error('station 4 of the demo votes for the gemeenteraad and the provincieraad');
  const random = new SeededRandom('one foreigner');
  return Array.from({ length: 7 }, (_, i) => randomVote(layouts, random, i === 3));
}

const forms = (bytes: Uint8Array): Buffer[] => [Buffer.from(bytes), Buffer.from(toHex(bytes)), Buffer.from(toHex(bytes).toUpperCase()), Buffer.from(toBase64(bytes)), Buffer.from(toBase32(bytes, 26))];

void t.test('one non-Belgian voter: nothing in the database links their gemeenteraad vote to anything', async (t) => {
  const election = await demoElection(t);
  const votes = stationVotes();
  const d = await day(election, STATION, votes, { seed: 'secrecy' });
  t.equal(d.ballots.filter((b) => b.vote.elections.length === 1).length, 1, 'exactly one ballot without the provincieraad');
  const { a } = await sticks(t, d);
  const signed = await barcodes(election, a);
  const dir = await tempDir(t, 'secrecy-db');
  const file = join(dir, 'hoofdbureau.db');
  const hb = await openHb(t, election, file);
  t.equal((await hb.importStick(a)).kind, 'imported');
  const sql = hb.db.sqlite;

  // Every value of every row of every table: none holds a ballot id or any part of a signed ballot.
  const needles = [...d.ballots.flatMap((b) => forms(b.ballotId)), ...signed.flatMap((s) => [...forms(s), ...forms(s.subarray(s.length - 64)), Buffer.from(s.subarray(0, 40))])];
  const tables = (sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).sort();
  t.ok(tables.includes('vote') && !tables.includes('ballot'), `the tables: ${tables.join(', ')}`);
  let values = 0;
  for (const table of tables) {
    for (const row of sql.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][]) {
      for (const value of row) {
        values++;
        const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
        for (const needle of needles) if (bytes.includes(needle)) t.fail(`${table}: a value holds a ballot id or a signed ballot`);
      }
    }
  }
  t.ok(values > 100, `${values} values searched`);

  // The vote rows: the ballot's G and P rows share no column but the station.
  const columns = (sql.prepare("SELECT name FROM pragma_table_info('vote')").pluck().all() as string[]).sort();
  t.same(columns, ['election', 'station', 'vote', 'vote_id'], 'a vote row is station, election, vote id and the choice: nothing of the ballot');
  const rows = (election: string): Array<{ station: number; vote_id: Buffer; vote: string }> =>
    sql.prepare('SELECT station, vote_id, vote FROM vote WHERE station = ? AND election = ?').all(STATION, election) as Array<{ station: number; vote_id: Buffer; vote: string }>;
  const g = rows('G');
  const p = rows('P');
  t.equal(g.length, 7);
  t.equal(p.length, 6);
  const idHex = (r: { vote_id: Buffer }): string => r.vote_id.toString('hex');
  const pIds = new Set(p.map(idHex));
  t.equal(g.filter((r) => pIds.has(idHex(r))).length, 0, 'no vote id is shared between the elections');
  for (const b of d.ballots) {
    const gRow = g.find((r) => idHex(r) === toHex(voteId('G', b.ballotId)));
    t.ok(gRow, 'the ballot\'s gemeenteraad row is found only by whoever knows its ballot id');
    const pRow = p.find((r) => idHex(r) === toHex(voteId('P', b.ballotId)));
    if (!gRow || !pRow) continue;
    for (let i = 0; i + 4 <= 16; i++) if (pRow.vote_id.includes(gRow.vote_id.subarray(i, i + 4))) t.fail('a G id and its P id share a run of 4 bytes');
  }
  // Joining on everything a G row and a P row could have in common but the station finds no
  // partner for any G row: every one of the seven looks "without a provincieraad vote", so the
  // one that really is cannot be told.
  const partnered = sql
    .prepare("SELECT COUNT(*) FROM vote g JOIN vote p ON p.station = g.station AND p.election = 'P' AND p.vote_id = g.vote_id WHERE g.election = 'G' AND g.station = ?")
    .pluck()
    .get(STATION);
  t.equal(partnered, 0, 'no gemeenteraad row has a partner, so the one without cannot be derived');
  // No order: the table has no rowid, its natural order is its key.
  t.throws(() => sql.prepare('SELECT rowid FROM vote').all(), 'WITHOUT ROWID: no insertion order');
  const natural = sql.prepare('SELECT election, hex(vote_id) FROM vote WHERE station = ?').raw().all(STATION) as Array<[string, string]>;
  t.same(
    natural,
    [...natural].sort((x, y) => (x[0] === y[0] ? (x[1] < y[1] ? -1 : 1) : x[0] < y[0] ? -1 : 1)),
    'rows come back by election and vote id, nothing else',
  );

  // What else the import keeps: the stick's event log dates no card more finely than the hour.
  const imp = sql.prepare('SELECT events_log, closing_json FROM import WHERE station = ?').get(STATION) as { events_log: Buffer; closing_json: Buffer };
  const sessionId = fromHex((JSON.parse(imp.closing_json.toString('utf8')) as { sessionId: string }).sessionId)!;
  const log = parseEventLog(new Uint8Array(imp.events_log), sessionId, undefined);
  t.ok(log.ok);
  if (log.ok) {
    const cards = log.value.events.filter((e) => VOTER_EVENT_TYPES.has(e.type));
    t.equal(cards.length, 7, 'the seven voter cards');
    for (const e of cards) t.equal(Date.parse(e.at) % 3_600_000, 0, `${e.type} at ${e.at}: the hour only`);
  }

  // The raw bytes of the file (and of its WAL, if any) after closing.
  await hb.close();
  const raw = [await readFile(file), ...(existsSync(`${file}-wal`) ? [await readFile(`${file}-wal`)] : [])];
  let found = 0;
  for (const bytes of raw) for (const needle of needles) if (bytes.includes(needle)) found++;
  t.equal(found, 0, 'no ballot id and no byte run of a signed ballot in the database file');
  // The probe works: the vote ids are in the file.
  t.ok(raw[0]!.includes(g[0]!.vote_id), 'the search finds what is there');
});

void t.test('duplicates across stick, copy stick and re-scan: the same ballots give the same vote ids', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, STATION, stationVotes(), { seed: 'duplicates' });
  const { a, b } = await sticks(t, d);
  const scans = await barcodes(election, a);
  const hb = await openHb(t, election);
  t.equal((await hb.importStick(a)).kind, 'imported');
  const before = fingerprint(hb.db);
  t.equal((await hb.importStick(b)).kind, 'identical', 'the copy stick');
  t.equal((await hb.importRescan({ station: STATION, scans: [...scans, scans[2]!], sessionFrom: a })).kind, 'identical', 'the paper ballots re-scanned (one twice)');
  t.equal(fingerprint(hb.db), before, 'counted once');

  // The other way round: the paper first, then the stick — its votes are the stored ones.
  const paperFirst = await openHb(t, election);
  t.equal((await paperFirst.importRescan({ station: STATION, scans, sessionFrom: a })).kind, 'imported');
  const stick = await paperFirst.importStick(b);
  t.equal(stick.kind, 'mismatch', 'a stick after a re-scan is reported, never merged');
  if (stick.kind === 'mismatch') t.notOk(stick.differences.some((x) => /alleen op|ontbreken|andere inhoud/.test(x)), `no vote differs: ${stick.differences.join('; ')}`);
  t.same(
    paperFirst.db.sqlite.prepare('SELECT election, hex(vote_id), vote FROM vote ORDER BY 1, 2').raw().all(),
    hb.db.sqlite.prepare('SELECT election, hex(vote_id), vote FROM vote ORDER BY 1, 2').raw().all(),
    'the paper and the stick give the same rows',
  );
  t.throws(() => hb.db.sqlite.prepare('INSERT INTO vote (station, election, vote_id, vote) SELECT station, election, vote_id, vote FROM vote LIMIT 1').run(), 'a vote id cannot be stored twice');
});

void t.test('the recount: every election from the database, every signature against the stick or the re-scan', async (t) => {
  const election = await demoElection(t);
  const d = await day(election, STATION, stationVotes(), { seed: 'recount' });
  const { a } = await sticks(t, d);
  const scans = await barcodes(election, a);
  const dir = await tempDir(t, 'recount');
  const rescanFile = join(dir, 'herscan.json');
  await writeFile(rescanFile, JSON.stringify({ format: RESCAN_FORMAT, station: STATION, scans: scans.map(toBase64) }));
  const hb = await openHb(t, election);
  t.equal((await hb.importStick(a)).kind, 'imported');
  const clean = await hb.recount([a, rescanFile]);
  t.same(clean.differences, []);
  t.equal(clean.votes, 13, 'seven gemeenteraad and six provincieraad votes counted again');
  t.same(clean.verifiedAgainstSources, [STATION, STATION], 'against the stick and against the re-scan');

  // A consistent forgery: two gemeenteraad votes swapped. Tallies and totals still agree, so the
  // database alone cannot see it; the signed ballots on the stick and on paper do.
  const sql = hb.db.sqlite;
  const [x, y] = sql.prepare("SELECT vote_id, vote FROM vote WHERE station = ? AND election = 'G'").all(STATION) as Array<{ vote_id: Buffer; vote: string }>;
  const other = (sql.prepare("SELECT vote_id, vote FROM vote WHERE station = ? AND election = 'G' AND vote <> ?").all(STATION, x!.vote) as Array<{ vote_id: Buffer; vote: string }>)[0] ?? y!;
  const swap = sql.prepare("UPDATE vote SET vote = ? WHERE station = ? AND election = 'G' AND vote_id = ?");
  swap.run(other.vote, STATION, x!.vote_id);
  swap.run(x!.vote, STATION, other.vote_id);
  t.same((await hb.recount()).differences, [], 'the database agrees with itself');
  const caught = await hb.recount([a, rescanFile]);
  t.equal(caught.differences.length, 2);
  t.ok(
    caught.differences.every((m) => m.includes('de bewaarde stemmen verschillen van de ondertekende stembiljetten') && m.includes('G: 2 stem(men) met dezelfde code maar een andere inhoud')),
    caught.differences.join('\n'),
  );
});

void t.test('a database of the previous schema (whole ballots) is refused and left as it is', async (t) => {
  const election = await demoElection(t);
  const dir = await tempDir(t, 'old-db');
  const file = join(dir, 'old.db');
  const old = new Database(file);
  old.exec('CREATE TABLE ballot (station INTEGER NOT NULL, ballot_id BLOB NOT NULL, signed BLOB NOT NULL, vote TEXT NOT NULL, PRIMARY KEY (station, ballot_id)) WITHOUT ROWID');
  old.pragma('user_version = 1');
  old.close();
  const bytes = await readFile(file);
  const opened = await openHoofdbureau({ db: file, packageDir: election.packageDir, key: election.keyFile, workers: 0 });
  t.equal(opened.ok, false);
  if (!opened.ok) t.match(opened.message, /werd gemaakt door een oudere versie \(schema 1\).*Maak een nieuwe databank \(--db NIEUW\.db\) en lees de sticks opnieuw in/);
  t.same(await readFile(file), bytes, 'not a byte changed');
  t.notOk(existsSync(`${file}-wal`), 'not even turned into WAL');
});
