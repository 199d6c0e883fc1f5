// Re-scan mode (decree art. 24, third paragraph): when neither stick of a polling station can be
// imported, a ballot box connected to the hoofdbureau scans all its paper ballots again. The
// input is what such a box produces: the scanned barcode payloads (payload ‖ signature, as
// printed), for one polling station, plus the station's session certificate(s) — from
// session.json on either stick (signed by the stembureau), from an activation card, or from a
// scan of the QR code "Sessiecertificaat" printed on the kerncijferrapport.
//
// Every scan is verified as the ballot box does: package, polling station, the session key's
// signature, the strict decoder, no test ballot. A ballot scanned twice counts once (its random
// id). Ballots that fail are left out and listed for the PV (art. 19: "het hoofdbureau maakt
// daarvan melding in het proces-verbaal"). The accepted ballots are then imported atomically,
// marked 'herscan', with that note.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromBase64, toHex, Verifier } from '@ovs/crypto';
import { findStation, type ElectionPackage } from '@ovs/election';
import { createBallotContext, HASH_PREFIX_BYTES, openSignedBallot, SESSION_CERTIFICATE_BYTES, verifySessionCertificate, type Ballot, type BallotContext } from '@ovs/ballot';
import { decodeQr, type DecodeQrError } from '@ovs/barcode';
import { countChoices, type ElectionChoice } from '@ovs/results';
import { decodeSessionRecord, decodeSignatureFile, FILES, readProblem, readRegularFile, SESSION_SIGNATURE_DOMAIN, verifyRecord, type StickFile } from '@ovs/stick';
import { importChecked, recordAttempt } from '../db/import-tx.ts';
import { isPaperStation } from '../paper/setup.ts';
import { paperStationProblem } from './import-stick.ts';
import type { ElectionTally, StickContent } from '../stick/check-job.ts';
import { advice, hoofdbureauProblem, type Problem } from '../stick/problems.ts';
import { shapeOfElection } from '../db/totals.ts';
import { votesOfBallots } from '../db/vote-rows.ts';
import { stickFolderProblem } from '../stick/stick-folder.ts';
import type { StickContext } from './import-stick.ts';
import type { ImportReport } from './reports.ts';

export const RESCAN_FORMAT = 'ovs-herscan/1';

export interface RescanInput {
  station: number;
  /** Every barcode payload the box read, in any order, duplicates included. */
  scans: readonly Uint8Array[];
  /** Session certificates of the station (e.g. read from an activation card). */
  sessionCertificates?: readonly Uint8Array[];
  /** A stick folder whose signed session.json gives the certificate (the ballots on it may be unreadable). */
  sessionFrom?: string;
  /** A scanned image (PNG) of the kerncijferrapport's QR code "Sessiecertificaat". */
  sessionFromReport?: string;
  /** Registered ballots according to the kerncijferrapport, when known: compared in the PV note. */
  expectedBallots?: number;
  /** Where the input came from, for the attempt log. */
  path?: string;
}

export type RescanFileResult = { ok: true; input: RescanInput } | { ok: false; message: string };

/**
 * The file a re-scanning box writes:
 *   {"format":"ovs-herscan/1","station":4,"scans":["<base64>",…],
 *    "sessionCertificates":["<base64>",…],"expectedBallots":612}
 * (`sessionCertificates` and `expectedBallots` optional).
 */
export function decodeRescanFile(text: string): RescanFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'geen geldige JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: 'geen JSON-object' };
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['format', 'station', 'scans', 'sessionCertificates', 'expectedBallots'].includes(k)) return { ok: false, message: `onbekend veld "${k}"` };
  if (o.format !== RESCAN_FORMAT) return { ok: false, message: `veld format: niet "${RESCAN_FORMAT}"` };
  if (typeof o.station !== 'number' || !Number.isInteger(o.station) || o.station < 1 || o.station > 999) return { ok: false, message: 'veld station: geen stembureaunummer' };
  const bytesList = (key: string, value: unknown): Uint8Array[] | string => {
    if (!Array.isArray(value)) return `veld ${key}: geen lijst`;
    const out: Uint8Array[] = [];
    for (const [i, v] of value.entries()) {
      const b = typeof v === 'string' ? fromBase64(v) : undefined;
      if (!b || b.length === 0) return `veld ${key}[${i}]: geen base64`;
      out.push(b);
    }
    return out;
  };
  const scans = bytesList('scans', o.scans);
  if (typeof scans === 'string') return { ok: false, message: scans };
  const certs = o.sessionCertificates === undefined ? [] : bytesList('sessionCertificates', o.sessionCertificates);
  if (typeof certs === 'string') return { ok: false, message: certs };
  if (o.expectedBallots !== undefined && (typeof o.expectedBallots !== 'number' || !Number.isInteger(o.expectedBallots) || o.expectedBallots < 0)) {
    return { ok: false, message: 'veld expectedBallots: geen aantal' };
  }
  return {
    ok: true,
    input: {
      station: o.station,
      scans,
      ...(certs.length > 0 ? { sessionCertificates: certs } : {}),
      ...(typeof o.expectedBallots === 'number' ? { expectedBallots: o.expectedBallots } : {}),
    },
  };
}

export type ScanRefusal = 'too-short' | 'bad-version' | 'bad-flags' | 'wrong-package' | 'unknown-station' | 'no-election' | 'index-out-of-range' | 'empty-list-vote' | 'nonzero-padding' | 'bad-length' | 'wrong-station' | 'bad-signature' | 'test-ballot' | 'same-id-other-vote';

export const SCAN_REFUSALS: Record<ScanRefusal, string> = {
  'too-short': 'barcode te kort',
  'bad-version': 'onbekende versie',
  'bad-flags': 'ongeldige vlaggen',
  'wrong-package': 'ander verkiezingspakket',
  'unknown-station': 'onbekend stembureau',
  'no-election': 'geen verkiezing',
  'index-out-of-range': 'ongeldige keuze',
  'empty-list-vote': 'lege lijststem',
  'nonzero-padding': 'ongeldige opvulling',
  'bad-length': 'ongeldige lengte',
  'wrong-station': 'stembiljet van een ander stembureau',
  'bad-signature': 'handtekening klopt niet',
  'test-ballot': 'teststembiljet',
  'same-id-other-vote': 'zelfde code, andere stem',
};

export interface RescanReport {
  scanned: number;
  accepted: number;
  duplicates: number;
  refused: Partial<Record<ScanRefusal, number>>;
  expectedBallots: number | null;
}

type StickSession = { ok: true; certificate: Uint8Array; bytes: Uint8Array; signature: Uint8Array } | { ok: false; problem: string };

/** session.json and session.sig of a stick whose ballots may be unreadable. */
async function sessionFromStick(dir: string): Promise<StickSession> {
  const folder = await stickFolderProblem(dir);
  if (folder) return { ok: false, problem: folder.message };
  // Under the stick's rules (regular files, size, time-out): the text of a refusal, or the bytes.
  const read = async (name: StickFile): Promise<Uint8Array | string> => {
    const r = await readRegularFile(join(dir, name), name);
    if (r.ok) return r.value;
    return r.error.code === 'not-found' ? `${FILES.sessionJson} of ${FILES.sessionSig} ontbreekt op ${dir}.` : readProblem(name, r.error).message;
  };
  const bytes = await read(FILES.sessionJson);
  if (typeof bytes === 'string') return { ok: false, problem: bytes };
  const sigFile = await read(FILES.sessionSig);
  if (typeof sigFile === 'string') return { ok: false, problem: sigFile };
  const signature = decodeSignatureFile(sigFile);
  const record = decodeSessionRecord(bytes);
  if (!record.ok || !signature) return { ok: false, problem: `${FILES.sessionJson} op ${dir} is onleesbaar.` };
  return { ok: true, certificate: record.value.sessionCertificate, bytes, signature };
}

const QR_PROBLEMS: Record<DecodeQrError, string> = {
  'no-barcode': 'geen QR-code gevonden op het beeld',
  'multiple-barcodes': 'meer dan één QR-code op het beeld: scan alleen de code "Sessiecertificaat"',
  'not-qr': 'de code op het beeld is geen QR-code',
  'damaged-barcode': 'de QR-code is beschadigd of onscherp: scan opnieuw, liefst op 300 dpi',
  'unreadable-image': 'geen leesbaar PNG-beeld',
  'image-too-large': 'het beeld is te groot: scan op hoogstens 600 dpi',
  'decoder-failure': 'de QR-lezer faalde: probeer opnieuw',
};

type ReportSession = { ok: true; certificate: Uint8Array } | { ok: false; problem: string };

/**
 * The certificate from a scan of the kerncijferrapport. The QR code is not signed on its own:
 * the certificate is (by the stembureau key), and is checked below like any other.
 */
async function sessionFromReportImage(path: string): Promise<ReportSession> {
  let image: Uint8Array;
  try {
    image = new Uint8Array(await readFile(path));
  } catch {
    return { ok: false, problem: `${path} kan niet gelezen worden.` };
  }
  const read = await decodeQr(image);
  if (!read.ok) return { ok: false, problem: `${path}: ${QR_PROBLEMS[read.error]}.` };
  if (read.value.length !== SESSION_CERTIFICATE_BYTES) {
    return { ok: false, problem: `${path}: deze QR-code is geen sessiecertificaat (${read.value.length} bytes in plaats van ${SESSION_CERTIFICATE_BYTES}); scan de code "Sessiecertificaat" van het kerncijferrapport.` };
  }
  return { ok: true, certificate: read.value };
}

export async function importRescanIn(ctx: StickContext, input: RescanInput): Promise<ImportReport> {
  const db = ctx.db;
  const now = (ctx.now ?? (() => new Date()))();
  const path = input.path ?? input.sessionFrom ?? input.sessionFromReport ?? null;
  const station = findStation(db.pkg.election, input.station);
  const refuse = (problem: Problem, verified: boolean): ImportReport => {
    recordAttempt(db, { action: 'herscan', path, station: input.station, stationVerified: verified, outcome: 'geweigerd', problem, message: problem.message, now });
    return { kind: 'refused', path, station: input.station, stationVerified: verified, problem, advice: advice(problem) };
  };
  if (!station) return refuse(hoofdbureauProblem('rescan-input', `stembureau ${input.station} staat niet in het verkiezingspakket.`), false);
  if (isPaperStation(db, station.number)) return refuse(paperStationProblem(station.number), false);
  if (!ctx.hoofdbureauPrivateKey) throw new Error('importRescanIn: the hoofdbureau key is needed to import');
  const stembureauKey = fromBase64(station.stembureauKey.publicKey);
  const stembureau = stembureauKey ? Verifier.from(stembureauKey) : undefined;
  if (!stembureauKey || !stembureau) throw new Error(`importRescanIn: station ${station.number} has no usable key in a verified package`);

  // Certificates: every one must be the station's, signed by its stembureau key.
  const candidates = [...(input.sessionCertificates ?? [])];
  if (input.sessionFrom) {
    const session = await sessionFromStick(input.sessionFrom);
    if (!session.ok) return refuse(hoofdbureauProblem('rescan-certificate', session.problem, { file: FILES.sessionJson }), true);
    if (!verifyRecord(SESSION_SIGNATURE_DOMAIN, session.bytes, session.signature, stembureau)) {
      return refuse(hoofdbureauProblem('rescan-certificate', `${FILES.sessionSig}: de handtekening van het stembureau over ${FILES.sessionJson} klopt niet.`, { file: FILES.sessionSig }), true);
    }
    candidates.push(session.certificate);
  }
  if (input.sessionFromReport) {
    const fromReport = await sessionFromReportImage(input.sessionFromReport);
    if (!fromReport.ok) return refuse(hoofdbureauProblem('rescan-certificate', fromReport.problem), true);
    candidates.push(fromReport.certificate);
  }
  const verifiers: Verifier[] = [];
  for (const cert of candidates) {
    const checked = verifySessionCertificate(cert, { hashPrefix: db.pkg.hash.subarray(0, HASH_PREFIX_BYTES), station: station.number, stembureauPublicKey: stembureauKey });
    if (!checked.ok) return refuse(hoofdbureauProblem('rescan-certificate', `een sessiecertificaat is ongeldig (${checked.error}).`), true);
    verifiers.push(checked.value.verifier);
  }
  if (verifiers.length === 0) return refuse(hoofdbureauProblem('rescan-certificate', `geen sessiecertificaat voor stembureau ${station.number}.`), true);

  const context = createBallotContext(db.pkg);
  const { ballots, report } = verifyScans(context, station.number, input.scans, verifiers, input.expectedBallots);
  if (ballots.length === 0) return refuse(hoofdbureauProblem('rescan-empty', `geen enkel geldig stembiljet van stembureau ${station.number} in ${report.scanned} scans.`), true);
  const content = scansContent(db.pkg.election, context, station.number, ballots);
  const refusedText = (Object.keys(SCAN_REFUSALS) as ScanRefusal[])
    .filter((why) => report.refused[why])
    .map((why) => `${report.refused[why]} ${SCAN_REFUSALS[why]}`)
    .join(', ');
  const expectedText =
    report.expectedBallots === null ? '' : report.expectedBallots === report.accepted ? `; gelijk aan de ${report.expectedBallots} geregistreerde stemmen van het kerncijferrapport` : `; het kerncijferrapport vermeldt ${report.expectedBallots} geregistreerde stemmen`;
  const note =
    `Beide gegevensdragers waren onbruikbaar; alle stembiljetten werden opnieuw ingescand (decreet art. 24, derde lid): ${report.scanned} scans, ` +
    `${report.accepted} stembiljetten geteld, ${report.duplicates} dubbel gescand${refusedText ? `, geweerd: ${refusedText}` : ''}${expectedText}.`;
  const outcome = importChecked(db, {
    station: { number: station.number, name: station.name, deelgebied: station.deelgebied },
    path,
    source: 'herscan',
    content,
    rescan: { sessionCertificate: candidates[0]!, report: { ...report } },
    note,
    now,
  });
  const ref = { number: station.number, name: station.name, deelgebied: station.deelgebied };
  switch (outcome.kind) {
    case 'imported':
      return { kind: 'imported', path, station: ref, seq: outcome.seq, ballots: outcome.ballots, source: 'herscan', note: outcome.note };
    case 'identical':
      return { kind: 'identical', path, station: ref, importedAt: outcome.importedAt };
    case 'mismatch':
      return { kind: 'mismatch', path, station: ref, differences: outcome.differences };
    case 'refused':
      return { kind: 'refused', path, station: station.number, stationVerified: true, problem: outcome.problem, advice: advice(outcome.problem) };
    default: {
      const never: never = outcome;
      throw new Error(String(never));
    }
  }
}

/**
 * The scans verified as the ballot box does (package, station, signature under one of
 * `verifiers`, strict decoding, no test ballot), each ballot once: sorted by ballot id.
 */
export function verifyScans(context: BallotContext, station: number, scans: readonly Uint8Array[], verifiers: readonly Verifier[], expectedBallots?: number): { ballots: Ballot[]; report: RescanReport } {
  const byId = new Map<string, { ballot: Ballot; signed: Uint8Array }>();
  const report: RescanReport = { scanned: scans.length, accepted: 0, duplicates: 0, refused: {}, expectedBallots: expectedBallots ?? null };
  const refuseScan = (why: ScanRefusal): void => {
    report.refused[why] = (report.refused[why] ?? 0) + 1;
  };
  for (const scan of scans) {
    const opened = openSignedBallot(context, scan, station, verifiers);
    if (!opened.ok) {
      refuseScan(opened.error);
      continue;
    }
    if (opened.value.ballot.test) {
      refuseScan('test-ballot');
      continue;
    }
    const id = toHex(opened.value.ballot.ballotId);
    const known = byId.get(id);
    if (known) {
      if (Buffer.compare(known.signed, scan) === 0) report.duplicates++;
      else refuseScan('same-id-other-vote');
      continue;
    }
    byId.set(id, { ballot: opened.value.ballot, signed: new Uint8Array(scan) });
  }
  report.accepted = byId.size;
  return { ballots: [...byId.values()].map((b) => b.ballot).sort((a, b) => Buffer.compare(a.ballotId, b.ballotId)), report };
}

/** What the hoofdbureau keeps of verified ballots: the tallies and each election's rows (db/vote-rows.ts). */
export function scansContent(election: ElectionPackage, context: BallotContext, station: number, ballots: readonly Ballot[]): StickContent {
  const tallies: ElectionTally[] = [];
  const layouts = context.stations.get(station) ?? [];
  for (const layout of layouts) {
    const e = election.elections.find((x) => x.id === layout.id)!;
    const choices: ElectionChoice[] = [];
    for (const b of ballots) for (const ev of b.vote.elections) if (ev.election === layout.id) choices.push(ev.choice);
    const counted = countChoices(shapeOfElection(e), choices);
    if (!counted.ok) throw new Error(`scansContent: a verified ballot cannot be counted (${counted.error.code})`);
    tallies.push({ election: layout.id, tally: counted.value });
  }
  return { count: ballots.length, votes: votesOfBallots(layouts.map((l) => l.id), ballots), tallies };
}
