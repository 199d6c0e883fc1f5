// The messages inside the link's encrypted frames (frames.ts): JSON, strictly decoded in both
// directions. What the box asks:
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

export interface RequestEnvelope {
  id: string;
  station: number;
  request: LinkRequest;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysAre = (o: Record<string, unknown>, keys: readonly string[]): boolean => {
  const k = Object.keys(o);
  return k.length === keys.length && keys.every((x) => x in o);
};
const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

function parse(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

export const isRequestId = (id: unknown): id is string => typeof id === 'string' && id.length === 32 && fromHex(id) !== undefined;

/** An event id has the shape of a request id: 128 bits, lowercase hex. */
export const isEventId = isRequestId;

export function encodeRequest(env: RequestEnvelope): Uint8Array {
  const base = { v: WIRE_VERSION, id: env.id, station: env.station, kind: env.request.kind };
  switch (env.request.kind) {
    case 'register':
      return utf8(JSON.stringify({ ...base, attemptId: env.request.attemptId, ballot: toBase64(env.request.ballot) }));
    case 'status':
      return utf8(JSON.stringify(base));
    case 'event':
      return utf8(JSON.stringify({ ...base, eventId: env.request.eventId, event: clipEvent(env.request.event) }));
  }
}

const clipEvent = (e: BoxEvent): BoxEvent => (e.kind === 'fault' ? { ...e, detail: e.detail.slice(0, MAX_DETAIL_CHARS) } : e);

function decodeEvent(e: unknown): BoxEvent | undefined {
  if (!isObject(e)) return undefined;
  switch (e.kind) {
    case 'refused':
      return keysAre(e, ['kind', 'reason']) && oneOf(e.reason, BOX_REFUSALS) ? { kind: 'refused', reason: e.reason } : undefined;
    case 'box-empty':
    case 'deposit-sensed':
    case 'deposit-timeout':
    case 'cover-opened':
      return keysAre(e, ['kind']) ? { kind: e.kind } : undefined;
    case 'fault':
      return keysAre(e, ['kind', 'device', 'detail']) && oneOf(e.device, BOX_DEVICES) && typeof e.detail === 'string' && e.detail.length <= MAX_DETAIL_CHARS
        ? { kind: 'fault', device: e.device, detail: e.detail }
        : undefined;
    default:
      return undefined;
  }
}

/** The request, or undefined when anything about it is off. */
export function decodeRequest(bytes: Uint8Array): RequestEnvelope | undefined {
  const o = parse(bytes);
  if (!isObject(o) || o.v !== WIRE_VERSION || !isRequestId(o.id)) return undefined;
  if (typeof o.station !== 'number' || !Number.isInteger(o.station) || o.station < 1 || o.station > 999) return undefined;
  const base = { id: o.id, station: o.station };
  switch (o.kind) {
    case 'register': {
      if (!keysAre(o, ['v', 'id', 'station', 'kind', 'attemptId', 'ballot']) || typeof o.ballot !== 'string' || !isRequestId(o.attemptId)) return undefined;
      const ballot = fromBase64(o.ballot);
      if (!ballot || ballot.length === 0 || ballot.length > MAX_BALLOT_BYTES) return undefined;
      return { ...base, request: { kind: 'register', ballot, attemptId: o.attemptId } };
    }
    case 'status':
      return keysAre(o, ['v', 'id', 'station', 'kind']) ? { ...base, request: { kind: 'status' } } : undefined;
    case 'event': {
      if (!keysAre(o, ['v', 'id', 'station', 'kind', 'eventId', 'event']) || !isEventId(o.eventId)) return undefined;
      const event = decodeEvent(o.event);
      return event ? { ...base, request: { kind: 'event', eventId: o.eventId, event } } : undefined;
    }
    default:
      return undefined;
  }
}

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
  }
}

function decodeReceipt(o: Record<string, unknown>): Uint8Array | undefined {
  const r = typeof o.receipt === 'string' ? fromBase64(o.receipt) : undefined;
  return r?.length === RECEIPT_BYTES ? r : undefined;
}

function decodeOutcome(o: Record<string, unknown>): { outcome: RegisterOutcome; receipt?: Uint8Array } | undefined {
  switch (o.outcome) {
    case 'registered': {
      const receipt = decodeReceipt(o);
      return receipt && keysAre(o, ['v', 'id', 'outcome', 'receipt']) ? { outcome: { outcome: 'registered' }, receipt } : undefined;
    }
    case 'duplicate': {
      const receipt = decodeReceipt(o);
      if (!receipt || typeof o.mostRecent !== 'boolean') return undefined;
      if (keysAre(o, ['v', 'id', 'outcome', 'mostRecent', 'receipt'])) return { outcome: { outcome: 'duplicate', mostRecent: o.mostRecent }, receipt };
      return keysAre(o, ['v', 'id', 'outcome', 'mostRecent', 'attempt', 'receipt']) && (o.attempt === 'same' || o.attempt === 'other')
        ? { outcome: { outcome: 'duplicate', mostRecent: o.mostRecent, attempt: o.attempt }, receipt }
        : undefined;
    }
    case 'rejected': {
      if (!oneOf(o.reason, REJECT_REASONS)) return undefined;
      if (keysAre(o, ['v', 'id', 'outcome', 'reason'])) return { outcome: { outcome: 'rejected', reason: o.reason } };
      if (keysAre(o, ['v', 'id', 'outcome', 'reason', 'detail']) && typeof o.detail === 'string') return { outcome: { outcome: 'rejected', reason: o.reason, detail: o.detail } };
      return undefined;
    }
    default:
      return undefined;
  }
}

function decodeStatus(s: unknown): LinkStatus | undefined {
  if (!isObject(s) || !keysAre(s, ['phase', 'station', 'packageHash', 'sessionCertificate', 'boxEmptyRecorded'])) return undefined;
  if (!oneOf(s.phase, CONSOLE_PHASES) || typeof s.station !== 'number' || typeof s.boxEmptyRecorded !== 'boolean') return undefined;
  if (typeof s.packageHash !== 'string' || fromHex(s.packageHash)?.length !== 32) return undefined;
  if (typeof s.sessionCertificate !== 'string' || !fromBase64(s.sessionCertificate)) return undefined;
  return { phase: s.phase, station: s.station, packageHash: s.packageHash, sessionCertificate: s.sessionCertificate, boxEmptyRecorded: s.boxEmptyRecorded };
}

/** The answer to a request of `kind` with `id`, or undefined. */
export function decodeResponse(bytes: Uint8Array, kind: LinkRequest['kind'], id: string): ResponseBody | undefined {
  const o = parse(bytes);
  if (!isObject(o) || o.v !== WIRE_VERSION) return undefined;
  if ('error' in o) {
    return keysAre(o, ['v', 'id', 'error']) && oneOf(o.error, LINK_SERVER_ERRORS) && (o.id === id || o.id === null) ? { kind: 'error', error: o.error } : undefined;
  }
  if (o.id !== id) return undefined;
  switch (kind) {
    case 'register': {
      const decoded = decodeOutcome(o);
      return decoded ? { kind: 'register', ...decoded } : undefined;
    }
    case 'status': {
      const status = keysAre(o, ['v', 'id', 'status']) ? decodeStatus(o.status) : undefined;
      return status ? { kind: 'status', status } : undefined;
    }
    case 'event':
      return keysAre(o, ['v', 'id', 'accepted']) && o.accepted === true ? { kind: 'event' } : undefined;
  }
}
