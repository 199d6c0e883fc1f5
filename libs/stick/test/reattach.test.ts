// A stick pulled out or failing during the day: the write reports which stick, nothing more
// is written until it is back, and reattaching reconciles — also with a blank replacement.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { createNodeStickIo, FILES, openStickPair, verifyStick } from '../src/index.ts';
import { createFaultPlan, createFaultyIo } from '../src/testing/index.ts';
import { castBallots, demo, hex, openPair, pairOptions, preparedStick, randomBallot, signBallot } from './support.ts';

const d = demo();
const keys = { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey };

t.test('stick B pulled during a registration: the ballot is completed when B is back', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const plan = createFaultPlan();
  const fb = createFaultyIo(createNodeStickIo(b), plan, 'B');
  const pair = await openPair(a, fb);
  await pair.appendEvent({ type: 'voting-opened' });
  const before = await castBallots(pair, 4, new SeededRandom('b-pulled'));
  plan.failAt = { step: plan.steps + 1, error: { code: 'absent', detail: 'pulled' }, sticky: true };
  const x = randomBallot(new SeededRandom('x'));
  const r = await pair.registerBallot(signBallot(pair, x), x);
  t.same(r, { outcome: 'failed', failure: { port: 'B', error: { code: 'absent', detail: 'pulled' } }, storedOnA: true });
  t.same(pair.broken, ['B']);
  const y = randomBallot(new SeededRandom('y'));
  const blocked = await pair.registerBallot(signBallot(pair, y), y);
  t.equal(blocked.outcome, 'failed', 'nothing is written while a stick is missing');
  t.notOk((await pair.appendEvent({ type: 'box-empty' })).ok, 'no event written either');
  t.same(await pair.registerBallot(signBallot(pair, x), x), { outcome: 'duplicate', mostRecent: true }, 'the re-scan of that ballot is its most recent duplicate');

  const back = await pair.reattach('B', createNodeStickIo(b));
  t.ok(back.ok);
  if (back.ok) t.equal(back.value.completions.find((c) => c.to === 'B')?.ballots, 1, 'one ballot completed on B');
  t.same(pair.broken, []);
  t.same(await readFile(join(a, FILES.slots)), await readFile(join(b, FILES.slots)), 'stores identical');
  t.same(await readFile(join(a, FILES.events)), await readFile(join(b, FILES.events)), 'logs identical, the event held in memory included');
  t.notOk(pair.events.some((e) => e.type === 'box-empty'), 'an event refused while B was out is not recorded');
  t.same(await pair.registerBallot(signBallot(pair, y), y), { outcome: 'stored' });
  t.ok((await pair.close({ annulledBallots: 0, testBallots: 0 })).ok);
  await pair.release();
  for (const dir of [a, b]) {
    const v = await verifyStick(dir, keys);
    t.same(v.ok && v.value.ballots?.map((z) => hex(z.ballotId)), [...before, x, y].map((z) => hex(z.ballotId)).sort());
  }
});

t.test('an event whose write fails on A is kept in memory and written to both when A is back', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const plan = createFaultPlan();
  const fa = createFaultyIo(createNodeStickIo(a), plan, 'A');
  const pair = await openPair(fa, b);
  plan.failAt = { step: plan.steps + 1, error: { code: 'absent', detail: 'pulled' }, tear: true, sticky: true };
  // The card is already in the voter's hand: its event must not be lost.
  const r = await pair.appendEvent({ type: 'voter-card', category: 'eu', proxy: false, replacement: false });
  t.notOk(r.ok);
  t.equal(pair.counts.cardsPerCategory.eu, 1, 'counted in memory');
  const back = await pair.reattach('A', createNodeStickIo(a));
  t.ok(back.ok, back.ok ? 'reattached' : back.error.message);
  t.same(await readFile(join(a, FILES.events)), await readFile(join(b, FILES.events)));
  const reopened = await openStickPair(await pairOptions(a, b));
  t.equal(reopened.ok && reopened.value.pair.counts.cardsPerCategory.eu, 1, 'on both sticks after a restart');
  await pair.release();
  if (reopened.ok) await reopened.value.pair.release();
});

t.test('stick A fails in the middle of a write: the torn slot is emptied, the retry stores', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const plan = createFaultPlan();
  const fa = createFaultyIo(createNodeStickIo(a), plan, 'A');
  const pair = await openPair(fa, b);
  await castBallots(pair, 2, new SeededRandom('a-fails'));
  plan.failAt = { step: plan.steps + 1, error: { code: 'io', detail: 'EIO' }, tear: true, sticky: true };
  const x = randomBallot(new SeededRandom('x'));
  const r = await pair.registerBallot(signBallot(pair, x), x);
  t.same(r, { outcome: 'failed', failure: { port: 'A', error: { code: 'io', detail: 'EIO' } }, storedOnA: false });
  t.notOk(pair.hasBallot(x.ballotId));
  const back = await pair.reattach('A', createNodeStickIo(a));
  t.ok(back.ok);
  if (back.ok) t.equal(back.value.completions.find((c) => c.to === 'A')?.slotsEmptied, 1, 'the torn slot is emptied');
  t.same(await pair.registerBallot(signBallot(pair, x), x), { outcome: 'stored' });
  t.equal(pair.registered, 3);
  await pair.release();
});

t.test('a blank stick of the same station replaces a broken one: everything is copied', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b);
  await pair.appendEvent({ type: 'voting-opened' });
  const cast = await castBallots(pair, 6, new SeededRandom('replace'));
  pair.detach('B');
  const fresh = await preparedStick(t);
  const back = await pair.reattach('B', createNodeStickIo(fresh));
  t.ok(back.ok);
  if (back.ok) t.equal(back.value.completions.find((c) => c.to === 'B')?.ballots, 6);
  t.ok((await pair.close({ annulledBallots: 0, testBallots: 0 })).ok);
  await pair.release();
  const v = await verifyStick(fresh, keys);
  t.same(v.ok && v.value.ballots?.map((z) => hex(z.ballotId)), cast.map((z) => hex(z.ballotId)).sort());
});

t.test('a stick of another opening or station is refused and nothing changes', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b);
  await castBallots(pair, 1);
  const c = await preparedStick(t);
  const e = await preparedStick(t);
  const other = await openPair(c, e);
  await other.release();
  pair.detach('B');
  const before = await readFile(join(c, FILES.slots));
  const r1 = await pair.reattach('B', createNodeStickIo(c));
  t.equal(r1.ok ? 'ok' : r1.error.code, 'different-sessions');
  t.same(await readFile(join(c, FILES.slots)), before, 'the other stick is untouched');
  const s5 = await preparedStick(t, { station: 5 });
  const r2 = await pair.reattach('B', createNodeStickIo(s5));
  t.equal(r2.ok ? 'ok' : r2.error.code, 'wrong-station');
  const r3 = await pair.reattach('B', createNodeStickIo(b));
  t.ok(r3.ok, 'its own stick is taken back');
  await pair.release();
});

t.test('opening with sticks that do not belong together', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const p1 = await openPair(a, b);
  await p1.release();
  const c = await preparedStick(t);
  const e = await preparedStick(t);
  const p2 = await openPair(c, e);
  await p2.release();
  const mixed = await openStickPair(await pairOptions(a, c));
  t.equal(mixed.ok ? 'ok' : mixed.error.code, 'different-sessions');
  const s5 = await preparedStick(t, { station: 5 });
  const wrong = await openStickPair(await pairOptions(a, s5));
  t.equal(wrong.ok ? 'ok' : wrong.error.code, 'wrong-station');
  const notPrepared = await openStickPair(await pairOptions(a, await (await import('./support.ts')).tempDir(t)));
  t.equal(notPrepared.ok ? 'ok' : notPrepared.error.code, 'stick');
});
