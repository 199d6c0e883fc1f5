// The activation card: how a voting computer receives the session key (trust model). It holds
// the session certificate and the session private key; the computer checks the certificate
// against the stembureau key in the package and that the private key matches it.
//
//   byte 0          version (1)
//   byte 1          card type (2 = activation)
//   bytes 2–108     session certificate (see @ovs/ballot)
//   bytes 109–140   session private key (Ed25519 seed)
import { bytesEqual, concatBytes, Signer, type Verifier } from '@ovs/crypto';
import { SESSION_CERTIFICATE_BYTES, verifySessionCertificate, type CertificateError } from '@ovs/ballot';
import { CARD_TYPE_ACTIVATION } from './voter-card.ts';

export const ACTIVATION_CARD_BYTES = 2 + SESSION_CERTIFICATE_BYTES + 32;

export function issueActivationCard(certificate: Uint8Array, sessionPrivateKey: Uint8Array): Uint8Array {
  if (certificate.length !== SESSION_CERTIFICATE_BYTES || sessionPrivateKey.length !== 32) throw new Error('issueActivationCard: bad sizes');
  return concatBytes(new Uint8Array([1, CARD_TYPE_ACTIVATION]), certificate, sessionPrivateKey);
}

export type ActivationError = 'bad-length' | 'bad-version' | 'not-an-activation-card' | CertificateError | 'key-mismatch';

export type ActivationResult =
  | { ok: true; certificate: Uint8Array; session: Signer; verifier: Verifier }
  | { ok: false; error: ActivationError };

export function verifyActivationCard(
  bytes: Uint8Array,
  expected: { hashPrefix: Uint8Array; station: number; stembureauPublicKey: Uint8Array },
): ActivationResult {
  if (bytes.length < 2) return { ok: false, error: 'bad-length' };
  if (bytes[0] !== 1) return { ok: false, error: 'bad-version' };
  if (bytes[1] !== CARD_TYPE_ACTIVATION) return { ok: false, error: 'not-an-activation-card' };
  if (bytes.length !== ACTIVATION_CARD_BYTES) return { ok: false, error: 'bad-length' };
  const certificate = bytes.slice(2, 2 + SESSION_CERTIFICATE_BYTES);
  const checked = verifySessionCertificate(certificate, expected);
  if (!checked.ok) return checked;
  const session = new Signer(bytes.slice(2 + SESSION_CERTIFICATE_BYTES));
  if (!bytesEqual(session.publicKey, checked.sessionPublicKey)) return { ok: false, error: 'key-mismatch' };
  return { ok: true, certificate, session, verifier: checked.verifier };
}
