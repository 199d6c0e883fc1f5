// The box's HTTP API: the display's long-poll, and the simulated hands the virtual polling
// station uses (a printed ballot on the glass, a push through the flap).
import t from 'tap';
import { createGuardedClient } from '@ovs/web-guard/client';
import { ballot, ballotPng, SeededRandom, sign } from './support/election.ts';
import { openDay } from './support/rig.ts';

t.test('simulated hands over HTTP: scan a printed ballot, deposit it; the display long-poll follows', async (t) => {
  const day = await openDay(t, { box: { port: 0 } });
  const url = (path: string): URL => new URL(path, day.box.url!);
  // The virtual polling station's hands go through the web guard as the page does.
  const http = createGuardedClient(day.box.url!);
  const first = (await (await fetch(url('/api/display'))).json()) as { seq: number; view: { title: string } };
  t.equal(first.view.title, 'Scan uw stembiljet');
  const next = fetch(url(`/api/display?after=${first.seq}`)).then(async (r) => (await r.json()) as { seq: number; view: { title: string } });

  const png = ballotPng(sign(day.session, ballot(new SeededRandom('http'))));
  const scanned = (await (await http.post('/api/sim/scan', Buffer.from(png), { type: 'image/png' })).json()) as { ok: boolean; box: { state: string } };
  t.same([scanned.ok, scanned.box.state], [true, 'flap-open']);
  const changed = await next;
  t.ok(changed.seq > first.seq, 'the long-poll answered the change');
  t.equal(day.registered(), 1);

  // The hand waits for the flap to finish opening: move the box's clock meanwhile.
  const pushed = http.post('/api/sim/deposit').then(async (r) => (await r.json()) as { result: string; box: { state: string } });
  let done = false;
  void pushed.then(() => (done = true));
  for (let i = 0; i < 50 && !done; i++) await day.timers.run(50);
  const deposit = await pushed;
  t.same([deposit.result, deposit.box.state], ['deposited', 'idle']);

  t.same(await (await http.post('/api/sim/scan', 'not a png', { type: 'image/png' })).json(), { ok: false, error: 'bad-png' }, 'a bad picture is answered');
  t.equal((await http.post('/api/self-test', { phase: 'fase-9' })).status, 400);
  t.same(await (await http.post('/api/self-test', { phase: 'fase-2' })).json(), { ok: false, error: 'voting-open' });
  t.equal((await fetch(url('/nothing'))).status, 404);
});
