// session.json + session.sig: written once, when the polling station is opened for the first
// time with these sticks. It makes public what the hoofdbureau needs to read the ballots: the
// session certificate (the voting computers' key, certified by the stembureau key) and the
// X25519 public key every ballot of this session is sealed with. Signed by the stembureau key.
import { ok } from '@ovs/basics';
import { toBase64, toHex } from '@ovs/crypto';
import { SESSION_CERTIFICATE_BYTES } from '@ovs/ballot';
import { SESSION_FORMAT } from './files.ts';
import { base64Bytes, bad, encodeJson, exactKeys, hexBytes, int, isoTime, parseJsonObject, type FieldResult } from './json.ts';

export const SESSION_ID_BYTES = 16;
export const SESSION_SIGNATURE_DOMAIN = 'stick-session';

export interface SessionRecord {
  format: typeof SESSION_FORMAT;
  station: number;
  packageHash: Uint8Array;
  sessionId: Uint8Array;
  startedAt: string;
  sessionCertificate: Uint8Array;
  /** X25519 public key of this session: ballots are sealed with its agreement with the hoofdbureau key. */
  ballotPublicKey: Uint8Array;
  /** SHA-256 of the console software that started the session. */
  software: Uint8Array;
}

export const encodeSessionRecord = (s: SessionRecord): Uint8Array =>
  encodeJson({
    format: s.format,
    station: s.station,
    packageHash: toHex(s.packageHash),
    sessionId: toHex(s.sessionId),
    startedAt: s.startedAt,
    sessionCertificate: toBase64(s.sessionCertificate),
    ballotPublicKey: toBase64(s.ballotPublicKey),
    software: toHex(s.software),
  });

export function decodeSessionRecord(bytes: Uint8Array): FieldResult<SessionRecord> {
  const parsed = parseJsonObject(bytes);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const keys = exactKeys(o, ['format', 'station', 'packageHash', 'sessionId', 'startedAt', 'sessionCertificate', 'ballotPublicKey', 'software']);
  if (!keys.ok) return keys;
  if (o.format !== SESSION_FORMAT) return bad('format', `niet "${SESSION_FORMAT}"`);
  const station = int(o, 'station', 1, 999);
  if (!station.ok) return station;
  const packageHash = hexBytes(o, 'packageHash', 32);
  if (!packageHash.ok) return packageHash;
  const sessionId = hexBytes(o, 'sessionId', SESSION_ID_BYTES);
  if (!sessionId.ok) return sessionId;
  const startedAt = isoTime(o, 'startedAt');
  if (!startedAt.ok) return startedAt;
  const sessionCertificate = base64Bytes(o, 'sessionCertificate', SESSION_CERTIFICATE_BYTES);
  if (!sessionCertificate.ok) return sessionCertificate;
  const ballotPublicKey = base64Bytes(o, 'ballotPublicKey', 32);
  if (!ballotPublicKey.ok) return ballotPublicKey;
  const software = hexBytes(o, 'software', 32);
  if (!software.ok) return software;
  return ok({
    format: SESSION_FORMAT,
    station: station.value,
    packageHash: packageHash.value,
    sessionId: sessionId.value,
    startedAt: startedAt.value,
    sessionCertificate: sessionCertificate.value,
    ballotPublicKey: ballotPublicKey.value,
    software: software.value,
  });
}
