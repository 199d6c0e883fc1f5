// The guard in front of a server: gathers the facts of a request, asks the pure decision
// (policy.ts), and carries it out — security headers on every answer, a refusal with a Dutch
// message, the session cookie and token on GET /session, the body read within its limit.
// One adapter for node:http (`check`) and one for express (`express`, a middleware), so that a
// server adds one line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from '@ovs/crypto';
import { REFUSAL_PAGE_CSP, securityHeaders } from './headers.ts';
import { refusalMessage, refusalPage } from './messages.ts';
import { CSRF_HEADER, REFUSAL_HEADER, sessionCookieName, type RefusalCode } from './names.ts';
import { decide, DEFAULT_MAX_BODY, hostForm, REFUSAL_STATUS, type BodyRule, type GuardPolicy, type RequestFacts } from './policy.ts';
import { csrfToken, isSessionId, SESSION_ID_BYTES, sessionIdFrom } from './token.ts';

export interface WebGuardOptions {
  /** Further names the server answers to (its configuration's list), e.g. 'hoofdbureau.local'. */
  names?: readonly string[];
  /** Further origins that may send changes, e.g. 'https://hoofdbureau.example' behind a TLS proxy. */
  origins?: readonly string[];
  /** JSON body limit in bytes; default 64 KiB. */
  maxBody?: number;
  /** Routes that take another body type, each with its own limit. */
  bodies?: readonly BodyRule[];
  /** Origins that may frame this server's pages (the virtual polling station's page). */
  embeddedBy?: readonly string[];
  /** Origins this server's pages frame (the virtual polling station's devices). */
  frames?: readonly string[];
  /** Tests only: a fixed secret. Otherwise 32 random bytes, made here and never logged. */
  secret?: Uint8Array;
}

/** The guard let the request through: the app answers it. */
export interface Passed {
  ok: true;
  /** A change: the parsed JSON (or the raw bytes of a declared type); `{}` for an empty body. Undefined for a read. */
  body: unknown;
  /** The session of a change (where a logged-in user will hang, later). */
  session: string | undefined;
}

export type Checked = Passed | { ok: false };

export interface WebGuard {
  /** node:http: `const c = await guard.check(req, res); if (!c.ok) return;` — a refusal is already answered. */
  check(req: IncomingMessage, res: ServerResponse): Promise<Checked>;
  /**
   * A fresh session for this answer (a login: the id the cookie had before may have been planted
   * by another page on the host, so the logged-in user never hangs on it). Sets the cookie on
   * `res` and gives the new id and its CSRF token.
   */
  newSession(req: IncomingMessage, res: ServerResponse): { session: string; csrf: string };
  /** express: `app.use(guard.express)`; sets req.body for a change and res.locals.session. */
  express(req: IncomingMessage & { body?: unknown }, res: ServerResponse & { locals?: Record<string, unknown> }, next: (error?: unknown) => void): void;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Every value of one cookie (a page elsewhere on the host may have set one with another path). */
export function cookieValues(cookieHeader: string | undefined, name: string): string[] {
  if (!cookieHeader) return [];
  const out: string[] = [];
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/** The path of a request target; a target that is no URL path stays as it came (and matches no route). */
function pathOf(target: string): string {
  try {
    return new URL(target, 'http://x').pathname;
  } catch {
    return target;
  }
}

export function requestFacts(req: IncomingMessage): RequestFacts {
  const length = header(req, 'content-length');
  const port = req.socket.localPort ?? 0;
  return {
    method: req.method ?? 'GET',
    path: pathOf(req.url ?? '/'),
    host: header(req, 'host'),
    origin: header(req, 'origin'),
    referer: header(req, 'referer'),
    secFetchSite: header(req, 'sec-fetch-site'),
    contentType: header(req, 'content-type'),
    contentLength: length === undefined || !/^\d+$/.test(length) ? undefined : Number(length),
    sessions: cookieValues(header(req, 'cookie'), sessionCookieName(port)),
    csrf: header(req, CSRF_HEADER.toLowerCase()),
    local: { address: req.socket.localAddress ?? '', port },
  };
}

type Read = { ok: true; bytes: Buffer } | { ok: false };

/** The body, or nothing past `limit` bytes (the rest is discarded, never kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Read> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false });
      } else chunks.push(c);
    });
    req.on('end', () => !over && resolve({ ok: true, bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    const text = strictUtf8.decode(bytes).trim();
    return { ok: true, value: text === '' ? {} : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false };
  }
}

const wantsPage = (req: IncomingMessage): boolean => {
  const dest = header(req, 'sec-fetch-dest');
  if (dest !== undefined) return dest === 'document' || dest === 'iframe';
  return (req.method === 'GET' || req.method === undefined) && (header(req, 'accept') ?? '').includes('text/html');
};

export function createWebGuard(options: WebGuardOptions = {}): WebGuard {
  const policy: GuardPolicy = {
    names: options.names ?? [],
    origins: options.origins ?? [],
    maxBody: options.maxBody ?? DEFAULT_MAX_BODY,
    bodies: options.bodies ?? [],
    secret: options.secret ?? randomBytes(32),
  };
  const headers = securityHeaders({ embeddedBy: options.embeddedBy ?? [], frames: options.frames ?? [] });

  const refuse = (req: IncomingMessage, res: ServerResponse, code: RefusalCode, maxBody = policy.maxBody): void => {
    const port = req.socket.localPort ?? 0;
    const address = req.socket.localAddress;
    const message = refusalMessage(code, { maxBody, ...(address ? { ownAddress: `http://${hostForm(address)}:${port}/` } : {}) });
    res.setHeader(REFUSAL_HEADER, code);
    if (wantsPage(req)) {
      res.setHeader('Content-Security-Policy', REFUSAL_PAGE_CSP);
      res.writeHead(REFUSAL_STATUS[code], { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(refusalPage(message));
    } else {
      res.writeHead(REFUSAL_STATUS[code], { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, error: code, message }));
    }
    // The rest of a refused body is read and dropped, never kept, so that the client gets the answer.
    req.resume();
  };

  const setCookie = (res: ServerResponse, port: number, session: string): void =>
    void res.setHeader('Set-Cookie', `${sessionCookieName(port)}=${session}; Path=/; HttpOnly; SameSite=Strict`);

  const giveSession = (req: IncomingMessage, res: ServerResponse, facts: RequestFacts): void => {
    // Two tabs of one page share the session they find; otherwise a fresh one.
    const session = facts.sessions.find(isSessionId) ?? sessionIdFrom(randomBytes(SESSION_ID_BYTES));
    setCookie(res, facts.local.port, session);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ ok: true, csrf: csrfToken(policy.secret, session) }));
  };

  const check = async (req: IncomingMessage, res: ServerResponse): Promise<Checked> => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    const facts = requestFacts(req);
    const decision = decide(facts, policy);
    if (!decision.ok) {
      refuse(req, res, decision.refusal);
      return { ok: false };
    }
    switch (decision.kind) {
      case 'read':
        return { ok: true, body: undefined, session: undefined };
      case 'session':
        giveSession(req, res, facts);
        return { ok: false };
      case 'change': {
        const { maxBody, type } = decision.body;
        const read = await readBody(req, maxBody);
        if (!read.ok) {
          refuse(req, res, 'too-large', maxBody);
          return { ok: false };
        }
        if (type === 'raw') return { ok: true, body: read.bytes, session: decision.session };
        const parsed = parseJson(read.bytes);
        if (!parsed.ok) {
          refuse(req, res, 'bad-json');
          return { ok: false };
        }
        return { ok: true, body: parsed.value, session: decision.session };
      }
      default:
        return decision satisfies never;
    }
  };

  return {
    check,
    newSession(req, res) {
      const session = sessionIdFrom(randomBytes(SESSION_ID_BYTES));
      setCookie(res, req.socket.localPort ?? 0, session);
      return { session, csrf: csrfToken(policy.secret, session) };
    },
    express(req, res, next) {
      check(req, res).then((c) => {
        if (!c.ok) return;
        if (c.body !== undefined) req.body = c.body;
        if (res.locals) res.locals.session = c.session;
        next();
      }, next);
    },
  };
}
