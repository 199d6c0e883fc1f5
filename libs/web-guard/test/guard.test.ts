// The adapters on a real node:http server: what passes reaches the app, everything else is
// answered by the guard and reaches nothing; the client gets its token the legitimate way and
// gets over a restart of the server by itself.
import t from 'tap';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedClient, refusalOf } from '../src/client.ts';
import { createWebGuard, type WebGuardOptions } from '../src/index.ts';
import { attacks, headerProblems, rawRequest } from '../src/testing.ts';

interface Rig {
  base: string;
  changes: unknown[];
  server: Server;
  /** What a restart does to the guard: a new secret (the sockets may stay). */
  restart(): void;
}

async function start(t: { teardown: (fn: () => Promise<void>) => void }, options: WebGuardOptions = {}, adapter: 'node' | 'express' = 'node'): Promise<Rig> {
  let guard = createWebGuard(options);
  const changes: unknown[] = [];
  const app = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, body: unknown): void => {
    if (req.method === 'POST') changes.push(body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, changes: changes.length }));
  };
  const server = createServer((req: IncomingMessage & { body?: unknown }, res) => {
    if (adapter === 'express') guard.express(req, res, () => app(req, res, req.body));
    else
      void guard.check(req, res).then((c) => {
        if (c.ok) app(req, res, c.body);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, changes, server, restart: () => (guard = createWebGuard(options)) };
}

for (const adapter of ['node', 'express'] as const) {
  t.test(`${adapter}: every attack is refused with its reason, and reaches nothing`, async (t) => {
    const rig = await start(t, {}, adapter);
    for (const a of await attacks({ base: rig.base, path: '/api/act', body: { go: true } })) {
      t.equal(a.refusal, a.expected, a.name);
      t.notOk(a.cors, `${a.name}: no CORS header`);
    }
    t.same(rig.changes, [], 'the app saw no change');
    const client = createGuardedClient(rig.base);
    const r = await client.post('/api/act', { go: true });
    t.equal(r.status, 200, 'the legitimate client passes');
    t.same(rig.changes, [{ go: true }], 'with its body parsed');
  });
}

t.test('a request target that is no URL path is answered, not thrown', async (t) => {
  const rig = await start(t);
  t.equal((await rawRequest(rig.base, { path: 'http://[' })).status, 200, 'a read: the app answers it (and would 404)');
  t.same(rig.changes, []);
});

t.test('security headers on every answer, refusals included', async (t) => {
  const rig = await start(t);
  t.same(headerProblems((await rawRequest(rig.base, { path: '/' })).headers), [], 'a read');
  t.same(headerProblems((await rawRequest(rig.base, { method: 'POST', path: '/x', headers: { 'content-type': 'text/plain' } })).headers), [], 'a refusal');
  const framed = await start(t, { embeddedBy: ['http://127.0.0.1:8460'] });
  t.same(headerProblems((await rawRequest(framed.base, { path: '/' })).headers, { embeddedBy: 'http://127.0.0.1:8460' }), [], 'embedded by the named page only');
});

t.test('a refused navigation is a Dutch page; an API refusal is JSON with the same message', async (t) => {
  const rig = await start(t);
  const host = `attacker.example:${new URL(rig.base).port}`;
  const page = await rawRequest(rig.base, { path: '/', headers: { host, 'sec-fetch-dest': 'document' } });
  t.equal(page.status, 421);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(page.text, /Deze pagina is hier niet beschikbaar/);
  t.match(page.text, new RegExp(`Open http://127\\.0\\.0\\.1:${new URL(rig.base).port}/`));
  t.notMatch(page.text, /attacker/, 'the Host sent is not echoed');
  const api = await rawRequest(rig.base, { path: '/api/x', headers: { host } });
  t.same(JSON.parse(api.text), { ok: false, error: 'wrong-host', message: JSON.parse(api.text).message });
  t.match(JSON.parse(api.text).message, /^Geweigerd: deze server antwoordt alleen op zijn eigen adres/);
});

t.test('bodies: limits, chunked uploads, raw types, malformed JSON', async (t) => {
  const rig = await start(t, { maxBody: 100, bodies: [{ path: '/api/picture', type: 'image/png', maxBody: 1000 }] });
  const client = createGuardedClient(rig.base);
  const big = await client.post('/api/act', { pad: 'x'.repeat(200) });
  t.equal(big.status, 413);
  t.match(((await big.json()) as { message: string }).message, /groter dan 100 bytes/);
  // A chunked upload announces no length: the guard counts and stops.
  const chunked = await fetch(new URL('/api/act', rig.base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ovs-csrf': 'x' },
    body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('[' + '1,'.repeat(100) + '1]')), c.close()) }),
    duplex: 'half',
  } as RequestInit);
  t.equal(refusalOf(chunked), 'no-session', 'the token is checked before anything is read');
  const picture = await client.post('/api/picture', new Uint8Array(900), { type: 'image/png' });
  t.equal(picture.status, 200, 'a declared raw body within its limit');
  t.equal((rig.changes[0] as Buffer).length, 900, 'arrives as bytes');
  t.equal((await client.post('/api/picture', new Uint8Array(1001), { type: 'image/png' })).status, 413);
  t.equal(refusalOf(await client.post('/api/act', new Uint8Array([0xff, 0xfe]), { type: 'application/json' })), 'bad-json', 'not UTF-8');
  t.equal(rig.changes.length, 1, 'nothing else reached the app');
});

t.test('chunked JSON past the limit is cut off with 413', async (t) => {
  const rig = await start(t, { maxBody: 100 });
  const client = createGuardedClient(rig.base);
  await client.post('/api/act', {});
  const session = (await fetch(new URL('/session', rig.base))).headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const csrf = ((await (await fetch(new URL('/session', rig.base), { headers: { cookie: session } })).json()) as { csrf: string }).csrf;
  const r = await fetch(new URL('/api/act', rig.base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ovs-csrf': csrf, cookie: session },
    body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(`{"pad":"${'x'.repeat(300)}"}`)), c.close()) }),
    duplex: 'half',
  } as RequestInit);
  t.equal(r.status, 413);
  t.equal(rig.changes.length, 1, 'only the first change');
});

t.test('the session: a cookie per port, kept across tabs, ended by a restart; the client recovers', async (t) => {
  const first = await start(t);
  const port = Number(new URL(first.base).port);
  const s1 = await fetch(new URL('/session', first.base));
  const cookie = s1.headers.getSetCookie()[0] ?? '';
  t.match(cookie, new RegExp(`^ovs-session-${port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
  const pair = cookie.split(';')[0] ?? '';
  const csrf1 = ((await s1.json()) as { csrf: string }).csrf;
  const s2 = await fetch(new URL('/session', first.base), { headers: { cookie: pair } });
  t.equal(((await s2.json()) as { csrf: string }).csrf, csrf1, 'a second tab with the cookie gets the same token');

  const client = createGuardedClient(first.base);
  t.equal((await client.post('/api/act', { n: 1 })).status, 200);
  // The server restarts: a new secret, every token it gave is void.
  first.restart();
  const stale = await fetch(new URL('/api/act', first.base), { method: 'POST', headers: { 'content-type': 'application/json', cookie: pair, 'x-ovs-csrf': csrf1 }, body: '{}' });
  t.equal(refusalOf(stale), 'session-expired', 'the old token is refused');
  t.match(((await stale.json()) as { message: string }).message, /De sessie is verlopen: de server is intussen herstart\. Herlaad de pagina/);
  t.equal((await client.post('/api/act', { n: 2 })).status, 200, 'the client fetches a new token and sends its change once more');
  t.same(first.changes, [{ n: 1 }, { n: 2 }], 'once');
});

t.test('a fresh session (a login): a new cookie and its token; the Node client follows it', async (t) => {
  const guard = createWebGuard();
  const server = createServer((req, res) => {
    void guard.check(req, res).then((c) => {
      if (!c.ok) return;
      const fresh = req.url === '/login' ? guard.newSession(req, res) : undefined;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ session: c.session, ...(fresh ? { fresh } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const client = createGuardedClient(base);
  const login = await client.post('/login');
  const cookie = login.headers.getSetCookie()[0] ?? '';
  const answer = (await login.json()) as { session: string; fresh: { session: string; csrf: string } };
  t.not(answer.fresh.session, answer.session, 'another id than the one the login came with');
  t.match(cookie, new RegExp(`^ovs-session-\\d+=${answer.fresh.session}; Path=/; HttpOnly; SameSite=Strict$`));
  const next = (await (await client.post('/act')).json()) as { session: string };
  t.equal(next.session, answer.fresh.session, 'the client’s next change goes under the fresh session');
  const pair = cookie.split(';')[0] ?? '';
  const withToken = await rawRequest(base, { method: 'POST', path: '/act', headers: { 'content-type': 'application/json', cookie: pair, 'x-ovs-csrf': answer.fresh.csrf }, body: '{}' });
  t.equal(withToken.status, 200, 'the token given with it is the fresh cookie’s');
});
