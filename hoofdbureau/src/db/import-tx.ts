// The import of one polling station: one SQLite transaction, all of it or nothing (decree
// art. 24; in 2018 pulled sticks left six polling stations partly counted). Only verified data
// reaches this point; the transaction then
//   - refuses a second import of the same polling station unless it is the identical copy
//     ("al ingelezen, identiek"), and reports any other difference without merging anything;
//   - inserts the votes (one row per election of each ballot, under unlinkable vote ids:
//     vote-rows.ts), the station's tallies, adds them to the materialised totals and stores the
//     intermediate result.
// Any failure inside (a constraint, a full disk, a crash) rolls all of it back.
// BEGIN IMMEDIATE takes the write lock before the duplicate check, so two processes importing
// the two sticks of one station at the same moment cannot both pass it.
import type { Statement } from 'better-sqlite3';
import { bytesEqual, toHex } from '@ovs/crypto';
import type { StickContent, StickSummary, StationRef } from '../stick/check-job.ts';
import type { Problem } from '../stick/problems.ts';
import type { HoofdbureauDb } from './open-db.ts';
import { countedIntermediateJson } from '../paper/totals.ts';
import { VOTE_ID_BYTES, voteIdHex, voteTextAt, type ElectionVotes } from './vote-rows.ts';

export type ImportSource = 'stick' | 'kopie' | 'herscan';

export interface RescanRecord {
  sessionCertificate: Uint8Array;
  /** Counts for the PV: scanned, accepted, duplicates, refused per reason. */
  report: Record<string, unknown>;
}

export interface ImportRequest {
  station: StationRef;
  path: string | null;
  source: ImportSource;
  content: StickContent;
  /** For a stick (original or copy). */
  summary?: StickSummary;
  /** For a re-scan. */
  rescan?: RescanRecord;
  /** For the PV: why the copy or a re-scan was used. */
  note?: string;
  now?: Date;
}

export type ImportOutcome =
  | { kind: 'imported'; station: number; seq: number; ballots: number; source: ImportSource; note: string | null }
  | { kind: 'identical'; station: number; importedAt: string; source: ImportSource }
  | { kind: 'mismatch'; station: number; differences: string[] }
  | { kind: 'refused'; station: number; problem: Problem };

interface ImportRow {
  station: number;
  seq: number;
  source: ImportSource;
  imported_at: string;
  ballots: number;
  closing_hash: Buffer | null;
  store_hash: Buffer | null;
  closing_json: Buffer | null;
  closing_short_hash: string | null;
  store_short_hash: string | null;
}

export type PriorState =
  | { kind: 'new' }
  | { kind: 'identical'; importedAt: string; source: ImportSource }
  | { kind: 'mismatch'; differences: string[] };

const importRow = (db: HoofdbureauDb, station: number): ImportRow | undefined =>
  db.sqlite
    .prepare('SELECT station, seq, source, imported_at, ballots, closing_hash, store_hash, closing_json, closing_short_hash, store_short_hash FROM import WHERE station = ?')
    .get(station) as ImportRow | undefined;

/**
 * How a verified stick relates to what is already imported for its polling station. The same
 * closing record (its SHA-256 fixes the ballot store, the event log and the session) and the
 * same store hash: the identical copy.
 */
export function priorState(db: HoofdbureauDb, summary: StickSummary, content?: StickContent): PriorState {
  const row = importRow(db, summary.station.number);
  if (!row) return { kind: 'new' };
  if (row.source !== 'herscan' && row.closing_hash && row.store_hash && bytesEqual(row.closing_hash, summary.closingHash) && bytesEqual(row.store_hash, summary.storeHash)) {
    return { kind: 'identical', importedAt: row.imported_at, source: row.source };
  }
  return { kind: 'mismatch', differences: differences(db, row, summary, content) };
}

/**
 * A re-scan of a polling station already imported: exactly the stored votes (the same ballots give
 * the same vote ids) is "al ingelezen, identiek" and counts nothing twice; anything else differs.
 */
function rescanPrior(db: HoofdbureauDb, station: number, content: StickContent): PriorState {
  const row = importRow(db, station);
  if (!row) return { kind: 'new' };
  const found = voteDifferences(db, station, content.votes, 'de herscan');
  if (found.length === 0) return { kind: 'identical', importedAt: row.imported_at, source: row.source };
  return { kind: 'mismatch', differences: ['dit stembureau werd al ingelezen', ...found] };
}

function differences(db: HoofdbureauDb, row: ImportRow, summary: StickSummary, content?: StickContent): string[] {
  const out: string[] = [];
  if (row.source === 'herscan') out.push('dit stembureau werd al ingelezen door de stembiljetten opnieuw in te scannen');
  const c = summary.closing;
  let imported: { sessionId?: string; registeredBallots?: number; closedAt?: string; registeredPerElection?: Record<string, number> } = {};
  if (row.closing_json) {
    try {
      imported = JSON.parse(Buffer.from(row.closing_json).toString('utf8')) as typeof imported;
    } catch {
      imported = {};
    }
  }
  if (imported.sessionId !== undefined && imported.sessionId !== toHex(c.sessionId)) out.push('een andere opening van het stembureau (andere sessie)');
  if (row.ballots !== c.registeredBallots) out.push(`${c.registeredBallots} stembiljetten op deze stick, ${row.ballots} ingelezen`);
  for (const [election, n] of Object.entries(c.registeredPerElection)) {
    const before = imported.registeredPerElection?.[election];
    if (before !== undefined && before !== n) out.push(`${election}: ${n} stembiljetten op deze stick, ${before} ingelezen`);
  }
  if (row.store_short_hash && row.store_short_hash !== summary.storeShortHash) {
    out.push(`controlecode stembiljetten ${summary.storeShortHash} op deze stick, ${row.store_short_hash} ingelezen`);
  }
  if (imported.closedAt !== undefined && imported.closedAt !== c.closedAt) out.push(`afgesloten om ${c.closedAt} op deze stick, ${imported.closedAt} ingelezen`);
  if (content) out.push(...voteDifferences(db, row.station, content.votes, 'deze stick'));
  if (row.closing_short_hash && out.length === 0) out.push('de afsluiting (kerncijfers) verschilt van de ingelezen stick');
  return out;
}

/**
 * The votes of a stick or a re-scan against what is stored for the station, election by
 * election: the same ballot gives the same vote ids from every source (vote-rows.ts). Empty when
 * they are exactly the stored rows.
 */
export function voteDifferences(db: HoofdbureauDb, station: number, votes: readonly ElectionVotes[], where: string): string[] {
  const out: string[] = [];
  const rows = db.sqlite.prepare('SELECT vote_id, vote FROM vote WHERE station = ? AND election = ?').raw();
  const elections = new Set(votes.map((v) => v.election));
  for (const v of votes) {
    const known = new Map((rows.all(station, v.election) as Array<[Buffer, string]>).map(([id, text]) => [id.toString('hex'), text]));
    let onlyHere = 0;
    let other = 0;
    for (let k = 0; k < v.count; k++) {
      const id = voteIdHex(v, k);
      const text = known.get(id);
      if (text === undefined) onlyHere++;
      else if (text !== voteTextAt(v, k)) other++;
      known.delete(id);
    }
    if (onlyHere > 0) out.push(`${v.election}: ${onlyHere} stem(men) staan alleen op ${where}`);
    if (known.size > 0) out.push(`${v.election}: ${known.size} ingelezen stem(men) ontbreken op ${where}`);
    if (other > 0) out.push(`${v.election}: ${other} stem(men) met dezelfde code maar een andere inhoud dan ingelezen`);
  }
  const stored = db.sqlite.prepare('SELECT election, COUNT(*) FROM vote WHERE station = ? GROUP BY election').raw().all(station) as Array<[string, number]>;
  for (const [election, n] of stored) if (!elections.has(election)) out.push(`${election}: ${n} ingelezen stem(men) ontbreken op ${where}`);
  return out;
}

interface Statements {
  insertImport: Statement;
  insertVote: Statement;
  insertVotes: Statement;
  addTotals: Statement;
  addListTotals: Statement;
  addCandidateTotals: Statement;
  insertIntermediate: Statement;
  insertAttempt: Statement;
  /** Multi-row INSERTs of the station's tallies, by table and number of rows. */
  rows: Map<string, Statement>;
}

/** Rows per multi-row vote INSERT: fewer statement executions for the same B-tree work. */
const BATCH = 64;

const cache = new WeakMap<HoofdbureauDb, Statements>();

function statements(db: HoofdbureauDb): Statements {
  const known = cache.get(db);
  if (known) return known;
  const s = db.sqlite;
  const made: Statements = {
    insertImport: s.prepare(
      `INSERT INTO import (station, seq, source, imported_at, path, ballots, session_certificate, closing_hash, closing_short_hash, store_hash, store_short_hash,
                           closing_json, closing_sig, session_json, session_sig, label, events_log, rescan_json, note)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM import), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    ),
    insertVote: s.prepare('INSERT INTO vote (station, election, vote_id, vote) VALUES (?, ?, ?, ?)'),
    insertVotes: s.prepare(`INSERT INTO vote (station, election, vote_id, vote) VALUES ${Array.from({ length: BATCH }, () => '(?, ?, ?, ?)').join(', ')}`),
    // The materialised totals get the station's tally rows just inserted, in one statement each.
    addTotals: s.prepare(
      `INSERT INTO total (election, stations, ballots, blank) SELECT election, 1, ballots, blank FROM tally WHERE station = ?
       ON CONFLICT (election) DO UPDATE SET stations = stations + 1, ballots = ballots + excluded.ballots, blank = blank + excluded.blank`,
    ),
    addListTotals: s.prepare(
      `INSERT INTO list_total (election, list, stemcijfer, top_box_only, with_candidates, top_box_and_candidates)
       SELECT election, list, stemcijfer, top_box_only, with_candidates, top_box_and_candidates FROM list_tally WHERE station = ?
       ON CONFLICT (election, list) DO UPDATE SET stemcijfer = stemcijfer + excluded.stemcijfer, top_box_only = top_box_only + excluded.top_box_only,
         with_candidates = with_candidates + excluded.with_candidates, top_box_and_candidates = top_box_and_candidates + excluded.top_box_and_candidates`,
    ),
    addCandidateTotals: s.prepare(
      `INSERT INTO candidate_total (election, list, position, votes) SELECT election, list, position, votes FROM candidate_tally WHERE station = ?
       ON CONFLICT (election, list, position) DO UPDATE SET votes = votes + excluded.votes`,
    ),
    insertIntermediate: s.prepare('INSERT INTO intermediate (seq, station, at, stations_imported, totals_json) VALUES (?, ?, ?, (SELECT COUNT(*) FROM import), ?)'),
    insertAttempt: s.prepare(
      `INSERT INTO attempt (at, action, path, station, station_verified, outcome, code, file, record, message, closing_short_hash, store_short_hash, details_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    rows: new Map(),
  };
  cache.set(db, made);
  return made;
}

export interface AttemptInput {
  action: 'import' | 'herscan';
  path: string | null;
  station: number | null;
  stationVerified: boolean;
  outcome: 'ingelezen' | 'identiek' | 'verschil' | 'geweigerd';
  problem?: Problem;
  message: string;
  summary?: StickSummary;
  details?: unknown;
  now?: Date;
}

export function recordAttempt(db: HoofdbureauDb, a: AttemptInput): void {
  statements(db).insertAttempt.run(
    (a.now ?? new Date()).toISOString(),
    a.action,
    a.path,
    a.station,
    a.stationVerified ? 1 : 0,
    a.outcome,
    a.problem?.code ?? null,
    a.problem?.file ?? null,
    a.problem?.record ?? null,
    a.message,
    a.summary?.closingShortHash ?? null,
    a.summary?.storeShortHash ?? null,
    a.details === undefined ? null : JSON.stringify(a.details),
  );
}

const buf = (u: Uint8Array | undefined): Buffer | null => (u ? Buffer.from(u.buffer, u.byteOffset, u.byteLength) : null);

export function importChecked(db: HoofdbureauDb, req: ImportRequest): ImportOutcome {
  const st = statements(db);
  const now = (req.now ?? new Date()).toISOString();
  const station = req.station.number;
  const action = req.source === 'herscan' ? 'herscan' : 'import';
  const attempt = (outcome: AttemptInput['outcome'], message: string, extra: Partial<AttemptInput> = {}): void =>
    recordAttempt(db, { action, path: req.path, station, stationVerified: true, outcome, message, ...(req.summary ? { summary: req.summary } : {}), now: req.now ?? new Date(), ...extra });

  const run = db.sqlite.transaction((): ImportOutcome => {
    if (importRow(db, station)) {
      const prior: PriorState = req.summary ? priorState(db, req.summary, req.content) : rescanPrior(db, station, req.content);
      switch (prior.kind) {
        case 'identical':
          attempt('identiek', 'al ingelezen, identiek');
          return { kind: 'identical', station, importedAt: prior.importedAt, source: prior.source };
        case 'mismatch':
          attempt('verschil', `verschilt van de ingelezen gegevens: ${prior.differences.join('; ')}`, { details: prior.differences });
          return { kind: 'mismatch', station, differences: prior.differences };
        case 'new':
          throw new Error('importChecked: import row vanished inside the transaction');
        default: {
          const never: never = prior;
          throw new Error(String(never));
        }
      }
    }
    const s = req.summary;
    const content = req.content;
    const seqRow = st.insertImport.get(
      station,
      req.source,
      now,
      req.path,
      content.count,
      buf(s?.sessionCertificate ?? req.rescan?.sessionCertificate),
      buf(s?.closingHash),
      s?.closingShortHash ?? null,
      buf(s?.storeHash),
      s?.storeShortHash ?? null,
      buf(s?.raw.closingJson),
      buf(s?.raw.closingSig),
      buf(s?.raw.sessionJson),
      buf(s?.raw.sessionSig),
      buf(s?.raw.label),
      buf(s?.raw.events),
      req.rescan ? JSON.stringify(req.rescan.report) : null,
      req.note ?? null,
    ) as { seq: number };

    insertVotes(st, station, content);

    insertTallies(db, st, station, content);
    st.addTotals.run(station);
    st.addListTotals.run(station);
    st.addCandidateTotals.run(station);
    st.insertIntermediate.run(seqRow.seq, station, now, countedIntermediateJson(db));
    attempt('ingelezen', `ingelezen: ${content.count} stembiljetten`);
    return { kind: 'imported', station, seq: seqRow.seq, ballots: content.count, source: req.source, note: req.note ?? null };
  });

  return run.immediate();
}

const TALLY_COLUMNS = {
  tally: ['station', 'election', 'ballots', 'blank'],
  list_tally: ['station', 'election', 'list', 'stemcijfer', 'top_box_only', 'with_candidates', 'top_box_and_candidates'],
  candidate_tally: ['station', 'election', 'list', 'position', 'votes'],
} as const;

/** At most this many rows per statement (SQLite allows 32,766 parameters). */
const MAX_ROWS = 1000;

function insertRows(db: HoofdbureauDb, st: Statements, table: keyof typeof TALLY_COLUMNS, values: unknown[]): void {
  const columns = TALLY_COLUMNS[table];
  const width = columns.length;
  for (let from = 0; from < values.length; from += MAX_ROWS * width) {
    const chunk = values.length - from > MAX_ROWS * width ? values.slice(from, from + MAX_ROWS * width) : from === 0 ? values : values.slice(from);
    const rows = chunk.length / width;
    const key = `${table}:${rows}`;
    let statement = st.rows.get(key);
    if (!statement) {
      const row = `(${columns.map(() => '?').join(', ')})`;
      statement = db.sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
      st.rows.set(key, statement);
    }
    statement.run(chunk);
  }
}

/** The station's tallies: a few multi-row statements instead of one statement per candidate. */
function insertTallies(db: HoofdbureauDb, st: Statements, station: number, content: StickContent): void {
  const tallies: unknown[] = [];
  const lists: unknown[] = [];
  const candidates: unknown[] = [];
  for (const { election, tally } of content.tallies) {
    tallies.push(station, election, tally.ballots, tally.blank);
    for (const l of tally.lists) {
      lists.push(station, election, l.number, l.stemcijfer, l.topBoxOnly, l.withCandidates, l.topBoxAndCandidates);
      l.preferenceVotes.forEach((votes, i) => candidates.push(station, election, l.number, i + 1, votes));
    }
  }
  if (tallies.length > 0) insertRows(db, st, 'tally', tallies);
  if (lists.length > 0) insertRows(db, st, 'list_tally', lists);
  if (candidates.length > 0) insertRows(db, st, 'candidate_tally', candidates);
}

/** Every election's rows in the order of their vote ids: the insertion order tells nothing either. */
function insertVotes(st: Statements, station: number, content: StickContent): void {
  const params: unknown[] = new Array<unknown>(BATCH * 4);
  for (const v of content.votes) {
    const ids = Buffer.from(v.ids.buffer, v.ids.byteOffset, v.ids.byteLength);
    const text = Buffer.from(v.text.buffer, v.text.byteOffset, v.text.byteLength);
    const bind = (at: number, k: number): void => {
      params[at] = station;
      params[at + 1] = v.election;
      params[at + 2] = ids.subarray(k * VOTE_ID_BYTES, (k + 1) * VOTE_ID_BYTES);
      params[at + 3] = text.toString('utf8', v.offsets[k]!, v.offsets[k + 1]!);
    };
    let k = 0;
    for (; k + BATCH <= v.count; k += BATCH) {
      for (let j = 0; j < BATCH; j++) bind(j * 4, k + j);
      st.insertVotes.run(params);
    }
    for (; k < v.count; k++) {
      bind(0, k);
      st.insertVote.run(params.slice(0, 4));
    }
  }
}
