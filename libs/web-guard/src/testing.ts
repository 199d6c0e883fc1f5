// For the servers' tests: the security campaign's attacks, replayable against any guarded server
// — raw requests with any Host and Origin (node:http, as an attacker's browser or script sends
// them), and the real thing in Chromium: a page on another local origin that submits forms and
// no-cors fetches at the server, and a script on a rebinding name. Each server's test checks
// that its state did not change. Test code only (imports playwright-core).
import { request, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CSRF_HEADER, REFUSAL_HEADER, SESSION_PATH, type RefusalCode } from './names.ts';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request with exactly these headers (Host too), to `base` (http://127.0.0.1:PORT/). */
export function rawRequest(base: string, o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array }): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const body = o.body === undefined ? undefined : typeof o.body === 'string' ? Buffer.from(o.body) : Buffer.from(o.body);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method: o.method ?? 'GET',
        path: o.path,
        setHost: false,
        agent: false,
        headers: { host: u.host, ...(body ? { 'content-length': String(body.length) } : {}), ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The session cookie and token, got the way a page gets them. */
export async function legitimateSession(base: string): Promise<{ cookie: string; csrf: string }> {
  const r = await rawRequest(base, { path: SESSION_PATH });
  const cookie = (r.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const csrf = (JSON.parse(r.text) as { csrf?: string }).csrf ?? '';
  if (r.status !== 200 || cookie === '' || csrf === '') throw new Error(`no session from ${base}: ${r.status} ${r.text}`);
  return { cookie, csrf };
}

export interface Attempt {
  name: string;
  status: number;
  refusal: string | undefined;
  expected: RefusalCode;
  /** Never any CORS answer. */
  cors: boolean;
}

export interface AttackTarget {
  /** http://127.0.0.1:PORT/ */
  base: string;
  /** A state-changing route, e.g. /api/unlock. */
  path: string;
  /** A JSON body the route would act on if the guard let it through. */
  body: unknown;
  /** A read that must not work under a rebinding name (e.g. /api/results); default '/'. */
  read?: string;
  /** The JSON body limit of this server; default 64 KiB. */
  maxBody?: number;
}

/**
 * Every way in that the campaign found (and the near misses), against one route. Each comes
 * back with the guard's refusal code; a test asserts that each is the expected one and that the
 * server's state did not change.
 */
export async function attacks(target: AttackTarget): Promise<Attempt[]> {
  const { base, path } = target;
  const own = new URL(base).origin;
  const port = new URL(base).port;
  const json = JSON.stringify(target.body);
  // A server without the guard has no /session: the attacks then go without, and the test sees what they changed.
  const { cookie, csrf } = await legitimateSession(base).catch(() => ({ cookie: 'none=none', csrf: 'none' }));
  const session = { cookie, [CSRF_HEADER]: csrf };
  const foreign = { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' };
  // Another port on the same host is the same *site*: SameSite cookies go along.
  const sameSite = { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site', cookie };
  const rebound = { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}`, 'sec-fetch-site': 'same-origin' };
  const tries: Array<[string, RefusalCode, Parameters<typeof rawRequest>[1]]> = [
    ['form-encoded POST from another site', 'cross-origin', { method: 'POST', path, headers: { ...foreign, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' }],
    ['text/plain POST from another site', 'cross-origin', { method: 'POST', path, headers: { ...foreign, cookie, 'content-type': 'text/plain;charset=UTF-8' }, body: json }],
    ['multipart POST from another site', 'cross-origin', { method: 'POST', path, headers: { ...foreign, cookie, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }],
    ['JSON POST from another site', 'cross-origin', { method: 'POST', path, headers: { ...foreign, cookie, 'content-type': 'application/json' }, body: json }],
    ['JSON POST from another port on this host', 'cross-origin', { method: 'POST', path, headers: { ...sameSite, 'content-type': 'application/json' }, body: json }],
    ['JSON POST from an opaque origin', 'cross-origin', { method: 'POST', path, headers: { origin: 'null', 'content-type': 'application/json' }, body: json }],
    ['JSON POST without Origin, referred by another site', 'cross-origin', { method: 'POST', path, headers: { referer: 'http://attacker.example/x', 'content-type': 'application/json', ...session }, body: json }],
    ['text/plain POST from the own page, with the token', 'not-json', { method: 'POST', path, headers: { origin: own, 'content-type': 'text/plain', ...session }, body: json }],
    ['form-encoded POST by a program, with the token', 'not-json', { method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', ...session }, body: 'a=b' }],
    ['JSON POST without cookie or token', 'no-session', { method: 'POST', path, headers: { origin: own, 'content-type': 'application/json' }, body: json }],
    ['JSON POST with the cookie but no token', 'no-session', { method: 'POST', path, headers: { origin: own, 'content-type': 'application/json', cookie }, body: json }],
    ['JSON POST with the token but no cookie', 'no-session', { method: 'POST', path, headers: { origin: own, 'content-type': 'application/json', [CSRF_HEADER]: csrf }, body: json }],
    ['JSON POST with a forged token', 'session-expired', { method: 'POST', path, headers: { origin: own, 'content-type': 'application/json', cookie, [CSRF_HEADER]: 'A'.repeat(43) }, body: json }],
    ['GET / under a rebinding name', 'wrong-host', { path: '/', headers: { host: rebound.host, accept: 'text/html' } }],
    [`GET ${target.read ?? '/'} under a rebinding name`, 'wrong-host', { path: target.read ?? '/', headers: { host: rebound.host } }],
    ['GET /session under a rebinding name', 'wrong-host', { path: SESSION_PATH, headers: { host: rebound.host } }],
    ['JSON POST under a rebinding name, with the token', 'wrong-host', { method: 'POST', path, headers: { ...rebound, 'content-type': 'application/json', ...session }, body: json }],
    ['GET /session from another site', 'cross-origin', { path: SESSION_PATH, headers: { 'sec-fetch-site': 'cross-site' } }],
    ['OPTIONS preflight from another site', 'preflight', { method: 'OPTIONS', path, headers: { ...foreign, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-ovs-csrf' } }],
    ['oversized JSON POST with the token', 'too-large', { method: 'POST', path, headers: { origin: own, 'content-type': 'application/json', ...session }, body: `{"pad":"${'x'.repeat(target.maxBody ?? 64 * 1024)}"}` }],
    ['malformed JSON POST with the token', 'bad-json', { method: 'POST', path, headers: { origin: own, 'content-type': 'application/json', ...session }, body: '{"not json' }],
  ];
  const out: Attempt[] = [];
  for (const [name, expected, o] of tries) {
    const r = await rawRequest(base, o);
    const refusal = r.headers[REFUSAL_HEADER.toLowerCase()];
    out.push({ name, status: r.status, refusal: typeof refusal === 'string' ? refusal : undefined, expected, cors: Object.keys(r.headers).some((h) => h.startsWith('access-control-')) });
  }
  return out;
}

/** What is missing or wrong in the security headers of one answer ([] when all is well). */
export function headerProblems(headers: IncomingHttpHeaders, o: { embeddedBy?: string } = {}): string[] {
  const problems: string[] = [];
  const csp = String(headers['content-security-policy'] ?? '');
  for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "base-uri 'none'", `frame-ancestors ${o.embeddedBy ?? "'none'"}`]) {
    if (!csp.split(';').some((p) => p.trim() === d)) problems.push(`CSP without ${d}`);
  }
  if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push('CSP allows inline script or style');
  const want: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
  for (const [name, value] of Object.entries(want)) if (headers[name] !== value) problems.push(`${name}: ${String(headers[name])} instead of ${value}`);
  if (headers['x-powered-by'] !== undefined) problems.push('x-powered-by present');
  if (Object.keys(headers).some((h) => h.startsWith('access-control-'))) problems.push('a CORS header');
  return problems;
}

const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface BrowserAttack {
  /** The server's own page, opened first in the same browser (the operator's tab: its cookie is there). */
  page: string;
  /** Changes to attempt: full URL and the JSON body the route would act on. */
  targets: ReadonlyArray<{ url: string; body: unknown }>;
  /** Paths the rebinding script tries to read (e.g. /api/results). */
  reads?: readonly string[];
}

/** The attacker's page: three auto-submitted forms and three fetches per target. */
function attackerPage(targets: BrowserAttack['targets']): string {
  const list = targets.map((t) => ({ url: t.url, json: JSON.stringify(t.body) }));
  return `<!doctype html><html><body><h1>Een gewone website</h1><script>
const targets = ${JSON.stringify(list).replace(/</g, '\\u003c')};
for (const t of targets) {
  for (const enctype of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
    const name = 'f' + Math.random().toString(36).slice(2);
    const frame = document.createElement('iframe');
    frame.name = name;
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = 'POST'; form.action = t.url; form.enctype = enctype; form.target = name;
    // text/plain sends name=value: this one reads as the JSON body plus a padding field.
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = (t.json.length > 2 ? t.json.slice(0, -1) + ',' : '{') + '"pad":"';
    input.value = '"}';
    form.append(input);
    document.body.append(form);
    form.submit();
  }
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    fetch(t.url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': type }, body: t.json }).catch(() => {});
  }
  fetch(t.url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: t.json }).catch(() => {});
}
</script></body></html>`;
}

/**
 * The attack in Chromium, twice: (1) a page on another local origin (another port of
 * 127.0.0.1: same site, so SameSite cookies go along) auto-submits forms and no-cors fetches at
 * every target, while the server's own page is open in another tab; (2) a script running under a
 * rebinding name (attacker.example, resolved to 127.0.0.1 as a rebinding DNS would) posts the
 * JSON to its "own" origin and reads `reads`. Returns when every request has been answered or has
 * failed, with the statuses the rebinding script got and the text of the page a person would see
 * under that name.
 */
export async function crossSiteInChromium(attack: BrowserAttack): Promise<{ rebound: number[]; reboundReads: number[]; reboundPage: string }> {
  const evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(attackerPage(attack.targets));
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...ARGS, '--host-resolver-rules=MAP attacker.example 127.0.0.1'] });
  try {
    const context = await browser.newContext();
    const own = await context.newPage();
    await own.goto(attack.page);
    // The operator has used the page: its session cookie is in the jar the attacker's page shares.
    await own.evaluate(async (path) => void (await fetch(path)), SESSION_PATH);
    const page = await context.newPage();
    const urls = new Set(attack.targets.map((t) => t.url));
    const expected = attack.targets.length * 6;
    let seen = 0;
    const all = new Promise<void>((resolve) => {
      const count = (r: { url(): string; method(): string }): void => {
        if (r.method() === 'POST' && urls.has(r.url()) && ++seen === expected) resolve();
      };
      page.on('requestfinished', count);
      page.on('requestfailed', count);
    });
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await all;

    // Rebinding: the attacker's name now points at this server; its script runs in that origin.
    const target = new URL(attack.targets[0]?.url ?? attack.page);
    // (Its own context, without CSP: the refusal page's CSP would stop the script before the server could.)
    const rebinding = await (await browser.newContext({ bypassCSP: true })).newPage();
    await rebinding.goto(`http://attacker.example:${target.port}/`);
    const reboundPage = await rebinding.locator('body').innerText();
    const rebound: number[] = [];
    for (const t of attack.targets) {
      const u = new URL(t.url);
      rebound.push(
        await rebinding.evaluate(
          async ([path, json]) => (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json })).status,
          [`${u.pathname}${u.search}`, JSON.stringify(t.body)] as const,
        ),
      );
    }
    const reboundReads: number[] = [];
    for (const path of attack.reads ?? []) reboundReads.push(await rebinding.evaluate(async (p) => (await fetch(p)).status, path));
    return { rebound, reboundReads, reboundPage };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  }
}
