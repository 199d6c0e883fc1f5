// A program's client of the council server (tests, the benchmark): like a browser it keeps both
// cookies — the web guard's session and the login — and sends every change as JSON with the
// session's CSRF token (GET /session, as a page gets it). No bypass of the guard.
import { CSRF_HEADER, SESSION_PATH } from '@ovs/web-guard';

export interface CouncilClient {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  /** Logs in; the answer's JSON. */
  login(username: string, password: string): Promise<{ status: number; body: { ok: boolean; message?: string } }>;
  /** The cookies as a header, e.g. to open an event stream. */
  cookie(): string;
}

export function councilClient(baseUrl: string): CouncilClient {
  const url = (path: string): string => new URL(path, baseUrl).href;
  const jar = new Map<string, string>();
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (r: Response): void => {
    for (const line of r.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  let csrf: string | undefined;
  const token = async (): Promise<string> => {
    if (csrf) return csrf;
    const r = await fetch(url(SESSION_PATH), { headers: { cookie: cookie() } });
    keep(r);
    csrf = ((await r.json()) as { csrf: string }).csrf;
    return csrf;
  };
  const post = async (path: string, body: unknown = {}): Promise<Response> => {
    const t = await token();
    const r = await fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', [CSRF_HEADER]: t, cookie: cookie() }, body: JSON.stringify(body) });
    keep(r);
    return r;
  };
  return {
    get: async (path) => {
      const r = await fetch(url(path), { headers: { cookie: cookie() } });
      keep(r);
      return r;
    },
    post,
    async login(username, password) {
      const r = await post('/api/login', { username, password });
      return { status: r.status, body: (await r.json()) as { ok: boolean; message?: string } };
    },
    cookie,
  };
}
