// Logins and sessions (issue 12), with the clock passed in (no waiting, no timed assertion):
// passwords and the temporary one, the idle limit, one session per person, the login limit, a
// fresh session id at every login, logout, an account switched off or reset, the e-ID login
// with the software token, and who may manage whom.
import t from 'tap';
import { join } from 'node:path';
import { toBase64, fromBase64 } from '@ovs/crypto';
import { createGuardedClient } from '@ovs/web-guard/client';
import { legitimateSession, rawRequest } from '@ovs/web-guard/testing';
import { startHoofdbureau, type RunningHoofdbureau } from '../src/index.ts';
import { createAccount } from '../src/staff/accounts.ts';
import { eidMessage, softwareEidToken } from '../src/staff/eid.ts';
import { loginClient, staffClient, tableContents, TEST_KDF } from '../src/testing/index.ts';
import { day, demoElection, tempDir } from './support.ts';

const MINUTE = 60_000;

async function running(t: { teardown: (fn: () => Promise<void>) => void }): Promise<{ hb: RunningHoofdbureau; clock: { now: number } }> {
  const election = await demoElection(t);
  const clock = { now: Date.parse('2026-10-11T18:00:00Z') };
  const hb = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, workers: 0, staff: { kdf: TEST_KDF, now: () => clock.now } });
  t.teardown(() => hb.stop());
  return { hb, clock };
}

const me = async (c: { get(p: string): Promise<Response> }): Promise<{ operator: { username: string } | null; problem?: string; mustChange: boolean }> =>
  (await (await c.get('/api/me')).json()) as { operator: { username: string } | null; problem?: string; mustChange: boolean };

t.test('password login: wrong, unknown and right; the temporary password first changed', async (t) => {
  const { hb } = await running(t);
  const made = await createAccount(hb.hoofdbureau.db.sqlite, { username: 'an.peeters', name: 'An Peeters', role: 'secretaris' }, 'test', { params: TEST_KDF });
  if (!made.ok) throw new Error(made.error.message);
  t.match(made.value.temporaryPassword, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/, 'a temporary password of 100 random bits, readable');
  const c = createGuardedClient(hb.url);
  const wrong = await c.post('/api/login', { username: 'an.peeters', password: 'fout' });
  const unknown = await c.post('/api/login', { username: 'niemand', password: 'fout' });
  t.equal(wrong.status, 401);
  t.same(await wrong.json(), await unknown.json(), 'an unknown name gets the same answer as a wrong password');
  t.equal((await c.post('/api/login', { username: '', password: '' })).status, 400);
  t.equal((await c.post('/api/login', { username: 'An.Peeters', password: made.value.temporaryPassword })).status, 200, 'the name in any case');
  t.match(await me(c), { operator: null, mustChange: true });
  const again = await c.post('/api/password', { current: made.value.temporaryPassword, next: made.value.temporaryPassword });
  t.match(await again.json(), { error: /moet verschillen/ });
  t.match(await (await c.post('/api/password', { current: made.value.temporaryPassword, next: 'an.peeters-2026!' })).json(), { error: /gebruikersnaam/ });
  t.match(await (await c.post('/api/password', { current: 'fout', next: 'Een goede lange zin' })).json(), { error: 'Het huidige wachtwoord klopt niet.' });
  t.equal((await c.post('/api/password', { current: made.value.temporaryPassword, next: 'Een goede lange zin' })).status, 200);
  t.match(await me(c), { operator: { username: 'an.peeters', role: 'secretaris' }, mustChange: false, roleName: 'secretaris' });
  t.equal((await c.post('/api/login', { username: 'an.peeters', password: made.value.temporaryPassword })).status, 401, 'the temporary password no longer works');
  await loginClient(hb.url, 'an.peeters', 'Een goede lange zin');
  t.pass('the own password works');
});

t.test('a login gives a fresh session id: a cookie planted before it is worth nothing after', async (t) => {
  const { hb } = await running(t);
  const voorzitter = await staffClient(hb, 'voorzitter', { username: 'vz' });
  const planted = await legitimateSession(hb.url);
  const login = await rawRequest(hb.url, { method: 'POST', path: '/api/login', headers: { 'content-type': 'application/json', cookie: planted.cookie, 'x-ovs-csrf': planted.csrf }, body: JSON.stringify({ username: 'vz', password: voorzitter.password }) });
  t.equal(login.status, 200);
  const fresh = (login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  t.not(fresh, planted.cookie, 'another cookie');
  t.match(fresh, /^ovs-session-\d+=[A-Za-z0-9_-]{43}$/);
  const withPlanted = await rawRequest(hb.url, { path: '/api/overview', headers: { cookie: planted.cookie } });
  t.equal(withPlanted.status, 401, 'the planted cookie reads nothing');
  t.equal((await rawRequest(hb.url, { path: '/api/overview', headers: { cookie: fresh } })).status, 200, 'the fresh one reads');
  const csrf = (JSON.parse(login.text) as { csrf: string }).csrf;
  const planting = await rawRequest(hb.url, { path: '/api/overview', headers: { cookie: `${planted.cookie}; ${fresh}` } });
  t.equal(planting.status, 200, 'a second cookie of the same name beside it: the live one counts');
  const change = await rawRequest(hb.url, { method: 'POST', path: '/api/logout', headers: { 'content-type': 'application/json', cookie: fresh, 'x-ovs-csrf': csrf }, body: '{}' });
  t.equal(change.status, 200, 'the token of the login answer belongs to the fresh cookie');
});

t.test('idle sessions end; the page’s own refresh does not keep them alive', async (t) => {
  const { hb, clock } = await running(t);
  const c = await staffClient(hb, 'bijzitter');
  clock.now += 14 * MINUTE;
  t.equal((await c.get('/api/overview', { headers: { 'X-OVS-Poll': '1' } })).status, 200, 'a refresh at 14 minutes still reads');
  clock.now += 2 * MINUTE;
  const ended = await c.get('/api/overview');
  t.equal(ended.status, 401, '16 minutes after the last real request: ended, refreshes or not');
  t.match(await ended.json(), { error: /te lang niet gebruikt/ });
  t.match(await me(c), { operator: null, problem: /te lang niet gebruikt/ });

  const d = await staffClient(hb, 'bijzitter');
  for (let i = 0; i < 4; i++) {
    clock.now += 10 * MINUTE;
    t.equal((await d.get('/api/overview')).status, 200, `active, ${(i + 1) * 10} minutes on`);
  }
});

t.test('one session per person: a login elsewhere ends the first', async (t) => {
  const { hb } = await running(t);
  const first = await staffClient(hb, 'invoerder', { username: 'typist' });
  const second = await loginClient(hb.url, 'typist', first.password);
  const gone = await first.get('/api/overview');
  t.equal(gone.status, 401);
  t.match(await gone.json(), { error: /op een andere werkpost aangemeld/ });
  t.equal((await second.get('/api/overview')).status, 200);
  const before = tableContents(hb.hoofdbureau.db.sqlite);
  t.equal((await first.post('/api/composition', { voorzitter: 'X' })).status, 401, 'the old session changes nothing');
  t.same(tableContents(hb.hoofdbureau.db.sqlite), before);
  t.equal((await second.logout()).status, 200);
  t.match(await me(second), { operator: null, problem: /U bent afgemeld/ });
  t.equal((await second.get('/api/overview')).status, 401, 'after logout');
});

t.test('login limit: five wrong passwords, then even the right one waits 15 minutes', async (t) => {
  const { hb, clock } = await running(t);
  const typist = await staffClient(hb, 'invoerder', { username: 'geraden' });
  const c = createGuardedClient(hb.url);
  for (let i = 0; i < 5; i++) t.equal((await c.post('/api/login', { username: 'geraden', password: `gok ${i}` })).status, 401, `guess ${i + 1}`);
  const limited = await c.post('/api/login', { username: 'geraden', password: typist.password });
  t.equal(limited.status, 429);
  t.match(await limited.json(), { error: /Te veel mislukte aanmeldpogingen voor deze gebruikersnaam\. Wacht 15 minuten/ });
  clock.now += 15 * MINUTE + 1;
  t.equal((await c.post('/api/login', { username: 'geraden', password: typist.password })).status, 200, 'after the window');
  // From one address: many names, each guessed a few times.
  const d = createGuardedClient(hb.url);
  let status = 0;
  for (let i = 0; i < 21 && status !== 429; i++) status = (await d.post('/api/login', { username: `naam${i}`, password: 'gok' })).status;
  t.equal(status, 429, 'twenty failures from one workstation stop it');
});

t.test('switched off or reset: the session ends; the voorzitter manages, the gemachtigde not the chair', async (t) => {
  const { hb } = await running(t);
  const voorzitter = await staffClient(hb, 'voorzitter', { username: 'voorzitter' });
  const gemachtigde = await staffClient(hb, 'gemachtigde', { username: 'gemachtigde' });
  const typist = await staffClient(hb, 'invoerder', { username: 'typist' });
  t.equal((await gemachtigde.post('/api/staff', { username: 'tweede', name: 'Tweede Voorzitter', role: 'voorzitter' })).status, 403, 'the gemachtigde makes no voorzitter');
  t.equal((await gemachtigde.post('/api/staff/voorzitter/reset')).status, 403, 'nor resets the voorzitter');
  t.equal((await voorzitter.post('/api/staff/voorzitter/active', { active: false })).status, 403, 'nobody switches themselves off');
  t.match(await (await voorzitter.post('/api/staff', { username: 'X!', name: 'x', role: 'invoerder' })).json(), { error: /gebruikersnaam/ });
  t.equal((await voorzitter.post('/api/staff', { username: 'typist', name: 'Dubbel', role: 'invoerder' })).status, 400, 'a name taken');
  t.equal((await gemachtigde.post('/api/staff/typist/active', { active: false })).status, 200);
  const off = await typist.get('/api/overview');
  t.match(await off.json(), { error: /uitgeschakeld/ });
  t.match(await (await createGuardedClient(hb.url).post('/api/login', { username: 'typist', password: typist.password })).json(), { error: /uitgeschakeld/ });
  t.equal((await voorzitter.post('/api/staff/typist/active', { active: true })).status, 200);
  const back = await loginClient(hb.url, 'typist', typist.password);
  const reset = (await (await voorzitter.post('/api/staff/typist/reset')).json()) as { temporaryPassword: string };
  t.match(reset.temporaryPassword, /^[0-9A-Z]{4}-/);
  t.equal((await back.get('/api/overview')).status, 401, 'a reset ends the session');
  t.equal((await createGuardedClient(hb.url).post('/api/login', { username: 'typist', password: typist.password })).status, 401, 'the old password is gone');
  const list = (await (await voorzitter.get('/api/staff')).json()) as { accounts: Array<{ username: string; mustChange: boolean; lastSeen: string | null }> };
  t.match(list.accounts.find((a) => a.username === 'typist'), { mustChange: true, lastSeen: null });
  t.notOk(JSON.stringify(list).includes('password_key') || JSON.stringify(list).includes('salt'), 'no key or salt in the list');
  const { entries } = (await (await voorzitter.get('/api/audit')).json()) as { entries: Array<{ username: string; detail: string }> };
  t.same(
    entries.filter((e) => e.detail.includes('typist')).map((e) => `${e.username}: ${e.detail}`),
    ['typist: eigen wachtwoord gewijzigd (typist)', 'gemachtigde: account typist uitgeschakeld', 'voorzitter: account typist ingeschakeld', 'voorzitter: tijdelijk wachtwoord voor typist'],
    'every account change in the audit log, refusals none',
  );
});

t.test('e-ID login with the software token: challenge, signature, registered key', async (t) => {
  const { hb, clock } = await running(t);
  const voorzitter = await staffClient(hb, 'voorzitter');
  const card = softwareEidToken();
  const made = await voorzitter.post('/api/staff', { username: 'eid.bijzitter', name: 'Els Kaart', role: 'bijzitter', eidKey: toBase64(await card.publicKey()) });
  t.equal(made.status, 200);
  const host = new URL(hb.url).host;
  const loginWith = async (signer: typeof card, o: { host?: string; reuse?: Uint8Array } = {}) => {
    const c = createGuardedClient(hb.url);
    const challenge = o.reuse ?? fromBase64(((await (await c.post('/api/login/eid/challenge')).json()) as { challenge: string }).challenge)!;
    const signature = await signer.sign(eidMessage(challenge, o.host ?? host));
    return { c, challenge, r: await c.post('/api/login/eid', { username: 'eid.bijzitter', signature: toBase64(signature) }) };
  };
  const good = await loginWith(card);
  t.equal(good.r.status, 200, 'the card of the account');
  t.match(await me(good.c), { operator: { username: 'eid.bijzitter', role: 'bijzitter' }, mustChange: false }, 'no password to change after a card login');
  t.equal((await good.c.get('/api/overview')).status, 200);
  t.equal((await loginWith(softwareEidToken())).r.status, 401, 'another card');
  t.equal((await loginWith(card, { host: 'elders.example:8470' })).r.status, 401, 'a signature made for another server');
  const c = createGuardedClient(hb.url);
  const challenge = fromBase64(((await (await c.post('/api/login/eid/challenge')).json()) as { challenge: string }).challenge)!;
  const sig = toBase64(await card.sign(eidMessage(challenge, host)));
  t.equal((await c.post('/api/login/eid', { username: 'eid.bijzitter', signature: sig })).status, 200);
  const replay = createGuardedClient(hb.url);
  await replay.post('/api/login/eid/challenge');
  t.equal((await replay.post('/api/login/eid', { username: 'eid.bijzitter', signature: sig })).status, 401, 'a signature over another session’s challenge');
  const late = createGuardedClient(hb.url);
  const lateChallenge = fromBase64(((await (await late.post('/api/login/eid/challenge')).json()) as { challenge: string }).challenge)!;
  clock.now += 3 * MINUTE;
  const tooLate = await late.post('/api/login/eid', { username: 'eid.bijzitter', signature: toBase64(await card.sign(eidMessage(lateChallenge, host))) });
  t.equal(tooLate.status, 401);
  t.match(await tooLate.json(), { error: /duurde te lang/ });
  t.equal((await voorzitter.post('/api/staff', { username: 'badkey', name: 'Slechte Sleutel', role: 'bijzitter', eidKey: toBase64(new Uint8Array(40)) })).status, 400, 'a key that is no e-ID key');
});

t.test('several workstations at once: two people import two stations at the same time', async (t) => {
  const election = await demoElection(t);
  const sticksDir = await tempDir(t, 'reader');
  for (const station of [1, 2]) await (await day(election, station, 5, { seed: `ws-${station}` })).sticks.a.dumpTo(join(sticksDir, `stick-${station}`));
  const hb = await startHoofdbureau({ db: join(await tempDir(t, 'db'), 'hb.db'), packageDir: election.packageDir, key: election.keyFile, port: 0, sticksDir, workers: 0, staff: { kdf: TEST_KDF } });
  t.teardown(() => hb.stop());
  const [a, b] = await Promise.all([staffClient(hb, 'voorzitter', { username: 'werkpost-a' }), staffClient(hb, 'secretaris', { username: 'werkpost-b' })]);
  const [ra, rb] = await Promise.all([a.post('/api/sticks/stick-1/import', { copy: false }), b.post('/api/sticks/stick-2/import', { copy: false })]);
  t.match(await ra.json(), { kind: 'imported', station: { number: 1 } });
  t.match(await rb.json(), { kind: 'imported', station: { number: 2 } });
  const { entries } = (await (await a.get('/api/audit')).json()) as { entries: Array<{ username: string; action: string; detail: string }> };
  t.same(
    entries.filter((e) => e.action === 'stick.import').map((e) => `${e.username}: ${e.detail}`).sort(),
    ['werkpost-a: stick stick-1: ingelezen, stembureau 1, 5 stembiljetten', 'werkpost-b: stick stick-2: ingelezen, stembureau 2, 5 stembiljetten'],
    'each import under the person who made it',
  );
});
