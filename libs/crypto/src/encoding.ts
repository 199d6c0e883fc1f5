// Byte helpers used across the stack: base64 for JSON files, hex for logs of non-secret ids,
// Crockford base32 for anything a person reads aloud or types (hashes, envelope passwords).

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Strict base64: returns undefined for anything that does not round-trip exactly. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  return toBase64(bytes) === text ? bytes : undefined;
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function fromHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Crockford's alphabet: no I, L, O, U, so nothing is confused when read aloud or typed. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function toBase32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  if (out.length < chars && bits > 0) out += CROCKFORD[(acc << (5 - bits)) & 31];
  if (out.length < chars) throw new Error(`toBase32: ${bytes.length} bytes give fewer than ${chars} characters`);
  return out;
}

/** Normalises typed Crockford base32: case, separators, and the look-alikes O→0, I/L→1. */
export function normaliseBase32(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function isBase32(text: string): boolean {
  return [...text].every((c) => CROCKFORD.includes(c));
}

/** Splits a string into groups for display: "7KQ2M9XF" → "7KQ2-M9XF". */
export const group = (text: string, size = 4, sep = '-'): string =>
  (text.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(sep);

export const concatBytes = (...parts: readonly Uint8Array[]): Uint8Array => concatList(parts);

/** concatBytes for a list of any length (a day's log lines: more than a spread may carry). */
export function concatList(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
