// The guard's decision, pure: the facts of one request (method, Host, Origin, fetch metadata,
// content type, declared length, session evidence, the address it came in on) and the server's
// policy in, "allowed" or one refusal out. No I/O; the adapters (guard.ts) gather the facts and
// carry out the answer.
import { SESSION_PATH, type RefusalCode } from './names.ts';
import { csrfMatches, isSessionId } from './token.ts';

export const DEFAULT_MAX_BODY = 64 * 1024;

export interface RequestFacts {
  method: string;
  /** The path, without the query. */
  path: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  secFetchSite: string | undefined;
  contentType: string | undefined;
  /** The declared Content-Length; undefined when there is none (no body, or chunked). */
  contentLength: number | undefined;
  /** Every value of the session cookie (another page on the host may have added one of its own). */
  sessions: readonly string[];
  /** The CSRF header. */
  csrf: string | undefined;
  /** The socket's own end: the address and port the request came in on. */
  local: { address: string; port: number };
}

/** A route that takes another body than JSON (the box simulator's picture). */
export interface BodyRule {
  path: string;
  /** The media type, e.g. 'image/png'. */
  type: string;
  maxBody: number;
}

export interface GuardPolicy {
  /** Further names the server answers to ('hoofdbureau.local', or with a port 'hb.local:8470'). */
  names: readonly string[];
  /** Further origins that may send changes (e.g. 'https://hoofdbureau.example' behind a TLS proxy). */
  origins: readonly string[];
  /** The JSON body limit, in bytes. */
  maxBody: number;
  bodies: readonly BodyRule[];
  secret: Uint8Array;
}

export type BodyKind = { type: 'json'; maxBody: number } | { type: 'raw'; maxBody: number };

export type Decision =
  /** GET/HEAD: the app answers. */
  | { ok: true; kind: 'read' }
  /** GET /session: the guard hands out the session cookie and the token. */
  | { ok: true; kind: 'session' }
  /** A change from the server's own page with a valid token: read the body within its limit. */
  | { ok: true; kind: 'change'; body: BodyKind; session: string }
  | { ok: false; refusal: RefusalCode };

export const REFUSAL_STATUS: Record<RefusalCode, number> = {
  'wrong-host': 421,
  preflight: 403,
  'cross-origin': 403,
  'not-json': 415,
  'too-large': 413,
  'bad-json': 400,
  'no-session': 403,
  'session-expired': 403,
};

const refuse = (refusal: RefusalCode): Decision => ({ ok: false, refusal });

/** An address as it appears in a Host header: IPv4-mapped IPv6 as IPv4, IPv6 in brackets. */
export function hostForm(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

const hasPort = (name: string): boolean => /:\d+$/.test(name) && (!name.includes('[') || name.includes(']:'));

/**
 * Every Host value this server answers to: the address the request came in on and `localhost`,
 * each with the port, and the configured names. Anything else — above all a name an attacker's
 * DNS points at us (rebinding) — is refused, for reads too.
 */
export function ownHosts(local: RequestFacts['local'], names: readonly string[]): string[] {
  const bare = ['localhost', ...(local.address === '' ? [] : [hostForm(local.address)]), ...names.filter((n) => !hasPort(n))];
  const hosts = bare.map((h) => `${h}:${local.port}`);
  // A browser leaves out the default port.
  if (local.port === 80) hosts.push(...bare);
  hosts.push(...names.filter(hasPort));
  return [...new Set(hosts.map((h) => h.toLowerCase()))];
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Did the change come from one of the server's own pages? Browsers send Origin on every POST
 * and Sec-Fetch-Site on every request; a program (the headless voter, a test) sends neither,
 * and then the token alone decides.
 */
function fromOwnPage(f: RequestFacts, origins: readonly string[]): boolean {
  if (f.secFetchSite !== undefined && f.secFetchSite.toLowerCase() !== 'same-origin') return false;
  if (f.origin !== undefined) return origins.includes(f.origin.toLowerCase());
  if (f.referer !== undefined) return origins.includes(originOf(f.referer) ?? '');
  return true;
}

/** `application/json; charset=utf-8` → `application/json`. */
export const mediaType = (contentType: string | undefined): string | undefined => contentType?.split(';')[0]?.trim().toLowerCase() || undefined;

export function decide(f: RequestFacts, policy: GuardPolicy): Decision {
  const hosts = ownHosts(f.local, policy.names);
  if (f.host === undefined || !hosts.includes(f.host.toLowerCase())) return refuse('wrong-host');
  const method = f.method.toUpperCase();
  // No CORS at all: a preflight is how another origin asks, and the answer is no.
  if (method === 'OPTIONS') return refuse('preflight');
  const origins = [...hosts.map((h) => `http://${h}`), ...policy.origins.map((o) => o.toLowerCase())];
  if (method === 'GET' || method === 'HEAD') {
    if (f.contentLength !== undefined && f.contentLength > policy.maxBody) return refuse('too-large');
    if (f.path !== SESSION_PATH) return { ok: true, kind: 'read' };
    // The token only goes to the server's own page (or to a program, which sends no fetch metadata).
    const site = f.secFetchSite?.toLowerCase();
    return site === undefined || site === 'same-origin' || site === 'none' ? { ok: true, kind: 'session' } : refuse('cross-origin');
  }
  if (!fromOwnPage(f, origins)) return refuse('cross-origin');
  // Form-encoded, multipart and text/plain are what a cross-site form or a no-cors fetch can send
  // without a preflight: a change is JSON (or the one other type its route declares).
  const type = mediaType(f.contentType);
  const rule = policy.bodies.find((b) => b.path === f.path && b.type.toLowerCase() === type);
  const body: BodyKind | undefined = rule ? { type: 'raw', maxBody: rule.maxBody } : type === 'application/json' ? { type: 'json', maxBody: policy.maxBody } : undefined;
  if (!body) return refuse('not-json');
  if (f.contentLength !== undefined && f.contentLength > body.maxBody) return refuse('too-large');
  const sessions = f.sessions.filter(isSessionId);
  if (sessions.length === 0 || f.csrf === undefined || f.csrf === '') return refuse('no-session');
  const session = sessions.find((s) => csrfMatches(policy.secret, s, f.csrf ?? ''));
  // A well-formed session whose token no longer matches: the server has restarted since the page got it.
  if (session === undefined) return refuse('session-expired');
  return { ok: true, kind: 'change', body, session };
}
