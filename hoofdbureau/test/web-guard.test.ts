// The hoofdbureau's web app against the security campaign (issue 11): a web page in the
// operator's browser imported a stick with a simple cross-site POST, and read /api/results by
// DNS rebinding. Now every such request is refused, and the database does not change.
import t from 'tap';
import { join } from 'node:path';
import { attacks, crossSiteInChromium, headerProblems, rawRequest } from '@ovs/web-guard/testing';
import { startHoofdbureau, type RunningHoofdbureau } from '../src/index.ts';
import { staffClient, TEST_KDF } from '../src/testing/index.ts';
import { attemptCount, day, demoElection, fingerprint, tempDir } from './support.ts';

type Teardown = { teardown: (fn: () => Promise<void>) => void };

async function running(t: Teardown, guard?: { names?: string[]; embeddedBy?: string[] }): Promise<RunningHoofdbureau> {
  const election = await demoElection(t);
  const sticksDir = await tempDir(t, 'reader');
  const one = await day(election, 1, 12, { seed: 'guard-1' });
  await one.sticks.a.dumpTo(join(sticksDir, 'stick-1a'));
  const hb = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0, staff: { kdf: TEST_KDF }, ...(guard ? { guard } : {}) });
  t.teardown(() => hb.stop());
  return hb;
}

const state = (hb: RunningHoofdbureau) => ({ db: fingerprint(hb.hoofdbureau.db), attempts: attemptCount(hb.hoofdbureau.db) });

t.test('every attack on the web app is refused; no stick is imported, the results cannot be read by rebinding', async (t) => {
  const hb = await running(t);
  const before = state(hb);
  for (const target of [
    { path: '/api/sticks/stick-1a/import', body: { copy: false } },
    { path: '/api/sticks/stick-1a/check', body: {} },
  ]) {
    for (const a of await attacks({ base: hb.url, ...target, read: '/api/results' })) {
      t.equal(a.refusal, a.expected, `${target.path}: ${a.name}`);
      t.notOk(a.cors, `${target.path}: ${a.name}: no CORS header`);
    }
  }
  t.same(state(hb), before, 'the database is as it was: no import, no attempt');

  const imported = await (await staffClient(hb, 'voorzitter')).post('/api/sticks/stick-1a/import', { copy: false });
  t.equal(imported.status, 200);
  t.not(state(hb).db, before.db, 'the web app’s own page still imports, for a person logged in');
});

t.test('the names of the hoofdbureau’s network: only those configured', async (t) => {
  const hb = await running(t, { names: ['hoofdbureau.vlindermeer.local'] });
  const port = new URL(hb.url).port;
  // Past the guard, a read without a login is the app's 401 (the guard's refusal would be 421).
  t.equal((await rawRequest(hb.url, { path: '/api/results', headers: { host: `hoofdbureau.vlindermeer.local:${port}` } })).status, 401, 'a configured name');
  t.equal((await rawRequest(hb.url, { path: '/api/results', headers: { host: `localhost:${port}` } })).status, 401, 'localhost');
  t.equal((await rawRequest(hb.url, { path: '/', headers: { host: `hoofdbureau.vlindermeer.local:${port}` } })).status, 200, 'the page under a configured name');
  const other = await rawRequest(hb.url, { path: '/api/results', headers: { host: `hoofdbureau.example:${port}` } });
  t.equal(other.status, 421, 'any other name');
  t.match(JSON.parse(other.text), { ok: false, error: 'wrong-host', message: /^Geweigerd: deze server antwoordt alleen op zijn eigen adres/ });
});

t.test('security headers on the page, its script and styles, the API, downloads and a refusal', async (t) => {
  const hb = await running(t);
  for (const path of ['/', '/app.js', '/app.css', '/api/overview', '/api/results', '/resultaten.csv', '/pv.pdf', '/session']) {
    t.same(headerProblems((await rawRequest(hb.url, { path })).headers), [], path);
  }
  t.same(headerProblems((await rawRequest(hb.url, { method: 'POST', path: '/api/sticks/stick-1a/import', headers: { 'content-type': 'text/plain' } })).headers), [], 'a refusal');
  t.notMatch((await rawRequest(hb.url, { path: '/' })).text, /<style|style=/, 'no inline style: the page’s styles are a file');
  const framed = await running(t, { embeddedBy: ['http://127.0.0.1:8460'] });
  t.same(headerProblems((await rawRequest(framed.url, { path: '/' })).headers, { embeddedBy: 'http://127.0.0.1:8460' }), [], 'in the virtual polling station: framed by its page only');
});

t.test('in Chromium: another local page posts forms and no-cors fetches, a rebinding name posts JSON and reads the results; nothing is imported or read', async (t) => {
  const hb = await running(t);
  const before = state(hb);
  const got = await crossSiteInChromium({ page: hb.url, targets: [{ url: `${hb.url}api/sticks/stick-1a/import`, body: { copy: false } }], reads: ['/api/results', '/resultaten.csv'] });
  t.same(got.rebound, [421], 'the rebinding name is refused');
  t.same(got.reboundReads, [421, 421], 'the results cannot be read under it');
  t.match(got.reboundPage, /Deze pagina is hier niet beschikbaar/);
  t.same(state(hb), before, 'the database is as it was');
});
