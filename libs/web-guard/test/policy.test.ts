// The pure decision: which requests pass, and why every other one is refused.
import t from 'tap';
import fc from 'fast-check';
import { csrfToken, decide, ownHosts, refusalMessage, securityHeaders, type GuardPolicy, type RequestFacts, type RefusalCode } from '../src/index.ts';

const SECRET = new Uint8Array(32).fill(7);
const SESSION = 'S'.repeat(43);
const CSRF = csrfToken(SECRET, SESSION);
const policy: GuardPolicy = { names: [], origins: [], maxBody: 1024, bodies: [{ path: '/api/picture', type: 'image/png', maxBody: 4096 }], secret: SECRET };

/** A change the server's own page makes. */
const good = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  method: 'POST',
  path: '/api/act',
  host: '127.0.0.1:8460',
  origin: 'http://127.0.0.1:8460',
  referer: undefined,
  secFetchSite: 'same-origin',
  contentType: 'application/json',
  contentLength: 2,
  sessions: [SESSION],
  csrf: CSRF,
  local: { address: '127.0.0.1', port: 8460 },
  ...over,
});

const refusal = (f: RequestFacts, p = policy): RefusalCode | 'allowed' => {
  const d = decide(f, p);
  return d.ok ? 'allowed' : d.refusal;
};

t.test('the own page, with its session and token, may change; a program without fetch metadata too', async (t) => {
  t.same(decide(good(), policy), { ok: true, kind: 'change', body: { type: 'json', maxBody: 1024 }, session: SESSION });
  t.equal(refusal(good({ origin: undefined, secFetchSite: undefined })), 'allowed', 'the headless voter sends neither Origin nor Sec-Fetch-Site');
  t.equal(refusal(good({ host: 'localhost:8460', origin: 'http://localhost:8460' })), 'allowed', 'localhost with the port');
  t.equal(refusal(good({ contentType: 'application/json; charset=utf-8' })), 'allowed');
  t.equal(refusal(good({ path: '/api/picture', contentType: 'image/png', contentLength: 4000 })), 'allowed', 'a declared raw body within its own limit');
  t.equal(refusal(good({ sessions: ['x', SESSION] })), 'allowed', 'a second cookie of the same name set by another page changes nothing');
  t.same(decide(good({ method: 'GET', contentType: undefined, sessions: [], csrf: undefined, origin: undefined }), policy), { ok: true, kind: 'read' });
});

t.test('Host: only the server’s own names, for reads too (DNS rebinding)', async (t) => {
  t.same(ownHosts({ address: '127.0.0.1', port: 8460 }, []), ['localhost:8460', '127.0.0.1:8460']);
  t.same(ownHosts({ address: '::ffff:10.0.0.5', port: 8470 }, ['HB.local', 'hb.example:443']), ['localhost:8470', '10.0.0.5:8470', 'hb.local:8470', 'hb.example:443']);
  t.same(ownHosts({ address: '::1', port: 80 }, []), ['localhost:80', '[::1]:80', 'localhost', '[::1]'], 'port 80 may be left out');
  for (const host of ['attacker.example:8460', '127.0.0.1:8461', '127.0.0.1', 'localhost', '127.0.0.1.:8460', '', undefined]) {
    t.equal(refusal(good({ host })), 'wrong-host', `POST with Host ${String(host)}`);
    t.equal(refusal(good({ host, method: 'GET' })), 'wrong-host', `GET with Host ${String(host)}`);
  }
  t.equal(refusal(good({ host: 'hb.local:8460', origin: 'http://hb.local:8460' }), { ...policy, names: ['hb.local'] }), 'allowed', 'a configured name');
  fc.assert(
    fc.property(fc.domain(), fc.nat({ max: 65535 }), (name, port) => {
      const host = `${name}:${port}`;
      return ownHosts({ address: '127.0.0.1', port: 8460 }, []).includes(host) || refusal(good({ host, method: 'GET' })) === 'wrong-host';
    }),
  );
});

t.test('no CORS: a preflight is refused', async (t) => {
  t.equal(refusal(good({ method: 'OPTIONS' })), 'preflight');
});

t.test('a change from anywhere but the own page is refused, token or not', async (t) => {
  for (const origin of ['http://attacker.example', 'http://127.0.0.1:9999', 'https://127.0.0.1:8460', 'null', 'http://localhost:8461']) {
    t.equal(refusal(good({ origin, secFetchSite: undefined })), 'cross-origin', origin);
  }
  for (const site of ['cross-site', 'same-site', 'none']) t.equal(refusal(good({ secFetchSite: site })), 'cross-origin', `Sec-Fetch-Site ${site}`);
  t.equal(refusal(good({ origin: undefined, secFetchSite: undefined, referer: 'http://attacker.example/page' })), 'cross-origin', 'no Origin, a foreign Referer');
  t.equal(refusal(good({ origin: undefined, secFetchSite: undefined, referer: 'http://127.0.0.1:8460/' })), 'allowed', 'no Origin, an own Referer');
  t.equal(refusal(good({ origin: 'https://hb.example' }), { ...policy, origins: ['https://hb.example'] }), 'allowed', 'a configured origin (TLS proxy)');
});

t.test('only JSON (or a route’s declared type): what a form or a no-cors fetch sends is refused', async (t) => {
  for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', 'application/jsonp', 'image/png', undefined]) {
    t.equal(refusal(good({ contentType })), 'not-json', String(contentType));
  }
});

t.test('bodies are bounded', async (t) => {
  t.equal(refusal(good({ contentLength: 1025 })), 'too-large');
  t.equal(refusal(good({ contentLength: 1024 })), 'allowed');
  t.equal(refusal(good({ path: '/api/picture', contentType: 'image/png', contentLength: 4097 })), 'too-large');
  t.equal(refusal(good({ method: 'GET', contentLength: 5000 })), 'too-large', 'a read with a body past the limit');
  t.same(decide(good({ contentLength: undefined }), policy), { ok: true, kind: 'change', body: { type: 'json', maxBody: 1024 }, session: SESSION }, 'chunked: the adapter counts');
});

t.test('a change needs the session cookie and its token', async (t) => {
  t.equal(refusal(good({ sessions: [] })), 'no-session');
  t.equal(refusal(good({ csrf: undefined })), 'no-session');
  t.equal(refusal(good({ csrf: '' })), 'no-session');
  t.equal(refusal(good({ sessions: ['short'] })), 'no-session', 'a malformed cookie is no session');
  t.equal(refusal(good({ sessions: ['T'.repeat(43)] })), 'session-expired', 'a token of another session');
  t.equal(refusal(good({}), { ...policy, secret: new Uint8Array(32).fill(8) }), 'session-expired', 'a token from before a restart (another secret)');
  fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 60 }), (csrf) => csrf === CSRF || refusal(good({ csrf })) === 'session-expired'), { numRuns: 500 });
});

t.test('only the complete evidence passes: any one fact spoilt is refused', async () => {
  const spoil: Array<[string, Partial<RequestFacts>]> = [
    ['host', { host: 'attacker.example:8460' }],
    ['origin', { origin: 'http://attacker.example' }],
    ['site', { secFetchSite: 'cross-site' }],
    ['type', { contentType: 'text/plain' }],
    ['length', { contentLength: 1_000_000 }],
    ['cookie', { sessions: [] }],
    ['token', { csrf: 'x' }],
    ['method', { method: 'OPTIONS' }],
  ];
  fc.assert(
    fc.property(fc.subarray(spoil, { minLength: 1 }), fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH'), (spoilt, method) => {
      const facts = good({ method, ...Object.assign({}, ...spoilt.map(([, s]) => s)) });
      return !decide(facts, policy).ok;
    }),
  );
});

t.test('GET /session: only to the own page or a program', async (t) => {
  const session = (secFetchSite: string | undefined) => decide(good({ method: 'GET', path: '/session', secFetchSite, sessions: [], csrf: undefined }), policy);
  t.same(session(undefined), { ok: true, kind: 'session' });
  t.same(session('same-origin'), { ok: true, kind: 'session' });
  t.same(session('cross-site'), { ok: false, refusal: 'cross-origin' });
  t.same(session('same-site'), { ok: false, refusal: 'cross-origin' });
});

t.test('every refusal has a Dutch message', async (t) => {
  const codes: RefusalCode[] = ['wrong-host', 'preflight', 'cross-origin', 'not-json', 'too-large', 'bad-json', 'no-session', 'session-expired'];
  for (const c of codes) t.match(refusalMessage(c, { maxBody: 65536, ownAddress: 'http://127.0.0.1:8470/' }), /^(Geweigerd|Ongeldige vraag|De sessie is verlopen)/, c);
  t.match(refusalMessage('too-large', { maxBody: 65536 }), /groter dan 64 KiB/);
  t.match(refusalMessage('too-large', { maxBody: 8 * 1024 * 1024 }), /groter dan 8 MiB/);
  t.match(refusalMessage('wrong-host', { ownAddress: 'http://127.0.0.1:8470/' }), /Open http:\/\/127\.0\.0\.1:8470\//);
});

t.test('security headers: no inline script, framing only by the named page', async (t) => {
  const plain = securityHeaders({ embeddedBy: [], frames: [] });
  t.match(plain['Content-Security-Policy'], /default-src 'self'; script-src 'self'; style-src 'self'/);
  t.match(plain['Content-Security-Policy'], /frame-ancestors 'none'/);
  t.equal(plain['X-Frame-Options'], 'DENY');
  const framed = securityHeaders({ embeddedBy: ['http://127.0.0.1:8460'], frames: ['http://127.0.0.1:41871'] });
  t.match(framed['Content-Security-Policy'], /frame-ancestors http:\/\/127\.0\.0\.1:8460$/);
  t.match(framed['Content-Security-Policy'], /frame-src http:\/\/127\.0\.0\.1:41871;/);
  t.equal(framed['X-Frame-Options'], undefined);
});
