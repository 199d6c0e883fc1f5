// The one way a page or a program of the product talks to a guarded server: reads as they are,
// every change as JSON with the session's CSRF token, got the legitimate way (GET /session on
// the server's own origin). A change refused for its session — the page stayed open while the
// server restarted — fetches a fresh token and is sent once more: the guard refused it before
// the app saw it, so nothing happened the first time, and the person never gets stuck.
// Browser-safe (no Node imports); in Node (the headless voter, tests) it keeps the cookie itself.
import { CSRF_HEADER, REFUSAL_HEADER, SESSION_PATH, SESSION_REFUSALS, type RefusalCode } from './names.ts';

export interface GuardedClient {
  /** A read (GET). */
  get(path: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }): Promise<Response>;
  /** A change: `body` as JSON (`{}` when there is none), or raw bytes of a declared `type`. */
  post(path: string, body?: unknown, init?: { signal?: AbortSignal; type?: string }): Promise<Response>;
  /** Gets the session now rather than at the first change (a kiosk page, when it loads). */
  ready(): Promise<void>;
}

/** The guard's reason when it refused this answer; undefined when the app answered. */
export const refusalOf = (response: Response): RefusalCode | undefined => (response.headers.get(REFUSAL_HEADER) as RefusalCode | null) ?? undefined;

/** `baseUrl` '' on a page (its own origin); 'http://127.0.0.1:41871/' in Node. */
export function createGuardedClient(baseUrl = ''): GuardedClient {
  const url = (path: string): string => `${baseUrl.replace(/\/$/, '')}${path}`;
  // Node has no cookie jar; a browser keeps the HttpOnly cookie itself and shows no Set-Cookie.
  let cookie: string | undefined;
  let token: Promise<string> | undefined;

  const withCookie = (headers: Record<string, string>): Record<string, string> => (cookie ? { ...headers, cookie } : headers);

  // In Node: a server that gives a fresh session (a login) sets the cookie on any answer; its
  // token then belongs to the old one, so it is fetched again. (A browser keeps the cookie itself
  // and never shows Set-Cookie: there the next change is refused once for its session and retried.)
  const adopt = (r: Response): void => {
    const set = typeof r.headers.getSetCookie === 'function' ? r.headers.getSetCookie() : [];
    const pair = set[0]?.split(';')[0];
    if (pair && pair !== cookie) {
      cookie = pair;
      token = undefined;
    }
  };

  const fetchToken = async (): Promise<string> => {
    const r = await fetch(url(SESSION_PATH), { cache: 'no-store', headers: withCookie({}) });
    const set = typeof r.headers.getSetCookie === 'function' ? r.headers.getSetCookie() : [];
    const pair = set[0]?.split(';')[0];
    if (pair) cookie = pair;
    const answer = (await r.json()) as { ok?: boolean; csrf?: unknown; message?: string };
    if (!r.ok || typeof answer.csrf !== 'string') throw new Error(answer.message ?? `geen sessie (HTTP ${r.status})`);
    return answer.csrf;
  };

  const session = (): Promise<string> =>
    (token ??= fetchToken().catch((e: unknown) => {
      token = undefined;
      throw e;
    }));

  const send = async (path: string, body: unknown, init: { signal?: AbortSignal; type?: string }): Promise<Response> => {
    const csrf = await session();
    const raw = init.type !== undefined;
    const r = await fetch(url(path), {
      method: 'POST',
      cache: 'no-store',
      headers: withCookie({ 'content-type': raw ? init.type ?? '' : 'application/json', [CSRF_HEADER]: csrf }),
      body: raw ? (body as BodyInit) : JSON.stringify(body ?? {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    adopt(r);
    return r;
  };

  return {
    async get(path, init = {}) {
      const r = await fetch(url(path), { cache: 'no-store', headers: withCookie(init.headers ?? {}), ...(init.signal ? { signal: init.signal } : {}) });
      adopt(r);
      return r;
    },
    async post(path, body, init = {}) {
      const first = await send(path, body, init);
      const refusal = refusalOf(first);
      if (refusal === undefined || !SESSION_REFUSALS.includes(refusal)) return first;
      await first.body?.cancel();
      token = undefined;
      return send(path, body, init);
    },
    ready: async () => void (await session()),
  };
}
