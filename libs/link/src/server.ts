// The console's side of the link. Transport-independent core (`handle`) plus a node:http
// listener: HTTP on loopback in simulation, on the dedicated cable to the box on hardware.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { decodeMac, encodeMac, LINK_PATH_PREFIX, MAC_HEADER, macEqual, requestMac, responseMac } from './auth.ts';
import type { BoxEvent, LinkStatus, RegisterOutcome } from './messages.ts';
import { decodeRequest, encodeResponse, MAX_BODY_BYTES, REQUEST_KINDS, type LinkServerError, type ResponseBody } from './wire.ts';

export interface LinkServerHandlers {
  /** The link key of the opening; undefined until the president has unlocked the console. */
  linkKey(): Uint8Array | undefined;
  station: number;
  /** `attemptId`: the same for every resend of one ballot by the box (see LinkRequest). */
  register(ballot: Uint8Array, attemptId: string): Promise<RegisterOutcome>;
  /** undefined while not ready (as linkKey). */
  status(): LinkStatus | undefined;
  /** Called once per event id (see createLinkServer): a resent event is answered, not applied again. */
  event(event: BoxEvent): Promise<void>;
  /** Called on every authenticated request (the console notes that the box is connected). */
  onAuthenticated?(): void;
}

export interface LinkHttpRequest {
  method: string;
  path: string;
  mac: string | undefined;
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

const STATUS_OF: Record<LinkServerError, number> = { malformed: 400, 'bad-mac': 401, 'not-ready': 503, replayed: 409, 'wrong-station': 409 };

/**
 * `replayWindow`: request ids remembered to refuse a replayed request. `eventWindow`: event ids
 * remembered to apply each box event once — the box resends an event whose answer it did not
 * hear, with the same event id and a new request id. Both live in memory only: after a console
 * restart an event resent across it is applied again (rare: the answer must be lost exactly
 * then; the ids would otherwise have to be written to the sticks).
 */
export function createLinkServer(handlers: LinkServerHandlers, options: { replayWindow?: number; eventWindow?: number } = {}): LinkServer {
  const window = options.replayWindow ?? 10_000;
  const seen = new Set<string>();
  const eventWindow = options.eventWindow ?? 4096;
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

  function reply(key: Uint8Array | undefined, reqMac: Uint8Array | undefined, id: string | null, body: ResponseBody): LinkHttpReply {
    const status = body.kind === 'error' ? STATUS_OF[body.error] : 200;
    const bytes = encodeResponse(id, body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Only an authenticated request gets an authenticated answer.
    if (key && reqMac) headers[MAC_HEADER] = encodeMac(responseMac(key, reqMac, status, bytes));
    return { status, headers, body: bytes };
  }

  async function handle(req: LinkHttpRequest): Promise<LinkHttpReply> {
    const key = handlers.linkKey();
    if (!key) return reply(undefined, undefined, null, { kind: 'error', error: 'not-ready' });
    const kind = req.path.startsWith(LINK_PATH_PREFIX) ? req.path.slice(LINK_PATH_PREFIX.length) : '';
    if (req.method !== 'POST' || !(REQUEST_KINDS as readonly string[]).includes(kind)) return reply(undefined, undefined, null, { kind: 'error', error: 'malformed' });
    const mac = decodeMac(req.mac);
    if (!mac || !macEqual(mac, requestMac(key, req.path, req.body))) return reply(undefined, undefined, null, { kind: 'error', error: 'bad-mac' });
    const env = decodeRequest(req.body, kind);
    if (!env) return reply(key, mac, null, { kind: 'error', error: 'malformed' });
    if (seen.has(env.id)) return reply(key, mac, env.id, { kind: 'error', error: 'replayed' });
    seen.add(env.id);
    if (seen.size > window) seen.delete(seen.values().next().value as string);
    handlers.onAuthenticated?.();
    if (env.station !== handlers.station) return reply(key, mac, env.id, { kind: 'error', error: 'wrong-station' });
    switch (env.request.kind) {
      case 'register':
        return reply(key, mac, env.id, { kind: 'register', outcome: await handlers.register(env.request.ballot, env.request.attemptId) });
      case 'status': {
        const status = handlers.status();
        return status ? reply(key, mac, env.id, { kind: 'status', status }) : reply(key, mac, env.id, { kind: 'error', error: 'not-ready' });
      }
      case 'event':
        await applyOnce(env.request.eventId, env.request.event);
        return reply(key, mac, env.id, { kind: 'event' });
    }
  }

  const listener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !refused) {
        refused = true;
        const r = reply(undefined, undefined, null, { kind: 'error', error: 'malformed' });
        res.writeHead(r.status, { ...r.headers, connection: 'close' }).end(Buffer.from(r.body));
        req.destroy();
      } else if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const macHeader = req.headers[MAC_HEADER];
      handle({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', mac: Array.isArray(macHeader) ? macHeader[0] : macHeader, body: new Uint8Array(Buffer.concat(chunks)) }).then(
        (r) => res.writeHead(r.status, r.headers).end(Buffer.from(r.body)),
        () => res.writeHead(500).end(),
      );
    });
  };

  return { handle, listener };
}
