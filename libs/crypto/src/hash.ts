import { createHash, createHmac, hkdfSync, randomBytes as nodeRandomBytes } from 'node:crypto';
import { group, toBase32 } from './encoding.ts';

export const sha256 = (...parts: readonly Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/**
 * A hash a person can compare between a screen and a paper report: 80 bits of SHA-256 in
 * Crockford base32, grouped by four ("7KQ2-M9XF-3BZP-W4HD"). 80 bits make a deliberate
 * collision infeasible for the lifetime of an election.
 */
export const shortHash = (digest: Uint8Array): string => group(toBase32(digest.subarray(0, 10), 16));

export const randomBytes = (n: number): Uint8Array => new Uint8Array(nodeRandomBytes(n));

export const hmacSha256 = (key: Uint8Array, ...parts: readonly Uint8Array[]): Uint8Array => {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** HKDF-SHA256 (RFC 5869). */
export const hkdfSha256 = (ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Uint8Array => new Uint8Array(hkdfSync('sha256', ikm, salt, info, length));
