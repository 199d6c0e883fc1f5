// The box's display server against the security campaign (issue 11): the assessor's "box is
// empty", the test mode and the simulator's hands, sent by any other page, under a rebinding
// name, without the session's token or past the size limit, are refused — the console never
// hears that the box is empty, no ballot is taken in.
import t from 'tap';
import { attacks, crossSiteInChromium, headerProblems, rawRequest } from '@ovs/web-guard/testing';
import { createGuardedClient } from '@ovs/web-guard/client';
import { openDay, waitFor, type DayRig } from './support/rig.ts';

const state = async (day: DayRig) => {
  await day.withClock(day.box.settled());
  return { box: day.box.snapshot(), emptyRecorded: day.console.handle.core.snapshot().box.emptyRecorded, registered: day.registered() };
};

t.test('every attack on the display server is refused; the console never hears of an empty box', async (t) => {
  const day = await openDay(t, { phase: 'preparation', box: { port: 0 } });
  const base = day.box.url!;
  const before = await state(day);
  t.notOk(before.emptyRecorded);
  // (The test mode and the simulator's hands go through the same guard; in preparation the box
  // would answer them with its own refusals, so the button is the change that shows.)
  for (const target of [{ path: '/api/box-empty', body: {} }]) {
    for (const a of await attacks({ base, ...target, read: '/api/display', maxBody: 1024 })) {
      t.equal(a.refusal, a.expected, `${target.path}: ${a.name}`);
      t.notOk(a.cors, `${target.path}: ${a.name}: no CORS header`);
    }
  }
  t.same(await state(day), before, 'the box and the console are as they were');

  await createGuardedClient(base).post('/api/box-empty');
  await waitFor(() => day.console.handle.core.snapshot().box.emptyRecorded);
  t.pass('the display’s own button still reports the box empty');
});

t.test('the simulator’s picture: 8 MiB at most, as image/png only', async (t) => {
  const day = await openDay(t, { phase: 'preparation', box: { port: 0 } });
  const http = createGuardedClient(day.box.url!);
  t.equal((await http.post('/api/sim/scan', new Uint8Array(8 * 1024 * 1024 + 1), { type: 'image/png' })).status, 413);
  t.equal((await http.post('/api/sim/scan', 'not a png', { type: 'text/plain' })).status, 415);
  t.same(await (await http.post('/api/sim/scan', 'not a png', { type: 'image/png' })).json(), { ok: false, error: 'bad-png' }, 'within the limit the box judges the picture');
});

t.test('security headers on the display page, its script, the API and a refusal', async (t) => {
  const day = await openDay(t, { phase: 'preparation', box: { port: 0 } });
  for (const path of ['/', '/app.js', '/app.css', '/api/display', '/session']) {
    t.same(headerProblems((await rawRequest(day.box.url!, { path })).headers), [], path);
  }
  t.same(headerProblems((await rawRequest(day.box.url!, { method: 'POST', path: '/api/box-empty' })).headers), [], 'a refusal');
  const framed = await openDay(t, { phase: 'preparation', box: { port: 0, guard: { embeddedBy: ['http://127.0.0.1:8460'] } } });
  t.same(headerProblems((await rawRequest(framed.box.url!, { path: '/' })).headers, { embeddedBy: 'http://127.0.0.1:8460' }), [], 'in the virtual polling station: framed by its page only');
});

t.test('in Chromium: another local page posts forms and no-cors fetches, a rebinding name posts JSON; the box is unchanged', async (t) => {
  const day = await openDay(t, { phase: 'preparation', box: { port: 0 } });
  const before = await state(day);
  const got = await crossSiteInChromium({ page: day.box.url!, targets: [{ url: `${day.box.url!}api/box-empty`, body: {} }] });
  t.same(got.rebound, [421], 'the rebinding name is refused');
  t.match(got.reboundPage, /Deze pagina is hier niet beschikbaar/);
  t.same(await state(day), before, 'the console never heard that the box is empty');
});
