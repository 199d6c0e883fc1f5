// Strict reading of the small JSON records on a stick: exact key sets, exact types, so a
// record that was edited by hand or written by another version is refused, never guessed at.
import { err, ok, type Err, type Result } from '@ovs/basics';
import { fromBase64, fromHex } from '@ovs/crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The first field of a record that is wrong (a path such as `cards.perCategory.belg`), and why. */
export interface FieldError {
  field: string;
  why: string;
}

export type FieldResult<T> = Result<T, FieldError>;

export const bad = (field: string, why: string): Err<FieldError> => err({ field, why });

export function parseJsonObject(bytes: Uint8Array): FieldResult<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return bad('(root)', 'geen geldige JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('(root)', 'geen JSON-object');
  return ok(value as Record<string, unknown>);
}

/** The object has exactly these keys (optional ones may be absent). */
export function exactKeys(obj: Record<string, unknown>, required: readonly string[], optional: readonly string[] = [], at = ''): FieldResult<true> {
  for (const k of required) if (!(k in obj)) return bad(at + k, 'ontbreekt');
  for (const k of Object.keys(obj)) if (!required.includes(k) && !optional.includes(k)) return bad(at + k, 'onbekend veld');
  return ok(true);
}

export function int(obj: Record<string, unknown>, key: string, min: number, max: number, at = ''): FieldResult<number> {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return bad(at + key, `geen geheel getal tussen ${min} en ${max}`);
  return ok(v);
}

export function str(obj: Record<string, unknown>, key: string, max: number, at = ''): FieldResult<string> {
  const v = obj[key];
  if (typeof v !== 'string' || v.length > max) return bad(at + key, `geen tekst van hoogstens ${max} tekens`);
  return ok(v);
}

export function bool(obj: Record<string, unknown>, key: string, at = ''): FieldResult<boolean> {
  const v = obj[key];
  if (typeof v !== 'boolean') return bad(at + key, 'geen true/false');
  return ok(v);
}

export function hexBytes(obj: Record<string, unknown>, key: string, length: number, at = ''): FieldResult<Uint8Array> {
  const v = obj[key];
  const bytes = typeof v === 'string' ? fromHex(v) : undefined;
  if (!bytes || bytes.length !== length) return bad(at + key, `geen ${length} bytes in hexadecimale vorm`);
  return ok(bytes);
}

export function base64Bytes(obj: Record<string, unknown>, key: string, length: number, at = ''): FieldResult<Uint8Array> {
  const v = obj[key];
  const bytes = typeof v === 'string' ? fromBase64(v) : undefined;
  if (!bytes || bytes.length !== length) return bad(at + key, `geen ${length} bytes in base64`);
  return ok(bytes);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const digits = (v: string, from: number, n: number): number => {
  let x = 0;
  for (let i = from; i < from + n; i++) x = x * 10 + (v.charCodeAt(i) - 48);
  return x;
};

/**
 * For a string of the ISO form above: whether it names a real instant, i.e. whether
 * `new Date(v).toISOString() === v` (which throws for a month 13 or an hour 25, and moves a
 * 30 February or a 24:00 to another day): calendar date, hour 0–23, minutes and seconds 0–59.
 */
function realInstant(v: string): boolean {
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days && digits(v, 11, 2) <= 23 && digits(v, 14, 2) <= 59 && digits(v, 17, 2) <= 59;
}

/** A timestamp exactly as Date.prototype.toISOString writes it. */
export function isoTime(obj: Record<string, unknown>, key: string, at = ''): FieldResult<string> {
  const v = obj[key];
  if (typeof v !== 'string' || !ISO.test(v) || !realInstant(v)) return bad(at + key, 'geen tijdstip (ISO 8601, UTC)');
  return ok(v);
}

export function object(obj: Record<string, unknown>, key: string, at = ''): FieldResult<Record<string, unknown>> {
  const v = obj[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(at + key, 'geen object');
  return ok(v as Record<string, unknown>);
}

/** A map of names to non-negative counts, with exactly the expected names. */
export function countMap(obj: Record<string, unknown>, key: string, names: readonly string[], at = ''): FieldResult<Record<string, number>> {
  const o = object(obj, key, at);
  if (!o.ok) return o;
  const keys = exactKeys(o.value, names, [], `${at}${key}.`);
  if (!keys.ok) return keys;
  const out: Record<string, number> = {};
  for (const n of names) {
    const v = int(o.value, n, 0, 1_000_000, `${at}${key}.`);
    if (!v.ok) return v;
    out[n] = v.value;
  }
  return ok(out);
}

export const encodeJson = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
