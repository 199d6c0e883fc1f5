// Keys derived from the password in the sealed envelope (scrypt). The parameters are part of
// every sealed record, so they can be raised later without breaking old packages.
import { scrypt, scryptSync } from 'node:crypto';
import { randomBytes } from './hash.ts';
import { group, isBase32, normaliseBase32, toBase32 } from './encoding.ts';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^17, r = 8, p = 1: 128 MiB and about half a second on a console — cheap once at opening,
 * expensive for anyone guessing (on top of the 100-bit random password below).
 */
export const ENVELOPE_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const memoryFor = (params: ScryptParams): number => 128 * params.N * params.r * params.p + 64 * 1024 * 1024;

export function validScryptParams(params: ScryptParams): boolean {
  const { N, r, p } = params;
  return Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
}

export function deriveKeyFromPasswordSync(password: string, salt: Uint8Array, params: ScryptParams, length = 32): Uint8Array {
  if (!validScryptParams(params)) throw new Error('deriveKeyFromPassword: scrypt parameters out of range');
  return new Uint8Array(scryptSync(password.normalize('NFKC'), salt, length, { ...params, maxmem: memoryFor(params) }));
}

export function deriveKeyFromPassword(password: string, salt: Uint8Array, params: ScryptParams, length = 32): Promise<Uint8Array> {
  if (!validScryptParams(params)) return Promise.reject(new Error('deriveKeyFromPassword: scrypt parameters out of range'));
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { ...params, maxmem: memoryFor(params) }, (err, key) => {
      if (err) reject(err);
      else resolve(new Uint8Array(key));
    });
  });
}

/** 20 Crockford base32 characters = 100 random bits, printed as "7KQ2-M9XF-3BZP-W4HD-8RTE". */
export const ENVELOPE_PASSWORD_CHARS = 20;

export function generateEnvelopePassword(): string {
  return group(toBase32(randomBytes(13), ENVELOPE_PASSWORD_CHARS));
}

/**
 * What the president typed, in canonical form, or undefined when it cannot be an envelope
 * password (wrong length or characters) — so a typo gets a precise message before any scrypt.
 */
export function canonicalEnvelopePassword(typed: string): string | undefined {
  const text = normaliseBase32(typed);
  if (text.length !== ENVELOPE_PASSWORD_CHARS || !isBase32(text)) return undefined;
  return group(text);
}
