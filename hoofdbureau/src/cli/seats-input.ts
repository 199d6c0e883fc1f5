import { checkSeatInput, isBirthDate, MAX_SEATS, type CandidateInput, type ListInput, type SeatInput } from '@ovs/results';

/**
 * Strict decoder for the input of `hoofdbureau seats`:
 *
 *   {"method":"imperiali"|"dhondt","seats":N,
 *    "lists":[{"number":1,"name":"…","votes":N,
 *              "candidates":[{"position":1,"name":"…","preferenceVotes":N,"birthDate":"YYYY-MM-DD"}]}]}
 *
 * `name`, `candidates` and `birthDate` are optional. Unknown fields are refused: a misspelt
 * "preferencevotes" must not silently count as zero. Every message names the field by its JSON
 * path and fits on one line.
 */

export type DecodedSeatsInput = { readonly ok: true; readonly input: SeatInput } | { readonly ok: false; readonly message: string };

class InputError extends Error {}

const fail = (path: string, message: string): never => {
  throw new InputError(`${path}: ${message}`);
};

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return text.length > 42 ? `${text.slice(0, 40)}…"` : text;
  }
  return String(value);
}

function record(value: unknown, path: string, required: readonly string[], optional: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, `must be an object, got ${show(value)}`);
  const fields = value as Record<string, unknown>;
  const at = (key: string) => (path === '(top level)' ? key : `${path}.${key}`);
  for (const key of Object.keys(fields)) {
    if (!required.includes(key) && !optional.includes(key)) fail(at(key), `unknown field (allowed: ${[...required, ...optional].join(', ')})`);
  }
  for (const key of required) if (!(key in fields)) fail(at(key), 'missing');
  return fields;
}

function integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === 0 ? 'a non-negative integer' : `an integer of at least ${min}`) : `an integer from ${min} to ${max}`;
    return fail(path, `must be ${range}, got ${show(value)}`);
  }
  return value;
}

function optionalString(value: unknown, path: string): void {
  if (value !== undefined && typeof value !== 'string') fail(path, `must be a string, got ${show(value)}`);
}

function array(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) return fail(path, `must be an array, got ${show(value)}`);
  return value;
}

function candidate(value: unknown, path: string): CandidateInput {
  const c = record(value, path, ['position', 'preferenceVotes'], ['name', 'birthDate']);
  optionalString(c.name, `${path}.name`);
  const position = integer(c.position, `${path}.position`, 1);
  const preferenceVotes = integer(c.preferenceVotes, `${path}.preferenceVotes`, 0);
  if (c.birthDate === undefined) return { position, preferenceVotes };
  if (typeof c.birthDate !== 'string' || !isBirthDate(c.birthDate)) {
    return fail(`${path}.birthDate`, `must be a date written YYYY-MM-DD, got ${show(c.birthDate)}`);
  }
  return { position, preferenceVotes, birthDate: c.birthDate };
}

function list(value: unknown, path: string): ListInput {
  const l = record(value, path, ['number', 'votes'], ['name', 'candidates']);
  optionalString(l.name, `${path}.name`);
  const number = integer(l.number, `${path}.number`, 1);
  const votes = integer(l.votes, `${path}.votes`, 0);
  if (l.candidates === undefined) return { number, votes };
  const candidates = array(l.candidates, `${path}.candidates`).map((c, j) => candidate(c, `${path}.candidates[${j}]`));
  return { number, votes, candidates };
}

function decode(json: unknown): SeatInput {
  const top = record(json, '(top level)', ['method', 'seats', 'lists'], []);
  if (top.method !== 'imperiali' && top.method !== 'dhondt') return fail('method', `must be "imperiali" or "dhondt", got ${show(top.method)}`);
  const seats = integer(top.seats, 'seats', 1, MAX_SEATS);
  const lists = array(top.lists, 'lists');
  if (lists.length === 0) fail('lists', 'must hold at least one list');
  return { method: top.method, seats, lists: lists.map((l, i) => list(l, `lists[${i}]`)) };
}

export function decodeSeatsInput(text: string): DecodedSeatsInput {
  let json: unknown;
  try {
    // A byte-order mark, as some editors write, is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not valid JSON (${reason.replace(/\s+/g, ' ')})` };
  }
  let input: SeatInput;
  try {
    input = decode(json);
  } catch (error) {
    if (error instanceof InputError) return { ok: false, message: error.message };
    throw error;
  }
  // Ranges and uniqueness the shape cannot express (duplicate numbers, preference votes above the stemcijfer, …).
  const checked = checkSeatInput(input);
  if (!checked.ok) return { ok: false, message: `${checked.error.path}: ${checked.error.message}` };
  return { ok: true, input };
}
