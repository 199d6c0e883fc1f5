// The recount (for audits, and before the PV). Nothing is written.
//
// From the database alone: every polling station's session certificate and signed closing record
// are verified again under its stembureau key; every stored vote of every election is parsed
// again, counted again and compared with the station's tally, its number of rows with the
// closing record's signed count for that election, and the sums with the materialised totals.
//
// Against the sources: the database keeps no signed ballot (it would join a ballot's elections
// together, issue 11), so the signatures are checked where the signed ballots are — on the two
// sticks the hoofdbureau keeps sealed, or in the re-scan file. Each source given is verified
// again completely (every ballot opened and its signature checked, as at the import) and its
// rows, election by election, must be exactly the stored ones: the same vote ids (the same
// ballots) with the same votes.
import { fromBase64, Verifier } from '@ovs/crypto';
import { electionsForStation, findStation, type Election } from '@ovs/election';
import { HASH_PREFIX_BYTES, verifySessionCertificate } from '@ovs/ballot';
import { countChoices, sumTallies, type ElectionChoice, type Tally } from '@ovs/results';
import { CLOSING_SIGNATURE_DOMAIN, decodeSignatureFile, verifyRecord } from '@ovs/stick';
import { voteDifferences } from '../db/import-tx.ts';
import type { HoofdbureauDb } from '../db/open-db.ts';
import { readAllStationTallies, readTotals, shapeOfElection } from '../db/totals.ts';
import { parseChoiceText } from '../stick/vote-text.ts';
import type { StickContent } from '../stick/check-job.ts';

export interface RecountReport {
  /** Ballots of the imported stations (as imported). */
  ballots: number;
  /** Stored votes counted again: one per election of each ballot. */
  votes: number;
  stations: number;
  /** Stations whose stored votes were compared with a stick or re-scan verified again. */
  verifiedAgainstSources: number[];
  /** Empty when everything agrees. */
  differences: string[];
}

/** A stick or re-scan of one station, verified again: what the import would store for it. */
export interface RecountSource {
  station: number;
  /** For the report: the stick folder or the re-scan file. */
  path: string;
  content: StickContent;
}

const sameTally = (a: Tally, b: Tally): boolean => JSON.stringify(a) === JSON.stringify(b);

interface ImportRow {
  station: number;
  source: string;
  ballots: number;
  session_certificate: Buffer;
  closing_json: Buffer | null;
  closing_sig: Buffer | null;
}

/** The certified session key of a station's import, checked again under its stembureau key. */
export function storedSessionVerifier(db: HoofdbureauDb, station: number, certificate: Uint8Array): { ok: true; verifier: Verifier } | { ok: false; error: string } {
  const s = findStation(db.pkg.election, station);
  const key = s ? fromBase64(s.stembureauKey.publicKey) : undefined;
  if (!key) return { ok: false, error: 'onbekend stembureau' };
  const cert = verifySessionCertificate(certificate, { hashPrefix: db.pkg.hash.subarray(0, HASH_PREFIX_BYTES), station, stembureauPublicKey: key });
  return cert.ok ? { ok: true, verifier: cert.value.verifier } : { ok: false, error: cert.error };
}

/** The closing record's signed count per election, or why it cannot be trusted. */
function signedCounts(db: HoofdbureauDb, row: ImportRow): Record<string, number> | string {
  if (!row.closing_json || !row.closing_sig) return 'geen afsluiting bewaard';
  const s = findStation(db.pkg.election, row.station);
  const key = s ? fromBase64(s.stembureauKey.publicKey) : undefined;
  const signature = decodeSignatureFile(row.closing_sig);
  const verifier = key ? Verifier.from(key) : undefined;
  if (!signature || !verifier || !verifyRecord(CLOSING_SIGNATURE_DOMAIN, row.closing_json, signature, verifier)) return 'de handtekening van het stembureau over de bewaarde afsluiting klopt niet';
  try {
    return (JSON.parse(row.closing_json.toString('utf8')) as { registeredPerElection: Record<string, number> }).registeredPerElection;
  } catch {
    return 'de bewaarde afsluiting is onleesbaar';
  }
}

export function recount(db: HoofdbureauDb, sources: readonly RecountSource[] = []): RecountReport {
  const pkg = db.pkg;
  const stored = readAllStationTallies(db);
  const differences: string[] = [];
  let ballots = 0;
  let votes = 0;
  const imports = db.sqlite.prepare('SELECT station, source, ballots, session_certificate, closing_json, closing_sig FROM import ORDER BY station').all() as ImportRow[];
  const rows = db.sqlite.prepare('SELECT vote FROM vote WHERE station = ? AND election = ?').pluck();
  const recounted = new Map<number, Map<string, Tally>>();
  for (const imp of imports) {
    ballots += imp.ballots;
    const cert = storedSessionVerifier(db, imp.station, imp.session_certificate);
    if (!cert.ok) differences.push(`stembureau ${imp.station}: het bewaarde sessiecertificaat is ongeldig (${cert.error})`);
    const signed = imp.source === 'herscan' ? undefined : signedCounts(db, imp);
    if (typeof signed === 'string') differences.push(`stembureau ${imp.station}: ${signed}`);
    const perElection = new Map<string, Tally>();
    for (const e of electionsForStation(pkg.election, imp.station)) {
      const counted = recountElection(e, rows.all(imp.station, e.id) as string[]);
      votes += counted.rows;
      if (typeof counted.result === 'string') {
        differences.push(`stembureau ${imp.station}, ${e.id}: ${counted.result}`);
        continue;
      }
      perElection.set(e.id, counted.result);
      const kept = stored.get(imp.station)?.get(e.id);
      if (!kept || !sameTally(kept, counted.result)) differences.push(`stembureau ${imp.station}, ${e.id}: de hertelling verschilt van de bewaarde telling`);
      if (counted.rows > imp.ballots) differences.push(`stembureau ${imp.station}, ${e.id}: ${counted.rows} stemmen bewaard, meer dan de ${imp.ballots} ingelezen stembiljetten`);
      if (signed && typeof signed === 'object' && signed[e.id] !== counted.rows) {
        differences.push(`stembureau ${imp.station}, ${e.id}: ${counted.rows} stemmen bewaard, ${signed[e.id] ?? 0} volgens de ondertekende afsluiting`);
      }
    }
    recounted.set(imp.station, perElection);
  }
  for (const total of readTotals(db)) {
    const parts = [...recounted.values()].flatMap((m) => {
      const t = m.get(total.election.id);
      return t ? [t] : [];
    });
    const summed = sumTallies(shapeOfElection(total.election), parts);
    if (!summed.ok || !sameTally(summed.value, total.tally)) differences.push(`${total.election.id}: de hertelling verschilt van het totaal`);
  }

  const verifiedAgainstSources: number[] = [];
  for (const source of sources) {
    if (!imports.some((i) => i.station === source.station)) {
      differences.push(`stembureau ${source.station} (${source.path}): niet ingelezen`);
      continue;
    }
    const found = voteDifferences(db, source.station, source.content.votes, source.path);
    if (found.length > 0) differences.push(...found.map((d) => `stembureau ${source.station}: de bewaarde stemmen verschillen van de ondertekende stembiljetten — ${d}`));
    else verifiedAgainstSources.push(source.station);
  }
  return { ballots, votes, stations: imports.length, verifiedAgainstSources, differences };
}

/** One election's stored votes of one station, parsed and counted again. */
function recountElection(election: Election, texts: readonly string[]): { rows: number; result: Tally | string } {
  const choices: ElectionChoice[] = [];
  let unreadable = 0;
  for (const text of texts) {
    const choice = parseChoiceText(text);
    if (choice) choices.push(choice);
    else unreadable++;
  }
  if (unreadable > 0) return { rows: texts.length, result: `${unreadable} bewaarde stem(men) onleesbaar` };
  const counted = countChoices(shapeOfElection(election), choices);
  return { rows: texts.length, result: counted.ok ? counted.value : `een stem kan niet geteld worden (${counted.error.code})` };
}
