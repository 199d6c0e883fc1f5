// The pairing code: how the ballot box gets the link key. The console prints it at opening as
// a QR code on the report printer ("koppelcode voor de stembus"); the president lays it on the
// box's scanner. It is signed by the stembureau key, so the box — which has the election
// package — accepts only a code made by the console that unsealed this station's key.
//
//   0–7      "OVSLINK1"
//   8–15     package hash prefix (8 bytes of SHA-256 of election.json)
//   16–17    polling station, big-endian
//   18–49    link key
//   50–113   Ed25519 signature by the stembureau key of "ovs:link-pairing\0" ‖ bytes 0–49
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, concatBytes, utf8, Verifier, withDomain, type Signer } from '@ovs/crypto';

export const LINK_KEY_BYTES = 32;

export const PAIRING_MAGIC = 'OVSLINK1';
export const PAIRING_CODE_BYTES = 8 + 8 + 2 + LINK_KEY_BYTES + 64;
const SIGNED = PAIRING_CODE_BYTES - 64;

export function issuePairingCode(hashPrefix: Uint8Array, station: number, linkKey: Uint8Array, stembureau: Signer): Uint8Array {
  if (hashPrefix.length !== 8 || linkKey.length !== LINK_KEY_BYTES) throw new Error('issuePairingCode: bad sizes');
  const body = concatBytes(utf8(PAIRING_MAGIC), hashPrefix, new Uint8Array([station >> 8, station & 0xff]), linkKey);
  return concatBytes(body, stembureau.sign(withDomain('link-pairing', body)));
}

export type PairingError = 'not-a-pairing-code' | 'bad-length' | 'wrong-package' | 'wrong-station' | 'bad-signature';

/** The link key the code carries. */
export type PairingResult = Result<Uint8Array, PairingError>;

/** Does this scanned payload look like a pairing code (rather than a ballot)? */
export const isPairingCode = (bytes: Uint8Array): boolean => bytes.length >= 8 && new TextDecoder().decode(bytes.subarray(0, 8)) === PAIRING_MAGIC;

export function decodePairingCode(bytes: Uint8Array, expected: { hashPrefix: Uint8Array; station: number; stembureauPublicKey: Uint8Array }): PairingResult {
  if (!isPairingCode(bytes)) return err('not-a-pairing-code');
  if (bytes.length !== PAIRING_CODE_BYTES) return err('bad-length');
  if (!bytesEqual(bytes.subarray(8, 16), expected.hashPrefix.subarray(0, 8))) return err('wrong-package');
  if (((bytes[16] as number) << 8 | (bytes[17] as number)) !== expected.station) return err('wrong-station');
  const verifier = Verifier.from(expected.stembureauPublicKey);
  if (!verifier?.verify(withDomain('link-pairing', bytes.subarray(0, SIGNED)), bytes.subarray(SIGNED))) return err('bad-signature');
  return ok(bytes.slice(18, 18 + LINK_KEY_BYTES));
}

export const PAIRING_MESSAGES: Record<PairingError, string> = {
  'not-a-pairing-code': 'Dit is geen koppelcode.',
  'bad-length': 'De koppelcode is beschadigd.',
  'wrong-package': 'De koppelcode hoort bij een andere verkiezing.',
  'wrong-station': 'De koppelcode hoort bij een ander stembureau.',
  'bad-signature': 'De koppelcode is niet door de voorzitterscomputer van dit stembureau gemaakt.',
};
