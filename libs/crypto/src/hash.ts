import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
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
