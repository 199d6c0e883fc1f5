// Who may do what, over HTTP (issue 12): every action of the permission table tried with every
// role and without a session. Refused: 401 without a session, 403 for a role that may not, and
// every table of the database exactly as it was. Allowed: the server does it, and a change is in
// the audit log under the person who made it.
import t from 'tap';
import { join } from 'node:path';
import { createGuardedClient, type GuardedClient } from '@ovs/web-guard/client';
import { rawRequest } from '@ovs/web-guard/testing';
import { ACTIONS, PERMISSIONS, ROLES, type Action, type Role } from '../src/staff/permissions.ts';
import { readAudit } from '../src/staff/audit.ts';
import { startHoofdbureau, type RunningHoofdbureau } from '../src/index.ts';
import { staffClient, tableContents, TEST_KDF } from '../src/testing/index.ts';
import { day, demoElection, tempDir } from './support.ts';

interface Probe {
  method: 'GET' | 'POST';
  path: string;
  body?: (who: string) => unknown;
}

/** One request per action (several where the action has several routes). */
const PROBES: Partial<Record<Action, Probe[]>> = {
  'results.view': [
    { method: 'GET', path: '/api/overview' },
    { method: 'GET', path: '/api/results' },
    { method: 'GET', path: '/api/stations/1' },
    { method: 'GET', path: '/api/intermediate' },
    { method: 'GET', path: '/api/composition' },
  ],
  'audit.view': [{ method: 'GET', path: '/api/audit' }],
  'stick.check': [{ method: 'POST', path: '/api/sticks/stick-1a/check', body: () => ({}) }],
  'stick.import': [{ method: 'POST', path: '/api/sticks/stick-1a/import', body: () => ({ copy: false }) }],
  'stick.accept-other-day': [{ method: 'POST', path: '/api/sticks/stick-1b/import', body: () => ({ copy: true, acceptOtherDay: true }) }],
  'bureau.composition': [{ method: 'POST', path: '/api/composition', body: (who) => ({ voorzitter: `Voorzitter door ${who}`, secretaris: 'Sara Secretaris', bijzitters: ['Bert Bijzitter'], witnesses: [{ election: 'G', list: 1, name: 'Gert Getuige' }] }) }],
  'staff.manage': [
    { method: 'GET', path: '/api/staff' },
    { method: 'POST', path: '/api/staff', body: (who) => ({ username: `nieuw-${who}`.slice(0, 32), name: 'Nieuwe Invoerder', role: 'invoerder' }) },
  ],
  'pv.print': [{ method: 'GET', path: '/pv.pdf' }],
  'results.export': [
    { method: 'GET', path: '/resultaten.json' },
    { method: 'GET', path: '/resultaten.csv' },
    { method: 'GET', path: '/eml510.xml' },
  ],
  'server.settings': [{ method: 'GET', path: '/api/server' }],
  // The paper counts: configured first (PERMISSIONS order), then a claim, a decision and a lock
  // that the state refuses — still the person's attempt, so in the audit log.
  'paper.configure': [
    { method: 'POST', path: '/api/paper/config', body: () => ({ paperStations: [10, 11, 12], telbureaus: [{ series: 'G', number: 1, stations: [10, 11, 12] }, { series: 'P', number: 1, stations: [10, 11, 12] }] }) },
  ],
  'paper.entry': [{ method: 'POST', path: '/api/paper/G1/claim', body: () => ({}) }],
  'paper.resolve': [
    { method: 'GET', path: '/api/paper/G1/review' },
    { method: 'POST', path: '/api/paper/G1/G/resolve', body: () => ({ resolution: 'discard' }) },
  ],
  'paper.lock': [{ method: 'POST', path: '/api/paper/G1/lock', body: () => ({}) }],
};

/** Actions without a route on this server, each with the reason; the test fails on any other gap. */
const NOT_OVER_HTTP: Partial<Record<Action, string>> = {
  'rescan.import': 'only on the command line (hoofdbureau rescan)',
};

/** Reads that the audit log does not record (the page refreshes them every two seconds). */
const READS: readonly Action[] = ['results.view', 'audit.view', 'server.settings'];

async function running(t: { teardown: (fn: () => Promise<void>) => void }): Promise<RunningHoofdbureau> {
  const election = await demoElection(t);
  const sticksDir = await tempDir(t, 'reader');
  const one = await day(election, 1, 8, { seed: 'authz-1' });
  await one.sticks.a.dumpTo(join(sticksDir, 'stick-1a'));
  await one.sticks.b.dumpTo(join(sticksDir, 'stick-1b'));
  const hb = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => hb.stop());
  return hb;
}

const send = (client: GuardedClient, p: Probe, who: string): Promise<Response> => (p.method === 'GET' ? client.get(p.path) : client.post(p.path, p.body?.(who) ?? {}));

t.test('every action with every role and without a session', async (t) => {
  for (const action of ACTIONS) t.ok(PROBES[action] !== undefined || NOT_OVER_HTTP[action] !== undefined, `${action}: probed over HTTP or listed with a reason`);
  const hb = await running(t);
  const sqlite = hb.hoofdbureau.db.sqlite;
  const clients = new Map<Role | 'none', GuardedClient>([['none', createGuardedClient(hb.url)]]);
  for (const role of ROLES) clients.set(role, await staffClient(hb, role, { username: `authz-${role}` }));

  for (const action of ACTIONS) {
    for (const probe of PROBES[action] ?? []) {
      for (const [who, client] of clients) {
        const label = `${action} ${probe.method} ${probe.path} as ${who}`;
        const before = tableContents(sqlite);
        const auditBefore = readAudit(sqlite).length;
        const r = await send(client, probe, who);
        const allowed = who !== 'none' && (PERMISSIONS[action] as readonly Role[]).includes(who);
        if (allowed) {
          t.ok(r.status !== 401 && r.status !== 403 && r.status < 500, `${label}: allowed (${r.status})`);
          await r.body?.cancel();
          if (!READS.includes(action) && probe.method === 'POST') {
            const last = readAudit(sqlite).slice(auditBefore);
            t.match(last, [{ username: `authz-${who}`, role: who, action }], `${label}: in the audit log`);
          } else if (!READS.includes(action) && action !== 'staff.manage') {
            t.match(readAudit(sqlite).slice(auditBefore), [{ username: `authz-${who}`, action }], `${label}: in the audit log`);
          }
        } else {
          t.equal(r.status, who === 'none' ? 401 : 403, `${label}: refused`);
          const answer = (await r.json()) as { error?: string };
          t.match(answer.error, who === 'none' ? /Meld u eerst aan/ : /^Als .* mag u/, `${label}: says why in Dutch`);
          t.same(tableContents(sqlite), before, `${label}: nothing changed`);
        }
      }
    }
  }
});

t.test('an import without a logged-in session is refused and changes nothing', async (t) => {
  const hb = await running(t);
  const sqlite = hb.hoofdbureau.db.sqlite;
  const before = tableContents(sqlite);
  // The guard's session and token alone (the page before anyone logged in).
  const r = await createGuardedClient(hb.url).post('/api/sticks/stick-1a/import', { copy: false });
  t.equal(r.status, 401);
  t.same(await r.json(), { error: 'Meld u eerst aan.' });
  // A made-up cookie of the right shape with no token: the guard refuses it before the app.
  const raw = await rawRequest(hb.url, { method: 'POST', path: '/api/sticks/stick-1a/import', headers: { 'content-type': 'application/json', cookie: `ovs-session-${new URL(hb.url).port}=${'A'.repeat(43)}` }, body: '{}' });
  t.equal(raw.status, 403);
  t.same(tableContents(sqlite), before, 'every table as it was: no import, no attempt, no audit entry');
  t.equal(hb.hoofdbureau.results().stationsImported, 0);
});

t.test('a session with a temporary password may only change it', async (t) => {
  const hb = await running(t);
  const sqlite = hb.hoofdbureau.db.sqlite;
  const { createAccount } = await import('../src/staff/accounts.ts');
  const made = await createAccount(sqlite, { username: 'tijdelijk', name: 'Tijdelijke Voorzitter', role: 'voorzitter' }, 'test', { params: TEST_KDF });
  if (!made.ok) throw new Error(made.error.message);
  const client = createGuardedClient(hb.url);
  t.equal((await client.post('/api/login', { username: 'tijdelijk', password: made.value.temporaryPassword.toLowerCase().replace(/-/g, '') })).status, 200, 'typed in lower case without dashes');
  const me = (await (await client.get('/api/me')).json()) as { mustChange: boolean; operator: unknown };
  t.match(me, { mustChange: true, operator: null });
  const before = tableContents(sqlite);
  const refused = await client.post('/api/sticks/stick-1a/import', { copy: false });
  t.equal(refused.status, 401);
  t.match(await refused.json(), { error: /kies eerst een nieuw wachtwoord/ });
  t.same(tableContents(sqlite), before, 'nothing changed');
  t.equal((await client.post('/api/password', { current: made.value.temporaryPassword, next: 'kort' })).status, 400, 'too short');
  t.equal((await client.post('/api/password', { current: made.value.temporaryPassword, next: 'Een goede lange zin' })).status, 200);
  t.equal((await client.post('/api/sticks/stick-1a/import', { copy: false })).status, 200, 'now the voorzitter imports');
});
