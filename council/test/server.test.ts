// The web server: login (and a wrong password), roles, a forged or missing login refused and
// nothing changed, the web guard in front (a cross-site change refused), the live stream, the
// projector's read-only link, the documents, and `council serve --demo` printing the chair first
// and exiting 0 when stopped.
import t from 'tap';
import { ManualClock } from '../src/clock.ts';
import { main } from '../src/cli/main.ts';
import { openCouncil } from '../src/council.ts';
import { setUpDemo } from '../src/demo.ts';
import { readMeeting } from '../src/meeting.ts';
import { councilClient } from '../src/testing/client.ts';
import { startCouncil } from '../src/web/server.ts';
import { BALLOT, FAST_SCRYPT, fingerprint, tempDir } from './support.ts';

async function server(t: { teardown(fn: () => unknown): void }) {
  const dir = await tempDir(t);
  const opened = openCouncil({ file: `${dir}/c.db`, clock: new ManualClock(new Date('2026-12-16T19:30:00Z')) });
  if (!opened.ok) throw new Error(opened.error);
  const demo = await setUpDemo(opened.value, FAST_SCRYPT);
  if (!demo.ok) throw new Error(demo.error);
  const running = await startCouncil({ file: `${dir}/c.db`, council: opened.value });
  t.teardown(async () => {
    await running.stop();
    opened.value.close();
  });
  /** A logged-in client (the guard's session and the login cookie both kept). */
  const as = async (username: string, password = `demo-${username}`) => {
    const client = councilClient(running.url);
    return { client, ...(await client.login(username, password)) };
  };
  return { running, council: opened.value, as };
}

void t.test('login, roles, and a forged or missing login refused with nothing changed', async (t) => {
  const { running, council, as } = await server(t);
  const wrong = await as('voorzitter', 'niet-het-wachtwoord');
  t.equal(wrong.status, 401);
  t.match(wrong.body.message, /Gebruikersnaam of wachtwoord klopt niet/);
  const chair = await as('voorzitter');
  t.equal(chair.status, 200);
  const member = await as('raadslid07');
  const before = fingerprint(council);
  const byMember = await member.client.post(`/api/ballots/${BALLOT.notulen}/open`, {});
  t.equal(byMember.status, 403);
  t.match(((await byMember.json()) as { message: string }).message, /Als raadslid mag u dit niet doen/);
  const anonymous = councilClient(running.url);
  const noLogin = await anonymous.post(`/api/ballots/${BALLOT.notulen}/open`, {});
  t.equal(noLogin.status, 401);
  // A forged login cookie: a well-formed token the server never gave.
  const forged = await fetch(new URL(`/api/rounds/1/vote`, running.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie: `council-login-${new URL(running.url).port}=${'ab'.repeat(32)}` }, body: '{}' });
  t.equal(forged.status, 403, 'the guard refuses a change without its session token first');
  const withSession = councilClient(running.url);
  const forgedLogin = await fetch(new URL('/api/rounds/1/vote', running.url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-ovs-csrf': await (async () => { const r = await withSession.get('/session'); return ((await r.json()) as { csrf: string }).csrf; })(), cookie: `${withSession.cookie()}; council-login-${new URL(running.url).port}=${'ab'.repeat(32)}` }, body: JSON.stringify({ vote: { kind: 'standaard', choice: 'ja' } }) });
  t.equal(forgedLogin.status, 401, 'a forged login with a valid guard session: refused');
  t.equal(fingerprint(council), before, 'nothing changed');
  const open = await chair.client.post(`/api/ballots/${BALLOT.notulen}/open`, {});
  t.equal(open.status, 200);
  const roundId = ((await open.json()) as { value: { roundId: number } }).value.roundId;
  const vote = await member.client.post(`/api/rounds/${roundId}/vote`, { vote: { kind: 'standaard', choice: 'ja' } });
  t.same(await vote.json(), { ok: true, value: 'opgeslagen' });
  const again = await member.client.post(`/api/rounds/${roundId}/vote`, { vote: { kind: 'standaard', choice: 'ja' } });
  t.same(await again.json(), { ok: true, value: 'ongewijzigd' }, 'sent twice, stored once');
  const junk = await member.client.post(`/api/rounds/${roundId}/vote`, { vote: { kind: 'standaard', choice: 'misschien' } });
  t.equal(junk.status, 422);
  t.match(((await junk.json()) as { message: string }).message, /Kies ja, nee of onthouding/);
  const secretariat = await as('secretariaat');
  const close = await secretariat.client.post(`/api/rounds/${roundId}/close`, {});
  t.equal(close.status, 200);
  const release = await secretariat.client.post(`/api/rounds/${roundId}/release`, {});
  t.equal(release.status, 403, 'only the chair releases');
  t.equal((await chair.client.post(`/api/rounds/${roundId}/release`, {})).status, 200);
  const csv = await chair.client.get('/export/stemmingen.csv');
  t.match(await csv.text(), /Het voorstel wordt eenparig aangenomen met 1 stem voor\. Stemden voor: /);
  const pdf = await chair.client.get('/export/stemmingen.pdf');
  t.equal(pdf.headers.get('content-type'), 'application/pdf');
  const paper = await chair.client.get(`/api/ballots/${BALLOT.vertegenwoordiger}/stembrief.pdf`);
  t.equal((await paper.arrayBuffer()).byteLength > 1000, true, 'the paper ballot');
  t.equal((await member.client.get('/export/stemmingen.csv')).status, 403);
  const audit = (await (await chair.client.get('/api/audit')).json()) as { value: Array<{ action: string }> };
  t.ok(['aangemeld', 'stemronde geopend', 'stem', 'stemronde gesloten', 'resultaat vrijgegeven', 'stemmingen geëxporteerd'].every((a) => audit.value.some((x) => x.action === a)), 'every action audited');
  t.end();
});

void t.test('the live stream: the projector sees the progress, the member the ballot appearing by itself', async (t) => {
  const { running, council, as } = await server(t);
  const key = readMeeting(council.sqlite)!.projectorKey;
  const bad = await fetch(new URL('/api/projectie/00/events', running.url));
  t.equal(bad.status, 403, 'a wrong projector key');
  const events = await fetch(new URL(`/api/projectie/${key}/events`, running.url));
  const reader = events.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<{ stage: { kind: string; round?: { progress: string } } }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6)) as { stage: { kind: string; round?: { progress: string } } };
        continue;
      }
      const { value } = await reader.read();
      buffer += decoder.decode(value);
    }
  };
  t.equal((await next()).stage.kind, 'idle');
  const chair = await as('voorzitter');
  const member = await as('raadslid01');
  await chair.client.post(`/api/ballots/${BALLOT.notulen}/open`, {});
  const opened = await next();
  t.equal(opened.stage.round?.progress, '0 van 31 stemgerechtigden hebben gestemd');
  await member.client.post('/api/rounds/1/vote', { vote: { kind: 'standaard', choice: 'nee' } });
  t.equal((await next()).stage.round?.progress, '1 van 31 stemgerechtigden heeft gestemd');
  await reader.cancel();
  t.end();
});

void t.test('council serve --demo prints the chair’s address first and exits 0 when stopped', async (t) => {
  const out: string[] = [];
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const code = main(['serve', '--demo', '--port', '0'], { stdout: (s) => void out.push(s), stderr: () => undefined, stopped: () => stopped });
  while (!out.some((l) => l.startsWith('Demozitting'))) await new Promise((r) => setTimeout(r, 50));
  const lines = out.join('').split('\n');
  const first = lines.find((l) => l.startsWith('http://'))!;
  t.match(first, /^http:\/\/127\.0\.0\.1:\d+\/demo\/[0-9a-f]{32} {2}voorzitter \(regietool\)$/);
  t.equal(lines.filter((l) => l.startsWith('http://')).length, 34, 'chair, secretariat, projector and 31 members');
  const r = await fetch(first.split(' ')[0]!, { redirect: 'manual' });
  t.equal(r.status, 303, 'the chair’s link logs in');
  stop();
  t.equal(await code, 0);
  t.equal(await main(['serve'], { stdout: () => undefined, stderr: (s) => void out.push(s), stopped: () => stopped }), 2);
  t.match(out.at(-1), /geef --db BESTAND/);
  t.end();
});
