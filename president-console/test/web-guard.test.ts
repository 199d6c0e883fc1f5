// The president's screen server against the security campaign (issue 11): a cross-site POST
// (form, text/plain, JSON from another origin), a rebinding Host, a change without the session's
// token, an oversized body — each refused, and the console unchanged: the right envelope
// password, sent by anyone but the screen itself, neither opens the station nor costs an attempt.
import t from 'tap';
import { chromium } from 'playwright-core';
import { createGuardedClient } from '@ovs/web-guard/client';
import { attacks, crossSiteInChromium, headerProblems, rawRequest } from '@ovs/web-guard/testing';
import { password, startRig, type Rig } from './support.ts';

const state = (rig: Rig) => ({ snapshot: rig.handle.core.snapshot(), log: rig.log.length, cards: rig.devices.cards.length });

t.test('every attack on the screen server is refused and changes nothing', async (t) => {
  const rig = await startRig(t, { ui: true });
  const before = state(rig);
  t.equal(before.snapshot.phase.kind, 'locked');
  for (const target of [
    { path: '/api/unlock', body: { password: password() } },
    { path: '/api/self-test', body: { phase: 'fase-2' } },
  ]) {
    for (const a of await attacks({ base: rig.handle.url, ...target, read: '/api/state' })) {
      t.equal(a.refusal, a.expected, `${target.path}: ${a.name}`);
      t.notOk(a.cors, `${target.path}: ${a.name}: no CORS header`);
    }
  }
  t.same(state(rig), before, 'still locked, every attempt left, nothing logged, no card written');

  // The screen's own way in works.
  const opened = await createGuardedClient(rig.handle.url).post('/api/unlock', { password: password() });
  t.equal(opened.status, 200);
  t.equal(rig.handle.core.snapshot().phase.kind, 'preparation', 'the president’s screen still opens the station');
});

t.test('security headers on the page, its script, the API and a refusal', async (t) => {
  const rig = await startRig(t, { ui: true });
  for (const path of ['/', '/app.js', '/app.css', '/api/state', '/api/reports/opening.pdf', '/session']) {
    t.same(headerProblems((await rawRequest(rig.handle.url, { path })).headers), [], path);
  }
  t.same(headerProblems((await rawRequest(rig.handle.url, { method: 'POST', path: '/api/unlock', headers: { 'content-type': 'text/plain' } })).headers), [], 'a refusal');
  const framed = await startRig(t, { ui: true, guard: { embeddedBy: ['http://127.0.0.1:8460'] } });
  t.same(headerProblems((await rawRequest(framed.handle.url, { path: '/' })).headers, { embeddedBy: 'http://127.0.0.1:8460' }), [], 'in the virtual polling station: framed by its page only');
});

t.test('in Chromium: another local page posts forms and no-cors fetches, a rebinding name posts JSON; the console is unchanged', async (t) => {
  const rig = await startRig(t, { ui: true });
  const before = state(rig);
  const got = await crossSiteInChromium({
    page: rig.handle.url,
    targets: [
      { url: `${rig.handle.url}api/unlock`, body: { password: password() } },
      { url: `${rig.handle.url}api/self-test`, body: { phase: 'fase-2' } },
    ],
  });
  t.same(got.rebound, [421, 421], 'the rebinding name is refused');
  t.match(got.reboundPage, /Deze pagina is hier niet beschikbaar/);
  t.same(state(rig), before, 'still locked, every attempt left, no test run');
});

t.test('in Chromium: the console restarts while the screen stays open; the president’s next click still works', async (t) => {
  const first = await startRig(t, { ui: true, pollMs: 150 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.goto(first.handle.url);
  await page.getByLabel('Paswoord').fill('ABCD-EFGH-JKMN-PQRS-TVWX');
  await page.getByRole('button', { name: 'Openen' }).click();
  await page.locator('.message').getByText(/niet juist/).waitFor();
  // A power cut: the console comes back on the same port with a new secret; every token is void.
  await first.handle.stop();
  const second = await startRig(t, { ui: true, pollMs: 150, dirs: first.dirs, port: Number(new URL(first.handle.url).port) });
  await page.getByLabel('Paswoord').fill(password());
  await page.getByRole('button', { name: 'Openen' }).click();
  await page.getByRole('heading', { name: /Voorbereiding/ }).waitFor();
  t.equal(second.handle.core.snapshot().phase.kind, 'preparation', 'the screen fetched a new token by itself and opened the station');
});
