// The messages inside the link's encrypted frames (frames.ts): JSON, strictly decoded in both
// directions, one decoder per kind in a table keyed by the kind's union (a new kind without a
// decoder does not compile), each returning why it refuses. What the box asks:
//   {"v":2,"id":"<32 hex>","station":3,"kind":"register","attemptId":"<32 hex>","ballot":"<base64>"}
//   {"v":2,"id":"<32 hex>","station":3,"kind":"status"}
//   {"v":2,"id":"<32 hex>","station":3,"kind":"event","eventId":"<32 hex>","event":{"kind":"refused","reason":"duplicate"}}
// (`id` is new for every request, resends included, and the receipt binds it; `eventId` stays the
// same for every resend of one event: the console applies an event once per eventId;
// `attemptId` likewise for every resend of one ballot.)
// What the console answers:
//   {"v":2,"id":"…","outcome":"registered","receipt":"<base64: 64 bytes, receipt.ts>"}
//   {"v":2,"id":"…","outcome":"duplicate","mostRecent":true,"receipt":"…"}   (,"attempt":"same"|"other" when the console knows)
//   {"v":2,"id":"…","outcome":"rejected","reason":"wrong-station"}
//   {"v":2,"id":"…","status":{"phase":"open",…}}
//   {"v":2,"id":"…","accepted":true}
//   {"v":2,"id":"…"|null,"error":"malformed"|"not-ready"|"wrong-station"}
import { err, ok, type Result } from '@ovs/basics';
import { fromBase64, fromHex, toBase64, utf8 } from '@ovs/crypto';
import {
  BOX_DEVICES,
  BOX_REFUSALS,
  CONSOLE_PHASES,
  REJECT_REASONS,
  type BoxEvent,
  type LinkRequest,
  type LinkStatus,
  type RegisterOutcome,
} from './messages.ts';
import { RECEIPT_BYTES } from './receipt.ts';

export const WIRE_VERSION = 2;
/** A ballot's barcode holds at most 177 bytes (libs/barcode): a kilobyte leaves room and fits the padded frame. */
export const MAX_BALLOT_BYTES = 1024;
/** A fault's words for the president; longer is cut by the box (and would not fit the frame). */
export const MAX_DETAIL_CHARS = 200;

/** Errors the console sends inside the channel (errors before it are frame errors, frames.ts). */
export const LINK_SERVER_ERRORS = ['malformed', 'not-ready', 'wrong-station'] as const;
export type LinkServerError = (typeof LINK_SERVER_ERRORS)[number];

/** Why a message is refused: the first thing about it that is off. */
export type WireError =
  | 'not-json'
  | 'not-an-object'
  | 'bad-version'
  | 'bad-id'
  | 'bad-station'
  | 'unknown-kind'
  /** Missing or extra keys. */
  | 'bad-keys'
  | 'bad-ballot'
  | 'bad-attempt-id'
  | 'bad-event-id'
  | 'unknown-event'
  | 'bad-event'
  /** An answer to another request. */
  | 'other-request'
  | 'unknown-outcome'
  | 'bad-outcome'
  | 'bad-receipt-field'
  | 'bad-status'
  | 'unknown-error';

export interface RequestEnvelope {
  id: string;
  station: number;
  request: LinkRequest;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysAre = (o: Json, keys: readonly string[]): boolean => {
  const k = Object.keys(o);
  return k.length === keys.length && keys.every((x) => x in o);
};
const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
const has = (o: Json, key: string): key is keyof typeof o => Object.hasOwn(o, key);

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function parse(bytes: Uint8Array): Result<Json, WireError> {
  let v: unknown;
  try {
    v = JSON.parse(utf8Strict.decode(bytes));
  } catch {
    return err('not-json');
  }
  return isObject(v) ? ok(v) : err('not-an-object');
}

export const isRequestId = (id: unknown): id is string => typeof id === 'string' && id.length === 32 && fromHex(id) !== undefined;

/** An event id has the shape of a request id: 128 bits, lowercase hex. */
export const isEventId = isRequestId;

// ---- requests (box → console) ---------------------------------------------------------------------

export function encodeRequest(env: RequestEnvelope): Uint8Array {
  const base = { v: WIRE_VERSION, id: env.id, station: env.station, kind: env.request.kind };
  switch (env.request.kind) {
    case 'register':
      return utf8(JSON.stringify({ ...base, attemptId: env.request.attemptId, ballot: toBase64(env.request.ballot) }));
    case 'status':
      return utf8(JSON.stringify(base));
    case 'event':
      return utf8(JSON.stringify({ ...base, eventId: env.request.eventId, event: clipEvent(env.request.event) }));
    default:
      return env.request satisfies never;
  }
}

const clipEvent = (e: BoxEvent): BoxEvent => (e.kind === 'fault' ? { ...e, detail: e.detail.slice(0, MAX_DETAIL_CHARS) } : e);

type EventOf<K extends BoxEvent['kind']> = Extract<BoxEvent, { kind: K }>;
const bare =
  <K extends 'box-empty' | 'deposit-sensed' | 'deposit-timeout' | 'cover-opened'>(kind: K) =>
  (e: Json): Result<EventOf<K>, WireError> =>
    keysAre(e, ['kind']) ? ok({ kind } as EventOf<K>) : err('bad-keys');

const EVENTS: { [K in BoxEvent['kind']]: (e: Json) => Result<EventOf<K>, WireError> } = {
  refused: (e) => (!keysAre(e, ['kind', 'reason']) ? err('bad-keys') : oneOf(e.reason, BOX_REFUSALS) ? ok({ kind: 'refused', reason: e.reason }) : err('bad-event')),
  'box-empty': bare('box-empty'),
  'deposit-sensed': bare('deposit-sensed'),
  'deposit-timeout': bare('deposit-timeout'),
  'cover-opened': bare('cover-opened'),
  fault: (e) => {
    if (!keysAre(e, ['kind', 'device', 'detail'])) return err('bad-keys');
    return oneOf(e.device, BOX_DEVICES) && typeof e.detail === 'string' && e.detail.length <= MAX_DETAIL_CHARS ? ok({ kind: 'fault', device: e.device, detail: e.detail }) : err('bad-event');
  },
  software: (e) => {
    if (!keysAre(e, ['kind', 'sha256'])) return err('bad-keys');
    return typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256) ? ok({ kind: 'software', sha256: e.sha256 }) : err('bad-event');
  },
};

function decodeEvent(e: unknown): Result<BoxEvent, WireError> {
  if (!isObject(e)) return err('bad-event');
  return oneOf(e.kind, Object.keys(EVENTS) as Array<BoxEvent['kind']>) ? EVENTS[e.kind](e) : err('unknown-event');
}

type RequestOf<K extends LinkRequest['kind']> = Extract<LinkRequest, { kind: K }>;
const ENVELOPE = ['v', 'id', 'station', 'kind'] as const;

const REQUESTS: { [K in LinkRequest['kind']]: (o: Json) => Result<RequestOf<K>, WireError> } = {
  register: (o) => {
    if (!keysAre(o, [...ENVELOPE, 'attemptId', 'ballot'])) return err('bad-keys');
    if (!isRequestId(o.attemptId)) return err('bad-attempt-id');
    const ballot = typeof o.ballot === 'string' ? fromBase64(o.ballot) : undefined;
    return ballot && ballot.length > 0 && ballot.length <= MAX_BALLOT_BYTES ? ok({ kind: 'register', ballot, attemptId: o.attemptId }) : err('bad-ballot');
  },
  status: (o) => (keysAre(o, ENVELOPE) ? ok({ kind: 'status' }) : err('bad-keys')),
  event: (o) => {
    if (!keysAre(o, [...ENVELOPE, 'eventId', 'event'])) return err('bad-keys');
    if (!isEventId(o.eventId)) return err('bad-event-id');
    const event = decodeEvent(o.event);
    return event.ok ? ok({ kind: 'event', eventId: o.eventId, event: event.value }) : event;
  },
};

export function decodeRequest(bytes: Uint8Array): Result<RequestEnvelope, WireError> {
  const parsed = parse(bytes);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  if (o.v !== WIRE_VERSION) return err('bad-version');
  if (!isRequestId(o.id)) return err('bad-id');
  if (typeof o.station !== 'number' || !Number.isInteger(o.station) || o.station < 1 || o.station > 999) return err('bad-station');
  if (!oneOf(o.kind, Object.keys(REQUESTS) as Array<LinkRequest['kind']>)) return err('unknown-kind');
  const request = REQUESTS[o.kind](o);
  return request.ok ? ok({ id: o.id, station: o.station, request: request.value }) : request;
}

// ---- answers (console → box) ----------------------------------------------------------------------

export type ResponseBody =
  /** `receipt` (receipt.ts) on every outcome that may open the flap: registered and duplicate. */
  | { kind: 'register'; outcome: RegisterOutcome; receipt?: Uint8Array }
  | { kind: 'status'; status: LinkStatus }
  | { kind: 'event' }
  | { kind: 'error'; error: LinkServerError };

export function encodeResponse(id: string | null, body: ResponseBody): Uint8Array {
  const base = { v: WIRE_VERSION, id };
  switch (body.kind) {
    case 'register':
      return utf8(JSON.stringify({ ...base, ...body.outcome, ...(body.receipt ? { receipt: toBase64(body.receipt) } : {}) }));
    case 'status':
      return utf8(JSON.stringify({ ...base, status: body.status }));
    case 'event':
      return utf8(JSON.stringify({ ...base, accepted: true }));
    case 'error':
      return utf8(JSON.stringify({ ...base, error: body.error }));
    default:
      return body satisfies never;
  }
}

type Registered = { outcome: RegisterOutcome; receipt?: Uint8Array };

function receiptOf(o: Json): Result<Uint8Array, WireError> {
  const r = typeof o.receipt === 'string' ? fromBase64(o.receipt) : undefined;
  return r?.length === RECEIPT_BYTES ? ok(r) : err('bad-receipt-field');
}

const OUTCOMES: { [K in RegisterOutcome['outcome']]: (o: Json) => Result<Registered, WireError> } = {
  registered: (o) => {
    if (!keysAre(o, ['v', 'id', 'outcome', 'receipt'])) return err('bad-keys');
    const receipt = receiptOf(o);
    return receipt.ok ? ok({ outcome: { outcome: 'registered' }, receipt: receipt.value }) : receipt;
  },
  duplicate: (o) => {
    const attempt = has(o, 'attempt');
    if (!keysAre(o, ['v', 'id', 'outcome', 'mostRecent', 'receipt', ...(attempt ? ['attempt'] : [])])) return err('bad-keys');
    if (typeof o.mostRecent !== 'boolean' || (attempt && o.attempt !== 'same' && o.attempt !== 'other')) return err('bad-outcome');
    const receipt = receiptOf(o);
    if (!receipt.ok) return receipt;
    const outcome: RegisterOutcome = attempt ? { outcome: 'duplicate', mostRecent: o.mostRecent, attempt: o.attempt as 'same' | 'other' } : { outcome: 'duplicate', mostRecent: o.mostRecent };
    return ok({ outcome, receipt: receipt.value });
  },
  rejected: (o) => {
    const detail = has(o, 'detail');
    if (!keysAre(o, ['v', 'id', 'outcome', 'reason', ...(detail ? ['detail'] : [])])) return err('bad-keys');
    if (!oneOf(o.reason, REJECT_REASONS) || (detail && typeof o.detail !== 'string')) return err('bad-outcome');
    return ok({ outcome: detail ? { outcome: 'rejected', reason: o.reason, detail: o.detail as string } : { outcome: 'rejected', reason: o.reason } });
  },
};

function decodeStatus(s: unknown): Result<LinkStatus, WireError> {
  if (!isObject(s) || !keysAre(s, ['phase', 'station', 'packageHash', 'sessionCertificate', 'boxEmptyRecorded'])) return err('bad-status');
  if (!oneOf(s.phase, CONSOLE_PHASES) || typeof s.station !== 'number' || typeof s.boxEmptyRecorded !== 'boolean') return err('bad-status');
  if (typeof s.packageHash !== 'string' || fromHex(s.packageHash)?.length !== 32) return err('bad-status');
  if (typeof s.sessionCertificate !== 'string' || !fromBase64(s.sessionCertificate)) return err('bad-status');
  return ok({ phase: s.phase, station: s.station, packageHash: s.packageHash, sessionCertificate: s.sessionCertificate, boxEmptyRecorded: s.boxEmptyRecorded });
}

const ANSWERS: { [K in LinkRequest['kind']]: (o: Json) => Result<ResponseBody, WireError> } = {
  register: (o) => {
    if (!oneOf(o.outcome, Object.keys(OUTCOMES) as Array<RegisterOutcome['outcome']>)) return err('unknown-outcome');
    const r = OUTCOMES[o.outcome](o);
    return r.ok ? ok({ kind: 'register', ...r.value }) : r;
  },
  status: (o) => {
    if (!keysAre(o, ['v', 'id', 'status'])) return err('bad-keys');
    const status = decodeStatus(o.status);
    return status.ok ? ok({ kind: 'status', status: status.value }) : status;
  },
  event: (o) => (keysAre(o, ['v', 'id', 'accepted']) && o.accepted === true ? ok({ kind: 'event' }) : err('bad-keys')),
};

/** The answer to a request of `kind` with `id`. */
export function decodeResponse(bytes: Uint8Array, kind: LinkRequest['kind'], id: string): Result<ResponseBody, WireError> {
  const parsed = parse(bytes);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  if (o.v !== WIRE_VERSION) return err('bad-version');
  if (has(o, 'error')) {
    if (!keysAre(o, ['v', 'id', 'error'])) return err('bad-keys');
    if (o.id !== id && o.id !== null) return err('other-request');
    return oneOf(o.error, LINK_SERVER_ERRORS) ? ok({ kind: 'error', error: o.error }) : err('unknown-error');
  }
  if (o.id !== id) return err('other-request');
  return ANSWERS[kind](o);
}
