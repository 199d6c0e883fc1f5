// The voting computer's server against the security campaign (issue 11): a touch sent by any
// other page, under a rebinding name, without the session's token or past the size limit is
// refused, and the voter's screen stays where it was. The headless voter gets its token the way
// the kiosk page does (GET /session), so the simulation drives the same guarded API.
import t from 'tap';
import { attacks, crossSiteInChromium, headerProblems, rawRequest } from '@ovs/web-guard/testing';
import { startMachine, type Machine } from './support-machine.ts';

async function atIntro(t: { teardown: (fn: () => Promise<void>) => void }, guard?: { embeddedBy: string[] }): Promise<Machine> {
  const m = await startMachine(guard ? { guard } : {});
  t.teardown(() => m.stop());
  await m.activate();
  m.insert(m.kit.voterCard(['G']));
  await m.handle.voter().waitFor('election-intro');
  return m;
}

const state = (m: Machine) => ({ screen: m.handle.computer.screen(), printed: m.handle.devices.printer.tickets.length });

t.test('every attack on a voting computer is refused; the voter’s screen does not move', async (t) => {
  const m = await atIntro(t);
  const before = state(m);
  const touch = { seq: before.screen.seq, action: { type: 'start-election' } };
  for (const a of await attacks({ base: m.handle.url, path: '/api/action', body: touch, read: '/api/screen', maxBody: 1024 })) {
    t.equal(a.refusal, a.expected, a.name);
    t.notOk(a.cors, `${a.name}: no CORS header`);
  }
  t.same(state(m), before, 'still the introduction screen, nothing printed');
  const r = await m.handle.client.act(before.screen.seq, { type: 'start-election' });
  t.ok(r.ok && r.screen.body.kind === 'lists', 'the kiosk’s own client (and the headless voter) still touch');
});

t.test('security headers on the kiosk page, its script, the API and a refusal', async (t) => {
  const m = await startMachine();
  t.teardown(() => m.stop());
  for (const path of ['/', '/app.js', '/app.css', '/api/screen', '/api/technician/report', '/session']) {
    t.same(headerProblems((await rawRequest(m.handle.url, { path })).headers), [], path);
  }
  t.same(headerProblems((await rawRequest(m.handle.url, { method: 'POST', path: '/api/action', headers: { 'content-type': 'text/plain' } })).headers), [], 'a refusal');
  const framed = await startMachine({ guard: { embeddedBy: ['http://127.0.0.1:8460'] } });
  t.teardown(() => framed.stop());
  t.same(headerProblems((await rawRequest(framed.handle.url, { path: '/' })).headers, { embeddedBy: 'http://127.0.0.1:8460' }), [], 'in the virtual polling station: framed by its page only');
});

t.test('in Chromium: another local page posts forms and no-cors fetches, a rebinding name posts JSON; the screen stays', async (t) => {
  const m = await atIntro(t);
  const before = state(m);
  const got = await crossSiteInChromium({
    page: m.handle.url,
    targets: [{ url: `${m.handle.url}api/action`, body: { seq: before.screen.seq, action: { type: 'start-election' } } }],
  });
  t.same(got.rebound, [421], 'the rebinding name is refused');
  t.match(got.reboundPage, /Deze pagina is hier niet beschikbaar/);
  t.same(state(m), before, 'still the introduction screen');
});
