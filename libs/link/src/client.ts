// The ballot box's side of the link. Every call returns a value; the box opens its flap only
// on `{ ok: true, value: { outcome: 'registered' } }` (or a most-recent duplicate), which the
// client returns only when the answer's MAC proves the console made it for this request.
//
// Retrying a registration is always safe: the console is idempotent by ballot id. A retry
// (same attempt id) after a lost answer gets `duplicate` with `attempt: 'same'` when that lost
// request stored it; after a console restart (attempt ids live in its memory only) without
// `attempt` — the box decides what to do.
import { randomBytes, toHex } from '@ovs/crypto';
import { encodeMac, LINK_PATH_PREFIX, MAC_HEADER, decodeMac, macEqual, requestMac, responseMac } from './auth.ts';
import type { BoxEvent, LinkRequest, LinkStatus, RegisterOutcome } from './messages.ts';
import { createHttpTransport, type Transport } from './transport.ts';
import { decodeResponse, encodeRequest, type ResponseBody } from './wire.ts';

export type LinkError =
  /** No connection (cable, console down). */
  | 'unreachable'
  | 'timeout'
  /** The console is not unlocked yet, or has no session. */
  | 'not-ready'
  /** The console does not accept our MAC: not paired, or paired with another opening. */
  | 'unauthenticated'
  /** The answer is not authentic or not understood: treat as no answer. */
  | 'bad-response'
  | 'replayed'
  | 'malformed-request'
  /** The box is configured for another polling station than the console. */
  | 'wrong-station';

export type LinkCall<T> = { ok: true; value: T } | { ok: false; error: LinkError };

export interface LinkClientOptions {
  /** e.g. "http://127.0.0.1:8471" (simulation) or "http://10.77.0.1:8471" (cable). */
  baseUrl: string;
  linkKey: Uint8Array;
  station: number;
  timeoutMs?: number;
  /** Replaces the HTTP transport (tests, or another wire). */
  transport?: Transport;
}

/** A fresh event id (128 random bits): draw it once per event, resend the event with it. */
export const newEventId = (): string => toHex(randomBytes(16));

export interface LinkClient {
  /** `attemptId` (from newEventId()): the same for every resend of this ballot; a fresh one when left out. */
  register(signedBallot: Uint8Array, attemptId?: string): Promise<LinkCall<RegisterOutcome>>;
  status(): Promise<LinkCall<LinkStatus>>;
  /**
   * Tells the console about `event`. Resend an event whose answer was lost with the SAME
   * `eventId` (from newEventId()): the console applies it once. Without one, a fresh id is
   * drawn, and a resend would count twice.
   */
  event(event: BoxEvent, eventId?: string): Promise<LinkCall<true>>;
  /** Closes the kept-alive connection. */
  close(): void;
}

export function createLinkClient(options: LinkClientOptions): LinkClient {
  const http = options.transport ? undefined : createHttpTransport();
  const post: Transport = options.transport ?? (http as Transport);
  const timeoutMs = options.timeoutMs ?? 2000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(request: LinkRequest): Promise<LinkCall<ResponseBody>> {
    const id = toHex(randomBytes(16));
    const path = `${LINK_PATH_PREFIX}${request.kind}`;
    const body = encodeRequest({ id, station: options.station, request });
    const mac = requestMac(options.linkKey, path, body);
    const sent = await post(`${base}${path}`, { 'content-type': 'application/json', [MAC_HEADER]: encodeMac(mac) }, body, timeoutMs);
    if (!sent.ok) return { ok: false, error: sent.error };
    const res = sent.reply;
    const bytes = res.body;
    const theirs = decodeMac(res.header(MAC_HEADER));
    const authentic = theirs !== undefined && macEqual(theirs, responseMac(options.linkKey, mac, res.status, bytes));
    if (!authentic) {
      // Unauthenticated answers are only believed for what they cannot make us do: nothing opens.
      if (res.status === 401) return { ok: false, error: 'unauthenticated' };
      if (res.status === 503) return { ok: false, error: 'not-ready' };
      return { ok: false, error: 'bad-response' };
    }
    const decoded = decodeResponse(bytes, request.kind, id);
    if (!decoded) return { ok: false, error: 'bad-response' };
    if (decoded.kind === 'error') {
      switch (decoded.error) {
        case 'malformed':
          return { ok: false, error: 'malformed-request' };
        case 'bad-mac':
          return { ok: false, error: 'unauthenticated' };
        case 'not-ready':
          return { ok: false, error: 'not-ready' };
        case 'replayed':
          return { ok: false, error: 'replayed' };
        case 'wrong-station':
          return { ok: false, error: 'wrong-station' };
      }
    }
    return { ok: true, value: decoded };
  }

  return {
    async register(signedBallot, attemptId = newEventId()) {
      const r = await call({ kind: 'register', ballot: signedBallot, attemptId });
      if (!r.ok) return r;
      return r.value.kind === 'register' ? { ok: true, value: r.value.outcome } : { ok: false, error: 'bad-response' };
    },
    async status() {
      const r = await call({ kind: 'status' });
      if (!r.ok) return r;
      return r.value.kind === 'status' ? { ok: true, value: r.value.status } : { ok: false, error: 'bad-response' };
    },
    async event(event, eventId = newEventId()) {
      const r = await call({ kind: 'event', eventId, event });
      if (!r.ok) return r;
      return r.value.kind === 'event' ? { ok: true, value: true } : { ok: false, error: 'bad-response' };
    },
    close() {
      http?.close();
    },
  };
}
