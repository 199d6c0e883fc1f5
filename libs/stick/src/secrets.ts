// secrets.bin: what the console needs to carry on after a restart — the voting computers'
// session private key (one per opening, see the trust model), the X25519 private key the
// ballots are sealed with, and the key of the link with the ballot box — sealed under a key
// only the stembureau private key can derive: HKDF over an Ed25519 signature (deterministic,
// RFC 8032) of a label bound to package, polling station and session. Never in clear.
// At closing the console overwrites and removes this file on both sticks: from then on only
// the hoofdbureau's key opens the ballots.
//
//   0–7      magic "OVSSECR1"
//   8–23     session id
//   24–35    nonce
//   36–147   ChaCha20-Poly1305 of: session private key (32) ‖ ballot private key (32) ‖ link key (32), tag (16)
import { hkdfSync } from 'node:crypto';
import { err, ok, type Result } from '@ovs/basics';
import { aeadOpen, aeadSeal, bytesEqual, concatBytes, withDomain, type Signer } from '@ovs/crypto';
import { SESSION_ID_BYTES } from './session-record.ts';

export const SECRETS_MAGIC = 'OVSSECR1';
export const SECRETS_BYTES = 8 + SESSION_ID_BYTES + 12 + 96 + 16;

export interface SessionSecrets {
  /** Ed25519 seed of the voting-computer session key. */
  sessionPrivateKey: Uint8Array;
  /** X25519 private key whose agreement with the hoofdbureau key seals the ballots. */
  ballotPrivateKey: Uint8Array;
  /** HMAC key of the link with the ballot box. */
  linkKey: Uint8Array;
}

interface Binding {
  packageHash: Uint8Array;
  station: number;
  sessionId: Uint8Array;
}

const bindingBytes = (b: Binding): Uint8Array => concatBytes(b.packageHash, new Uint8Array([b.station >> 8, b.station & 0xff]), b.sessionId);

function secretsKey(stembureau: Signer, b: Binding): Uint8Array {
  const ikm = stembureau.sign(withDomain('stick-secrets-key', bindingBytes(b)));
  return new Uint8Array(hkdfSync('sha256', ikm, b.sessionId, 'ovs-stick-secrets/1', 32));
}

export function sealSecrets(stembureau: Signer, b: Binding, secrets: SessionSecrets, nonce: Uint8Array): Uint8Array {
  const plaintext = concatBytes(secrets.sessionPrivateKey, secrets.ballotPrivateKey, secrets.linkKey);
  if (plaintext.length !== 96) throw new Error('sealSecrets: every key is 32 bytes');
  const magic = new TextEncoder().encode(SECRETS_MAGIC);
  return concatBytes(magic, b.sessionId, nonce, aeadSeal(secretsKey(stembureau, b), nonce, plaintext, withDomain('stick-secrets', bindingBytes(b))));
}

export type UnsealSecretsError = 'bad-length' | 'bad-magic' | 'other-session' | 'tag';

export type UnsealSecretsResult = Result<SessionSecrets, UnsealSecretsError>;

export function unsealSecrets(stembureau: Signer, b: Binding, file: Uint8Array): UnsealSecretsResult {
  if (file.length !== SECRETS_BYTES) return err('bad-length');
  if (new TextDecoder().decode(file.subarray(0, 8)) !== SECRETS_MAGIC) return err('bad-magic');
  if (!bytesEqual(file.subarray(8, 24), b.sessionId)) return err('other-session');
  const plaintext = aeadOpen(secretsKey(stembureau, b), file.subarray(24, 36), file.subarray(36), withDomain('stick-secrets', bindingBytes(b)));
  if (!plaintext) return err('tag');
  return ok({ sessionPrivateKey: plaintext.slice(0, 32), ballotPrivateKey: plaintext.slice(32, 64), linkKey: plaintext.slice(64, 96) });
}
