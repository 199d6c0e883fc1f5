// Decree art. 24, third paragraph: when neither the original stick nor its copy can be loaded,
// the hoofdbureau requisitions a digital voting system and re-scans every paper ballot of the
// polling station. This is the ballot box's reading of a ballot without the console: the same
// decoder and the same verification (signature chain, package, station, not a test ballot),
// plus the one rule the console would have applied — each ballot id counts once.
//
// Where the session certificate comes from is the caller's business (session.json on a stick
// that is readable but not importable, the president console's opening record...): without it
// no signature can be checked, and an unchecked ballot is never returned.
import { createQrDecoder, type DecodeInput, type QrDecoder } from '@ovs/barcode';
import { createBallotContext, verifySessionCertificate, type Ballot, type CertificateError } from '@ovs/ballot';
import type { Verifier } from '@ovs/crypto';
import type { VerifiedPackage } from '@ovs/election';
import { checkBallot, type BallotFault } from './machine/check-ballot.ts';
import { stationKeys } from './machine/console-session.ts';

/** One scan: PNG file bytes, a camera frame (gray or RGBA), or the bytes a decoding imager delivered. */
export type RescanInput = DecodeInput | { bytes: Uint8Array };

export type RescanRefusal = 'no-barcode' | 'unreadable' | BallotFault;

export type RescanOutcome =
  | { kind: 'ballot'; ballot: Ballot; signed: Uint8Array }
  /** The same ballot id was read before in this re-scan: a second copy, counted once. */
  | { kind: 'duplicate' }
  | { kind: 'refused'; reason: RescanRefusal; detail: string };

export interface RescanResult {
  /** Every verified ballot once, sorted by ballot id (the order of the papers is not kept). */
  ballots: Array<{ ballot: Ballot; signed: Uint8Array }>;
  scanned: number;
  duplicates: number;
  refused: Partial<Record<RescanRefusal, number>>;
}

export interface RescanOptions {
  package: VerifiedPackage;
  station: number;
  /** The station's session certificate(s), each checked against the stembureau key in the package. */
  sessionCertificates: readonly Uint8Array[];
  decoder?: QrDecoder;
}

export type RescanSetupError = { error: 'unknown-station' } | { error: 'no-certificate' } | { error: 'bad-certificate'; index: number; why: CertificateError };

export interface Rescanner {
  /** Reads one scan; the outcome says what happened to it. */
  read(input: RescanInput): RescanOutcome;
  result(): RescanResult;
}

export async function createRescanner(options: RescanOptions): Promise<{ ok: true; rescanner: Rescanner } | ({ ok: false } & RescanSetupError)> {
  const context = createBallotContext(options.package);
  const keys = stationKeys(context, options.package.hash, options.station);
  if (!keys) return { ok: false, error: 'unknown-station' };
  if (options.sessionCertificates.length === 0) return { ok: false, error: 'no-certificate' };
  const verifiers: Verifier[] = [];
  for (const [index, certificate] of options.sessionCertificates.entries()) {
    const v = verifySessionCertificate(certificate, { hashPrefix: keys.hashPrefix, station: keys.station, stembureauPublicKey: keys.stembureauPublicKey });
    if (!v.ok) return { ok: false, error: 'bad-certificate', index, why: v.error };
    verifiers.push(v.value.verifier);
  }
  const decoder = options.decoder ?? (await createQrDecoder());
  const seen = new Map<string, { ballot: Ballot; signed: Uint8Array }>();
  let scanned = 0;
  let duplicates = 0;
  const refused: Partial<Record<RescanRefusal, number>> = {};

  const refuse = (reason: RescanRefusal, detail: string): RescanOutcome => {
    refused[reason] = (refused[reason] ?? 0) + 1;
    return { kind: 'refused', reason, detail };
  };

  const read = (input: RescanInput): RescanOutcome => {
    scanned++;
    let bytes: Uint8Array;
    if (!(input instanceof Uint8Array) && 'bytes' in input) {
      bytes = input.bytes;
    } else {
      const decoded = decoder.decode(input);
      if (!decoded.ok) return decoded.error === 'no-barcode' ? refuse('no-barcode', decoded.error) : refuse('unreadable', decoded.error);
      bytes = decoded.value;
    }
    const check = checkBallot(context, bytes, keys.station, verifiers);
    if (!check.ok) return refuse(check.fault, check.detail);
    if (seen.has(check.id)) {
      duplicates++;
      return { kind: 'duplicate' };
    }
    seen.set(check.id, { ballot: check.ballot, signed: check.signed });
    return { kind: 'ballot', ballot: check.ballot, signed: check.signed };
  };

  const result = (): RescanResult => ({
    ballots: [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v),
    scanned,
    duplicates,
    refused: { ...refused },
  });

  return { ok: true, rescanner: { read, result } };
}

/** Re-scans a whole pile at once. */
export async function rescanBallots(options: RescanOptions, inputs: Iterable<RescanInput>): Promise<({ ok: true } & RescanResult) | ({ ok: false } & RescanSetupError)> {
  const created = await createRescanner(options);
  if (!created.ok) return created;
  for (const input of inputs) created.rescanner.read(input);
  return { ok: true, ...created.rescanner.result() };
}
