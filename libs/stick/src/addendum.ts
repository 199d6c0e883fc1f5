// addendum.json + addendum.sig: the witnesses' remarks made after closing, while the president
// reads the PV out (seed 002 III.6: the president may not refuse them). The closing record and
// the log are final by then, so the remarks are a record of their own, bound to the closing
// record by its SHA-256 and signed by the stembureau key like every other record of the stick.
// Each new remark rewrites the whole record (signature first, JSON last); the remarks only grow.
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, sha256, toHex } from '@ovs/crypto';
import { FILES } from './files.ts';
import { bad, encodeJson, exactKeys, hexBytes, int, isoTime, parseJsonObject, str, type FieldResult } from './json.ts';
import { MAX_NAME, MAX_TEXT } from './event-log.ts';
import { problem, type StickProblem } from './problems.ts';
import { decodeSignatureFile, verifyRecord } from './signature-file.ts';
import type { Verifier } from '@ovs/crypto';

export const ADDENDUM_FORMAT = 'ovs-stick-addendum/1';
export const ADDENDUM_SIGNATURE_DOMAIN = 'stick-addendum';
export const MAX_REMARKS = 100;

export interface WitnessRemark {
  /** When the remark was recorded (exact: it concerns no voter). */
  at: string;
  witness: string;
  /** The list that designated the witness. */
  list: string;
  text: string;
}

export interface AddendumRecord {
  format: typeof ADDENDUM_FORMAT;
  station: number;
  packageHash: Uint8Array;
  sessionId: Uint8Array;
  /** SHA-256 of closing.json: the addendum belongs to this closing and no other. */
  closingHash: Uint8Array;
  remarks: WitnessRemark[];
}

export const encodeAddendum = (a: AddendumRecord): Uint8Array =>
  encodeJson({
    format: a.format,
    station: a.station,
    packageHash: toHex(a.packageHash),
    sessionId: toHex(a.sessionId),
    closingHash: toHex(a.closingHash),
    remarks: a.remarks.map((r) => ({ at: r.at, witness: r.witness, list: r.list, text: r.text })),
  });

export function decodeAddendum(bytes: Uint8Array): FieldResult<AddendumRecord> {
  const parsed = parseJsonObject(bytes);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const keys = exactKeys(o, ['format', 'station', 'packageHash', 'sessionId', 'closingHash', 'remarks']);
  if (!keys.ok) return keys;
  if (o.format !== ADDENDUM_FORMAT) return bad('format', `niet "${ADDENDUM_FORMAT}"`);
  const station = int(o, 'station', 1, 999);
  if (!station.ok) return station;
  const packageHash = hexBytes(o, 'packageHash', 32);
  if (!packageHash.ok) return packageHash;
  const sessionId = hexBytes(o, 'sessionId', 16);
  if (!sessionId.ok) return sessionId;
  const closingHash = hexBytes(o, 'closingHash', 32);
  if (!closingHash.ok) return closingHash;
  if (!Array.isArray(o.remarks) || o.remarks.length === 0 || o.remarks.length > MAX_REMARKS) return bad('remarks', `geen lijst van 1 tot ${MAX_REMARKS} opmerkingen`);
  const remarks: WitnessRemark[] = [];
  for (const [i, item] of (o.remarks as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad(`remarks.${i}`, 'geen JSON-object');
    const r = item as Record<string, unknown>;
    const at = `remarks.${i}.`;
    const k = exactKeys(r, ['at', 'witness', 'list', 'text'], [], at);
    if (!k.ok) return k;
    const time = isoTime(r, 'at', at);
    if (!time.ok) return time;
    const witness = str(r, 'witness', MAX_NAME, at);
    if (!witness.ok) return witness;
    const list = str(r, 'list', MAX_NAME, at);
    if (!list.ok) return list;
    const text = str(r, 'text', MAX_TEXT, at);
    if (!text.ok) return text;
    if (witness.value.trim() === '' || text.value.trim() === '') return bad(`remarks.${i}`, 'zonder getuige of zonder tekst');
    remarks.push({ at: time.value, witness: witness.value, list: list.value, text: text.value });
  }
  return ok({ format: ADDENDUM_FORMAT, station: station.value, packageHash: packageHash.value, sessionId: sessionId.value, closingHash: closingHash.value, remarks });
}

export interface InspectedAddendum {
  record: AddendumRecord;
  bytes: Uint8Array;
  signatureFile: Uint8Array;
}

/** The addendum of a stick, checked against the stick's stembureau key, station, package, session and closing record. */
export function checkAddendum(
  bytes: Uint8Array,
  signatureFile: Uint8Array | undefined,
  expect: { stembureau: Verifier; station: number; packageHash: Uint8Array; sessionId: Uint8Array; closingBytes: Uint8Array | undefined },
): Result<InspectedAddendum, StickProblem> {
  if (!expect.closingBytes) return err(problem('mismatch', FILES.addendumJson, undefined, 'de stick heeft opmerkingen na de afsluiting, maar geen afsluiting.'));
  if (!signatureFile) return err(problem('missing-file', FILES.addendumSig, undefined, 'ontbreekt, maar de stick heeft wel opmerkingen na de afsluiting.'));
  const signature = decodeSignatureFile(signatureFile);
  if (!signature) return err(problem('malformed', FILES.addendumSig, undefined, 'geen handtekening (64 bytes in base64).'));
  const decoded = decodeAddendum(bytes);
  if (!decoded.ok) return err(problem('malformed', FILES.addendumJson, `veld ${decoded.error.field}`, `${decoded.error.why}.`));
  if (!verifyRecord(ADDENDUM_SIGNATURE_DOMAIN, bytes, signature, expect.stembureau)) {
    return err(problem('bad-signature', FILES.addendumSig, undefined, 'de handtekening van het stembureau over addendum.json klopt niet: de opmerkingen van de getuigen werden gewijzigd.'));
  }
  const a = decoded.value;
  if (a.station !== expect.station) return err(problem('mismatch', FILES.addendumJson, 'veld station', `stembureau ${a.station} in plaats van ${expect.station}.`));
  if (!bytesEqual(a.packageHash, expect.packageHash)) return err(problem('mismatch', FILES.addendumJson, 'veld packageHash', 'hoort bij een ander verkiezingspakket.'));
  if (!bytesEqual(a.sessionId, expect.sessionId)) return err(problem('mismatch', FILES.addendumJson, 'veld sessionId', 'hoort bij een andere opening van dit stembureau.'));
  if (!bytesEqual(a.closingHash, sha256(expect.closingBytes))) return err(problem('mismatch', FILES.addendumJson, 'veld closingHash', 'hoort bij een andere afsluiting dan closing.json.'));
  return ok({ record: a, bytes, signatureFile });
}

/** Whether `a`'s remarks are the first remarks of `b` (remarks only grow: b is a later version of a). */
export const remarksPrefix = (a: AddendumRecord, b: AddendumRecord): boolean =>
  a.remarks.length <= b.remarks.length && a.remarks.every((r, i) => JSON.stringify(r) === JSON.stringify(b.remarks[i]));
