// Sealing to the hoofdbureau: one X25519 key agreement per stick session, then one
// ChaCha20-Poly1305 AEAD per record. A lost stick reveals nothing without the hoofdbureau key.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { randomBytes } from './hash.ts';

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 12;
export const AEAD_TAG_BYTES = 16;

export interface AgreementKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export function generateAgreementKeyPair(): AgreementKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12)),
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(16)),
  };
}

function x25519Private(raw: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
}

function x25519Public(raw: Uint8Array): KeyObject | undefined {
  if (raw.length !== 32) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

export function agreementPublicKey(privateKey: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(x25519Private(privateKey)).export({ format: 'der', type: 'spki' }).subarray(12));
}

/**
 * X25519 then HKDF-SHA256. Both public keys go into the salt so the key is bound to this
 * exact pair; `info` separates uses (ballot store vs. anything else).
 */
export function deriveSharedKey(
  ownPrivateKey: Uint8Array,
  peerPublicKey: Uint8Array,
  info: string,
): Uint8Array | undefined {
  const peer = x25519Public(peerPublicKey);
  if (!peer) return undefined;
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: x25519Private(ownPrivateKey), publicKey: peer });
  } catch {
    return undefined;
  }
  // An all-zero result means a low-order peer key: refuse it.
  if (shared.every((b) => b === 0)) return undefined;
  const ownPublic = agreementPublicKey(ownPrivateKey);
  const [a, b] = Buffer.compare(Buffer.from(ownPublic), Buffer.from(peerPublicKey)) <= 0 ? [ownPublic, peerPublicKey] : [peerPublicKey, ownPublic];
  return new Uint8Array(hkdfSync('sha256', shared, Buffer.concat([a, b]), info, AEAD_KEY_BYTES));
}

/** ChaCha20-Poly1305: returns ciphertext ‖ tag. */
export function aeadSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = new Uint8Array(0)): Uint8Array {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: AEAD_TAG_BYTES });
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const body = cipher.update(plaintext);
  cipher.final();
  const out = new Uint8Array(body.length + AEAD_TAG_BYTES);
  out.set(body, 0);
  out.set(cipher.getAuthTag(), body.length);
  return out;
}

/** The plaintext, or undefined when the record was altered or the key is wrong. */
export function aeadOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array = new Uint8Array(0)): Uint8Array | undefined {
  if (sealed.length < AEAD_TAG_BYTES || nonce.length !== AEAD_NONCE_BYTES || key.length !== AEAD_KEY_BYTES) return undefined;
  const bodyLength = sealed.length - AEAD_TAG_BYTES;
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: AEAD_TAG_BYTES });
    decipher.setAAD(aad, { plaintextLength: bodyLength });
    decipher.setAuthTag(sealed.subarray(bodyLength));
    const body = decipher.update(sealed.subarray(0, bodyLength));
    decipher.final();
    return new Uint8Array(body);
  } catch {
    return undefined;
  }
}

/** Seal with a fresh random nonce; the result is nonce ‖ ciphertext ‖ tag. */
export function sealRandomNonce(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const sealed = aeadSeal(key, nonce, plaintext, aad);
  const out = new Uint8Array(AEAD_NONCE_BYTES + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, AEAD_NONCE_BYTES);
  return out;
}

export function openRandomNonce(key: Uint8Array, record: Uint8Array, aad?: Uint8Array): Uint8Array | undefined {
  if (record.length < AEAD_NONCE_BYTES + AEAD_TAG_BYTES) return undefined;
  return aeadOpen(key, record.subarray(0, AEAD_NONCE_BYTES), record.subarray(AEAD_NONCE_BYTES), aad);
}
