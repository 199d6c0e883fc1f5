// The console's side of the link. Transport-independent core (`handle`) plus a node:http
// listener: HTTP on loopback in simulation, on the dedicated cable to the box on hardware.
// Every answer is a frame (frames.ts) with HTTP 200, so the status line says nothing either.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { fromHex, randomBytes, toHex, type Signer } from '@ovs/crypto';
import { decodeFrame, encodeError, LINK_PATH, MAX_FRAME_BYTES, openData, sealData, type Frame, type FrameError } from './frames.ts';
import { answerHello, type LinkBinding, type SessionKeys } from './handshake.ts';
import type { BoxEvent, LinkStatus, RegisterOutcome } from './messages.ts';
import { signReceipt } from './receipt.ts';
import { decodeRequest, encodeResponse, type ResponseBody } from './wire.ts';

/** What the console holds once the president has unlocked it with the envelope password. */
export interface LinkCredentials {
  /** The opening's link key (on the koppelticket): proves the box was paired. */
  linkKey: Uint8Array;
  /** The stembureau key: signs every handshake and every receipt. */
  stembureau: Signer;
  /** The package's hash prefix (8 bytes). */
  hashPrefix: Uint8Array;
}

export interface LinkServerHandlers {
  /** undefined until the president has unlocked the console. */
  credentials(): LinkCredentials | undefined;
  station: number;
  /** `attemptId`: the same for every resend of one ballot by the box (see LinkRequest). */
  register(ballot: Uint8Array, attemptId: string): Promise<RegisterOutcome>;
  /** undefined while not ready. */
  status(): LinkStatus | undefined;
  /** Called once per event id (see createLinkServer): a resent event is answered, not applied again. */
  event(event: BoxEvent): Promise<void>;
  /** Called for every completed handshake, before the box hears the answer: the console logs each pairing for the PV. */
  onPaired?(): Promise<void>;
  /** Called on every authenticated request (the console notes that the box is connected). */
  onAuthenticated?(): void;
}

export interface LinkHttpRequest {
  method: string;
  path: string;
  body: Uint8Array;
}

export interface LinkHttpReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface LinkServer {
  handle(req: LinkHttpRequest): Promise<LinkHttpReply>;
  listener: RequestListener;
}

export interface LinkServerOptions {
  /** Event ids remembered to apply each box event once (see createLinkServer). */
  eventWindow?: number;
  /** Sessions kept at once: a box has one; a restarted box makes a new one and the oldest goes. */
  maxSessions?: number;
  /** Handshakes per minute at most: a device that floods the cable with hellos hears `busy`. */
  handshakesPerMinute?: number;
  /** Milliseconds (tests). */
  now?: () => number;
}

/** Counters more than this far behind the highest seen are refused as replays. */
const REPLAY_WINDOW = 1024n;

interface Session {
  keys: SessionKeys;
  linkKey: Uint8Array;
  highest: bigint;
  seen: Set<bigint>;
}

const octets = { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' };

/**
 * The event window: the box resends an event whose answer it did not hear, with the same event
 * id in a new request. Event ids and sessions live in memory only: after a console restart an
 * event resent across it is applied again (rare: the answer must be lost exactly then; the ids
 * would otherwise have to be written to the sticks), and the box makes a new session.
 */
export function createLinkServer(handlers: LinkServerHandlers, options: LinkServerOptions = {}): LinkServer {
  const eventWindow = options.eventWindow ?? 4096;
  const maxSessions = options.maxSessions ?? 4;
  const perMinute = options.handshakesPerMinute ?? 30;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const handshakes: number[] = [];
  /** Event id → its handling, settled or still running (a resend that overtakes the first copy waits for it). */
  const events = new Map<string, Promise<void>>();

  function applyOnce(eventId: string, event: BoxEvent): Promise<void> {
    const known = events.get(eventId);
    if (known) return known;
    const run = handlers.event(event).catch((e: unknown) => {
      // Not applied: a resend may try again.
      events.delete(eventId);
      throw e;
    });
    events.set(eventId, run);
    if (events.size > eventWindow) events.delete(events.keys().next().value as string);
    return run;
  }

  const frame = (body: Uint8Array): LinkHttpReply => ({ status: 200, headers: octets, body });
  const error = (e: FrameError): LinkHttpReply => frame(encodeError(e));

  async function hello(f: Extract<Frame, { type: 'hello' }>, creds: LinkCredentials): Promise<LinkHttpReply> {
    const t = now();
    while (handshakes.length > 0 && (handshakes[0] as number) <= t - 60_000) handshakes.shift();
    if (handshakes.length >= perMinute) return error('busy');
    const binding: LinkBinding = { station: handlers.station, hashPrefix: creds.hashPrefix };
    const answered = answerHello(f, binding, creds.linkKey, creds.stembureau, randomBytes(16));
    if (!answered.ok) return error(answered.error);
    handshakes.push(t);
    // Logged before the box can use it: every pairing is in the PV.
    await handlers.onPaired?.();
    const { keys, accept } = answered.value;
    sessions.set(toHex(keys.sessionId), { keys, linkKey: creds.linkKey, highest: -1n, seen: new Set() });
    if (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
    return frame(accept);
  }

  /** Marks the counter as used: it is answered once, so no response key meets a nonce twice. */
  function fresh(s: Session, counter: bigint): boolean {
    if (counter <= s.highest - REPLAY_WINDOW || s.seen.has(counter)) return false;
    s.seen.add(counter);
    if (counter > s.highest) s.highest = counter;
    if (s.seen.size > Number(REPLAY_WINDOW) * 2) for (const c of s.seen) if (c <= s.highest - REPLAY_WINDOW) s.seen.delete(c);
    return true;
  }

  async function answer(message: Uint8Array, creds: LinkCredentials): Promise<ResponseBody & { id: string | null }> {
    const decoded = decodeRequest(message);
    if (!decoded.ok) return { id: null, kind: 'error', error: 'malformed' };
    const env = decoded.value;
    handlers.onAuthenticated?.();
    if (env.station !== handlers.station) return { id: env.id, kind: 'error', error: 'wrong-station' };
    const r = env.request;
    switch (r.kind) {
      case 'register': {
        const outcome = await handlers.register(r.ballot, r.attemptId);
        if (outcome.outcome === 'rejected') return { id: env.id, kind: 'register', outcome };
        const receipt = signReceipt(creds.stembureau, { station: handlers.station, hashPrefix: creds.hashPrefix }, fromHex(env.id) as Uint8Array, r.ballot, outcome);
        return { id: env.id, kind: 'register', outcome, receipt };
      }
      case 'status': {
        const status = handlers.status();
        return status ? { id: env.id, kind: 'status', status } : { id: env.id, kind: 'error', error: 'not-ready' };
      }
      case 'event':
        await applyOnce(r.eventId, r.event);
        return { id: env.id, kind: 'event' };
      default:
        return r satisfies never;
    }
  }

  async function handle(req: LinkHttpRequest): Promise<LinkHttpReply> {
    if (req.method !== 'POST' || req.path !== LINK_PATH) return { ...error('malformed'), status: 404 };
    const decoded = decodeFrame(req.body);
    if (!decoded.ok) return error('malformed');
    const f = decoded.value;
    const creds = handlers.credentials();
    if (!creds) return error('not-ready');
    switch (f.type) {
      case 'hello':
        return hello(f, creds);
      case 'request': {
        const s = sessions.get(toHex(f.sessionId));
        // A session of another opening's key (cannot happen within one run, but never mix them).
        if (!s || s.linkKey !== creds.linkKey) return error('unknown-session');
        const message = openData(s.keys.boxToConsole, f);
        if (!message) return error('malformed');
        if (!fresh(s, f.counter)) return error('replayed');
        const { id, ...body } = await answer(message, creds);
        const sealed = sealData('response', s.keys.consoleToBox, f.sessionId, f.counter, encodeResponse(id, body));
        // Every answer fits by construction (wire.ts bounds what goes in); never send it in clear.
        return sealed ? frame(sealed) : error('malformed');
      }
      case 'accept':
      case 'response':
      case 'error':
        return error('malformed');
      default:
        return f satisfies never;
    }
  }

  const listener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FRAME_BYTES && !refused) {
        refused = true;
        res.writeHead(413, { ...octets, connection: 'close' }).end(Buffer.from(encodeError('malformed')));
        req.destroy();
      } else if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      handle({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', body: new Uint8Array(Buffer.concat(chunks)) }).then(
        (r) => res.writeHead(r.status, r.headers).end(Buffer.from(r.body)),
        () => res.writeHead(500).end(),
      );
    });
  };

  return { handle, listener };
}
