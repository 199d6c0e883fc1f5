// The ballot key of a session at the hoofdbureau: X25519(hoofdbureau key, session ballot key),
// then HKDF — exactly @ovs/crypto's deriveSharedKey (test/ballot-key.test.ts compares them), but
// with the hoofdbureau's own key imported once instead of on every stick.
//
// Why: node:crypto imports raw X25519 keys through DER, which OpenSSL 3.0 decodes slowly
// (≈ 0.5 ms per import here; deriveSharedKey imports three keys: ≈ 1.2 ms per stick, plus
// ≈ 0.5 ms to check that the key is the package's). A JWK import takes ≈ 5–30 µs.
import { createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';
import { AEAD_KEY_BYTES } from '@ovs/crypto';

export interface HoofdbureauKey {
  readonly publicKey: Uint8Array;
  readonly key: KeyObject;
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

let last: { privateKey: Uint8Array; value: HoofdbureauKey | undefined } | undefined;

/** The hoofdbureau's X25519 key, ready to agree (undefined for anything that is not a key). Remembers the last one. */
export function hoofdbureauKey(privateKey: Uint8Array): HoofdbureauKey | undefined {
  if (last && Buffer.compare(last.privateKey, privateKey) === 0) return last.value;
  let value: HoofdbureauKey | undefined;
  if (privateKey.length === 32) {
    try {
      // OpenSSL takes the key from d alone (x must be present in a JWK and is ignored).
      const key = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: b64url(privateKey), x: b64url(new Uint8Array(32)) }, format: 'jwk' });
      const x = createPublicKey(key).export({ format: 'jwk' }).x;
      if (typeof x === 'string') value = { key, publicKey: new Uint8Array(Buffer.from(x, 'base64url')) };
    } catch {
      value = undefined;
    }
  }
  last = { privateKey: new Uint8Array(privateKey), value };
  return value;
}

/**
 * HKDF-SHA256 over X25519(own, peer), salt = the two public keys sorted, as deriveSharedKey.
 * undefined for a peer key that is not a key or gives the all-zero secret (low order).
 */
export function deriveBallotKey(own: HoofdbureauKey, peerPublicKey: Uint8Array, info: string): Uint8Array | undefined {
  if (peerPublicKey.length !== 32) return undefined;
  let shared: Buffer;
  try {
    const peer = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(peerPublicKey) }, format: 'jwk' });
    shared = diffieHellman({ privateKey: own.key, publicKey: peer });
  } catch {
    return undefined;
  }
  if (shared.every((b) => b === 0)) return undefined;
  const [a, b] = Buffer.compare(own.publicKey, peerPublicKey) <= 0 ? [own.publicKey, peerPublicKey] : [peerPublicKey, own.publicKey];
  return new Uint8Array(hkdfSync('sha256', shared, Buffer.concat([a, b]), info, AEAD_KEY_BYTES));
}
