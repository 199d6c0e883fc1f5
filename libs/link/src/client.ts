// The ballot box's side of the link. Every call returns a value; the box opens its flap only
// on a `registered` (or a duplicate it may reopen for) whose receipt the stembureau key signed
// for this very request. The client opens a session with a handshake (handshake.ts) on its first
// call and again whenever the console no longer knows it (a console restart).
//
// Retrying a registration is always safe: the console is idempotent by ballot id. A retry
// (same attempt id) after a lost answer gets `duplicate` with `attempt: 'same'` when that lost
// request stored it; after a console restart (attempt ids live in its memory only) without
// `attempt` — the box decides what to do.
import { err, ok, type Result } from '@ovs/basics';
import { randomBytes, toHex, Verifier } from '@ovs/crypto';
import { decodeFrame, LINK_PATH, openData, sealData, type FrameError } from './frames.ts';
import { startHandshake, type LinkBinding, type SessionKeys } from './handshake.ts';
import type { BoxEvent, LinkRequest, LinkStatus, RegisterOutcome } from './messages.ts';
import { verifyReceipt } from './receipt.ts';
import { createHttpTransport, type PostReply, type Transport } from './transport.ts';
import { decodeResponse, encodeRequest, type ResponseBody } from './wire.ts';

export type LinkError =
  /** No connection (cable, console down). */
  | 'unreachable'
  | 'timeout'
  /** The console is not unlocked yet, or has no session, or is busy with too many handshakes. */
  | 'not-ready'
  /** The console does not accept our hello: not paired, or paired with another opening. */
  | 'unauthenticated'
  /**
   * What answered is not this station's console: its handshake is not signed by the stembureau
   * key of the package. An alarm: something on the cable pretends to be the console.
   */
  | 'not-authentic'
  /** A registration answer whose receipt does not verify: an alarm, never a flap open. */
  | 'bad-receipt'
  /** The answer is not understood or not authentic: treat as no answer. */
  | 'bad-response'
  | 'replayed'
  | 'malformed-request'
  /** The box is configured for another polling station than the console. */
  | 'wrong-station';

export type LinkCall<T> = Result<T, LinkError>;

export interface LinkClientOptions {
  /** e.g. "http://127.0.0.1:8471" (simulation) or "http://10.77.0.1:8471" (cable). */
  baseUrl: string;
  linkKey: Uint8Array;
  /** This station of this package: the console must be the one that holds its stembureau key. */
  binding: LinkBinding;
  /** The stembureau's public key from the organiser-signed package. */
  stembureauPublicKey: Uint8Array;
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

interface OpenSession {
  keys: SessionKeys;
  next: bigint;
}

function frameError(e: FrameError): LinkError {
  switch (e) {
    case 'malformed':
      return 'malformed-request';
    case 'not-ready':
    case 'busy':
      return 'not-ready';
    case 'bad-hello':
      return 'unauthenticated';
    case 'replayed':
      return 'replayed';
    case 'unknown-session':
      // Only reached when a fresh handshake is not known either.
      return 'bad-response';
    default:
      return e satisfies never;
  }
}

export function createLinkClient(options: LinkClientOptions): LinkClient {
  const http = options.transport ? undefined : createHttpTransport();
  const post: Transport = options.transport ?? (http as Transport);
  const timeoutMs = options.timeoutMs ?? 2000;
  const url = `${options.baseUrl.replace(/\/+$/, '')}${LINK_PATH}`;
  const headers = { 'content-type': 'application/octet-stream' };
  const stembureau = Verifier.from(options.stembureauPublicKey);
  let session: OpenSession | undefined;
  let opening: Promise<LinkCall<OpenSession>> | undefined;

  async function handshake(): Promise<LinkCall<OpenSession>> {
    const hs = startHandshake(options.binding, options.linkKey);
    const sent = await post(url, headers, hs.hello, timeoutMs);
    if (!sent.ok) return { ok: false, error: sent.error };
    const f = decodeFrame(sent.reply.body);
    if (!f.ok) return err('bad-response');
    if (f.value.type === 'error') return err(frameError(f.value.error));
    if (f.value.type !== 'accept') return err('bad-response');
    const keys = stembureau ? hs.finish(f.value, stembureau.publicKey) : undefined;
    return keys ? ok({ keys, next: 0n }) : err('not-authentic');
  }

  /** One handshake at a time; every call waits for the same one. */
  function current(): Promise<LinkCall<OpenSession>> {
    if (session) return Promise.resolve(ok(session));
    opening ??= handshake().then((r) => {
      opening = undefined;
      if (r.ok) session = r.value;
      return r;
    });
    return opening;
  }

  async function exchange(s: OpenSession, request: LinkRequest): Promise<LinkCall<ResponseBody & { id: Uint8Array }> | 'unknown-session'> {
    const id = randomBytes(16);
    const counter = s.next++;
    const frame = sealData('request', s.keys.boxToConsole, s.keys.sessionId, counter, encodeRequest({ id: toHex(id), station: options.binding.station, request }));
    if (!frame) return err('malformed-request');
    const sent = await post(url, headers, frame, timeoutMs);
    if (!sent.ok) return err(sent.error);
    return read(sent.reply, s, counter, request.kind, id);
  }

  function read(reply: PostReply, s: OpenSession, counter: bigint, kind: LinkRequest['kind'], id: Uint8Array): LinkCall<ResponseBody & { id: Uint8Array }> | 'unknown-session' {
    const decodedFrame = decodeFrame(reply.body);
    if (!decodedFrame.ok) return err('bad-response');
    const f = decodedFrame.value;
    if (f.type === 'error') return f.error === 'unknown-session' ? 'unknown-session' : err(frameError(f.error));
    if (f.type !== 'response' || f.counter !== counter || toHex(f.sessionId) !== toHex(s.keys.sessionId)) return err('bad-response');
    const message = openData(s.keys.consoleToBox, f);
    const decoded = message ? decodeResponse(message, kind, toHex(id)) : undefined;
    if (!decoded?.ok) return err('bad-response');
    const body = decoded.value;
    if (body.kind === 'error') {
      switch (body.error) {
        case 'malformed':
          return err('malformed-request');
        case 'not-ready':
          return err('not-ready');
        case 'wrong-station':
          return err('wrong-station');
        default:
          return body.error satisfies never;
      }
    }
    return ok({ ...body, id });
  }

  async function call(request: LinkRequest): Promise<LinkCall<ResponseBody & { id: Uint8Array }>> {
    // A second round only after the console forgot our session (it restarted): a new handshake.
    for (let round = 0; ; round++) {
      const s = await current();
      if (!s.ok) return s;
      const r = await exchange(s.value, request);
      if (r !== 'unknown-session') return r;
      if (session === s.value) session = undefined;
      if (round > 0) return err('bad-response');
    }
  }

  return {
    async register(signedBallot, attemptId = newEventId()) {
      const r = await call({ kind: 'register', ballot: signedBallot, attemptId });
      if (!r.ok) return r;
      if (r.value.kind !== 'register') return err('bad-response');
      const { outcome, receipt } = r.value;
      if (outcome.outcome === 'rejected') return ok(outcome);
      // Every answer that may open the flap carries the stembureau key's word for this request.
      const genuine = receipt !== undefined && stembureau !== undefined && verifyReceipt(stembureau, options.binding, r.value.id, signedBallot, outcome, receipt);
      return genuine ? ok(outcome) : err('bad-receipt');
    },
    async status() {
      const r = await call({ kind: 'status' });
      if (!r.ok) return r;
      return r.value.kind === 'status' ? ok(r.value.status) : err('bad-response');
    },
    async event(event, eventId = newEventId()) {
      const r = await call({ kind: 'event', eventId, event });
      if (!r.ok) return r;
      return r.value.kind === 'event' ? ok(true as const) : err('bad-response');
    },
    close() {
      http?.close();
    },
  };
}
