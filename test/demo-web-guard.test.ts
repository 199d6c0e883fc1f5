// The virtual polling station's own page server (`npm start`) against the security campaign
// (issue 11): the hands (/demo/api/...) move only for the page itself. The room here is a
// recorder: any call but reading the state would be a change.
import t from 'tap';
import { attacks, crossSiteInChromium, headerProblems, rawRequest } from '@ovs/web-guard/testing';
import { createGuardedClient } from '@ovs/web-guard/client';
import type { Room } from '../scripts/demo/room.ts';
import { startDemoServer, type DemoServer } from '../scripts/demo/server.ts';

const URLS = { console: 'http://127.0.0.1:1/', box: 'http://127.0.0.1:2/', hoofdbureau: 'http://127.0.0.1:3/' };

async function serving(t: { teardown: (fn: () => Promise<void>) => void }): Promise<{ server: DemoServer; calls: string[] }> {
  const calls: string[] = [];
  const room = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (name === 'state') return () => ({ recorder: true });
        if (name === 'ticketPng') return () => undefined;
        return async () => {
          calls.push(String(name));
          return { ok: true, message: 'gedaan' };
        };
      },
    },
  ) as Room;
  const server = await startDemoServer({ port: 0 });
  t.teardown(() => server.stop());
  server.serve(room, URLS, ['http://127.0.0.1:1', 'http://localhost:1']);
  return { server, calls };
}

t.test('every attack on the page’s hands is refused; the room does nothing', async (t) => {
  const { server, calls } = await serving(t);
  for (const target of [
    { path: '/demo/api/box/pair', body: {} },
    { path: '/demo/api/hoofdbureau/sticks/stembureau-1-stick-A/import', body: { copy: false } },
  ]) {
    for (const a of await attacks({ base: server.url, ...target, read: '/demo/api/state' })) {
      t.equal(a.refusal, a.expected, `${target.path}: ${a.name}`);
      t.notOk(a.cors, `${target.path}: ${a.name}: no CORS header`);
    }
  }
  t.same(calls, [], 'no hand moved');
  const r = await createGuardedClient(server.url).post('/demo/api/box/pair');
  t.equal(r.status, 200);
  t.same(calls, ['pairBox'], 'the page’s own client still moves them');
});

t.test('before the devices run the page says so; the page may frame exactly the devices', async (t) => {
  const server = await startDemoServer({ port: 0 });
  t.teardown(() => server.stop());
  t.same(server.origins, [new URL(server.url).origin, `http://localhost:${new URL(server.url).port}`]);
  const early = await rawRequest(server.url, { path: '/' });
  t.equal(early.status, 503);
  t.match(JSON.parse(early.text), { message: 'Het virtuele stembureau start nog; herlaad de pagina zo meteen.' });
  const { server: ready } = await serving(t);
  for (const path of ['/', '/demo.js', '/demo.css', '/demo/api/state', '/session']) {
    const h = (await rawRequest(ready.url, { path })).headers;
    t.same(headerProblems(h), [], path);
    t.match(h['content-security-policy'], /frame-src http:\/\/127\.0\.0\.1:1 http:\/\/localhost:1;/, `${path}: frames only the devices`);
  }
  t.same(headerProblems((await rawRequest(ready.url, { method: 'POST', path: '/demo/api/box/pair', headers: { 'content-type': 'text/plain' } })).headers), [], 'a refusal');
});

t.test('in Chromium: another local page posts forms and no-cors fetches, a rebinding name posts JSON; no hand moves', async (t) => {
  const { server, calls } = await serving(t);
  const got = await crossSiteInChromium({ page: server.url, targets: [{ url: `${server.url}demo/api/box/pair`, body: {} }] });
  t.same(got.rebound, [421], 'the rebinding name is refused');
  t.match(got.reboundPage, /Deze pagina is hier niet beschikbaar/);
  t.same(calls, [], 'no hand moved');
});
