// The council server against the security campaign's attacks (libs/web-guard/testing): a
// cross-site form or fetch, another port, a rebinding name, a missing or forged token — each
// refused by the guard before the app sees it, and the meeting does not change.
import t from 'tap';
import { attacks, rawRequest } from '@ovs/web-guard/testing';
import { openCouncil } from '../src/council.ts';
import { setUpDemo } from '../src/demo.ts';
import { startCouncil } from '../src/web/server.ts';
import { councilClient } from '../src/testing/client.ts';
import { BALLOT, FAST_SCRYPT, fingerprint, tempDir } from './support.ts';

void t.test('every attack on the council server is refused and changes nothing; its own page still opens a round', async (t) => {
  const dir = await tempDir(t);
  const opened = openCouncil({ file: `${dir}/c.db` });
  if (!opened.ok) throw new Error(opened.error);
  const council = opened.value;
  if (!(await setUpDemo(council, FAST_SCRYPT)).ok) throw new Error('demo');
  const running = await startCouncil({ file: `${dir}/c.db`, council });
  t.teardown(async () => {
    await running.stop();
    council.close();
  });
  const before = fingerprint(council);
  for (const target of [
    { path: `/api/ballots/${BALLOT.notulen}/open`, body: {} },
    { path: '/api/login', body: { username: 'voorzitter', password: 'demo-voorzitter' } },
  ]) {
    for (const a of await attacks({ base: running.url, ...target, read: '/api/view' })) {
      t.equal(a.refusal, a.expected, `${target.path}: ${a.name}`);
      t.notOk(a.cors, `${target.path}: ${a.name}: no CORS header`);
    }
  }
  t.equal(fingerprint(council), before, 'nothing changed');
  const port = new URL(running.url).port;
  t.equal((await rawRequest(running.url, { path: '/api/me', headers: { host: `raad.example:${port}` } })).status, 421, 'another name: refused');
  const chair = councilClient(running.url);
  await chair.login('voorzitter', 'demo-voorzitter');
  t.equal((await chair.post(`/api/ballots/${BALLOT.notulen}/open`, {})).status, 200, 'the own page still works');
  t.end();
});
