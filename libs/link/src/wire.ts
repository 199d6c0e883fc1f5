// The bytes on the wire: JSON bodies, strictly decoded in both directions. Every request is
// a POST to /link/v1/<kind> with the MAC in the X-OVS-Link-Mac header:
//   {"v":1,"id":"<32 hex>","station":3,"kind":"register","attemptId":"<32 hex>","ballot":"<base64>"}
//   {"v":1,"id":"<32 hex>","station":3,"kind":"status"}
//   {"v":1,"id":"<32 hex>","station":3,"kind":"event","eventId":"<32 hex>","event":{"kind":"refused","reason":"duplicate"}}
// (`id` is new for every request, resends included; `eventId` stays the same for every resend
// of one event: the console applies an event once per eventId; `attemptId` likewise for every
// resend of one ballot.)
// Answers (200, MAC bound to the request's MAC):
//   {"v":1,"id":"…","outcome":"registered"}
//   {"v":1,"id":"…","outcome":"duplicate","mostRecent":true}   (,"attempt":"same"|"other" when the console knows)
//   {"v":1,"id":"…","outcome":"rejected","reason":"wrong-station"}
//   {"v":1,"id":"…","status":{"phase":"open",…}}
//   {"v":1,"id":"…","accepted":true}
// Errors: {"v":1,"id":"…"|null,"error":"<LinkServerError>"} with 400, 401, 409 or 503.
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

export const WIRE_VERSION = 1;
export const MAX_BODY_BYTES = 16 * 1024;
export const MAX_BALLOT_BYTES = 4096;
export const REQUEST_KINDS = ['register', 'status', 'event'] as const;

export type LinkServerError = 'malformed' | 'bad-mac' | 'not-ready' | 'replayed' | 'wrong-station';

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
      return utf8(JSON.stringify({ ...base, eventId: env.request.eventId, event: env.request.event }));
  }
}

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
      return keysAre(e, ['kind', 'device', 'detail']) && oneOf(e.device, BOX_DEVICES) && typeof e.detail === 'string' && e.detail.length <= 500
        ? { kind: 'fault', device: e.device, detail: e.detail }
        : undefined;
    default:
      return undefined;
  }
}

/** The request, or undefined when anything about it is off. `kind` must match the path. */
export function decodeRequest(bytes: Uint8Array, pathKind: string): RequestEnvelope | undefined {
  const o = parse(bytes);
  if (!isObject(o) || o.v !== WIRE_VERSION || !isRequestId(o.id) || o.kind !== pathKind) return undefined;
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
  | { kind: 'register'; outcome: RegisterOutcome }
  | { kind: 'status'; status: LinkStatus }
  | { kind: 'event' }
  | { kind: 'error'; error: LinkServerError };

export function encodeResponse(id: string | null, body: ResponseBody): Uint8Array {
  const base = { v: WIRE_VERSION, id };
  switch (body.kind) {
    case 'register':
      return utf8(JSON.stringify({ ...base, ...body.outcome }));
    case 'status':
      return utf8(JSON.stringify({ ...base, status: body.status }));
    case 'event':
      return utf8(JSON.stringify({ ...base, accepted: true }));
    case 'error':
      return utf8(JSON.stringify({ ...base, error: body.error }));
  }
}

function decodeOutcome(o: Record<string, unknown>): RegisterOutcome | undefined {
  switch (o.outcome) {
    case 'registered':
      return keysAre(o, ['v', 'id', 'outcome']) ? { outcome: 'registered' } : undefined;
    case 'duplicate':
      if (typeof o.mostRecent !== 'boolean') return undefined;
      if (keysAre(o, ['v', 'id', 'outcome', 'mostRecent'])) return { outcome: 'duplicate', mostRecent: o.mostRecent };
      return keysAre(o, ['v', 'id', 'outcome', 'mostRecent', 'attempt']) && (o.attempt === 'same' || o.attempt === 'other') ? { outcome: 'duplicate', mostRecent: o.mostRecent, attempt: o.attempt } : undefined;
    case 'rejected': {
      if (!oneOf(o.reason, REJECT_REASONS)) return undefined;
      if (keysAre(o, ['v', 'id', 'outcome', 'reason'])) return { outcome: 'rejected', reason: o.reason };
      if (keysAre(o, ['v', 'id', 'outcome', 'reason', 'detail']) && typeof o.detail === 'string') return { outcome: 'rejected', reason: o.reason, detail: o.detail };
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
    const errors: readonly LinkServerError[] = ['malformed', 'bad-mac', 'not-ready', 'replayed', 'wrong-station'];
    return keysAre(o, ['v', 'id', 'error']) && oneOf(o.error, errors) && (o.id === id || o.id === null) ? { kind: 'error', error: o.error } : undefined;
  }
  if (o.id !== id) return undefined;
  switch (kind) {
    case 'register': {
      const outcome = decodeOutcome(o);
      return outcome ? { kind: 'register', outcome } : undefined;
    }
    case 'status': {
      const status = keysAre(o, ['v', 'id', 'status']) ? decodeStatus(o.status) : undefined;
      return status ? { kind: 'status', status } : undefined;
    }
    case 'event':
      return keysAre(o, ['v', 'id', 'accepted']) && o.accepted === true ? { kind: 'event' } : undefined;
  }
}
