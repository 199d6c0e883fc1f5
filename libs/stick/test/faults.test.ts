// Fault injection (issue 3): a crash at every write step — between and inside the two stick
// writes, as a dead process (the page cache survives) and as a power cut (unsynced writes are
// lost), with and without a torn write — then a restart. After it both sticks are identical
// and verify, every acknowledged ballot is there exactly once, and no unacknowledged ballot is
// half there; the box's retry then gets the ballot stored exactly once.
import t, { type Test } from 'tap';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { createNodeStickIo, FILES, openStickPair, verifyStick, type StickPair } from '../src/index.ts';
import { createFaultPlan, createFaultyIo, SimulatedCrash, type FaultPlan, type FaultyIo } from '../src/testing/index.ts';
import { castBallots, demo, hex, openPair, pairOptions, preparedStick, randomBallot, signBallot, tempDir } from './support.ts';

type Mode = { name: string; power: boolean; tear: boolean };
const MODES: Mode[] = [
  { name: 'process crash', power: false, tear: false },
  { name: 'process crash, torn write', power: false, tear: true },
  { name: 'power cut', power: true, tear: false },
  { name: 'power cut, torn write', power: true, tear: true },
];

interface Base {
  a: string;
  b: string;
  acked: string[];
}

/** Two sticks with an open session and three acknowledged ballots. */
async function base(t: Test): Promise<Base> {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b);
  await pair.appendEvent({ type: 'voting-opened' });
  const ballots = await castBallots(pair, 3, new SeededRandom('base'));
  await pair.release();
  return { a, b, acked: ballots.map((x) => hex(x.ballotId)) };
}

async function copyOf(t: Test, from: Base): Promise<Base> {
  const a = await tempDir(t, 'copy');
  const b = await tempDir(t, 'copy');
  await cp(from.a, a, { recursive: true });
  await cp(from.b, b, { recursive: true });
  return { a, b, acked: [...from.acked] };
}

async function faultyPair(sticks: Base, plan: FaultPlan): Promise<{ pair: StickPair; fa: FaultyIo; fb: FaultyIo }> {
  const fa = createFaultyIo(createNodeStickIo(sticks.a), plan, 'A');
  const fb = createFaultyIo(createNodeStickIo(sticks.b), plan, 'B');
  return { pair: await openPair(fa, fb), fa, fb };
}

/** The process is gone: a power cut also undoes what was not synced; either way its open files are released. */
async function restart(fa: FaultyIo, fb: FaultyIo, power: boolean): Promise<void> {
  if (power) {
    await fa.powerCut();
    await fb.powerCut();
  }
  await fa.close();
  await fb.close();
}

async function crashOrResult<T>(fn: () => Promise<T>): Promise<{ crashed: true } | { crashed: false; value: T }> {
  try {
    return { crashed: false, value: await fn() };
  } catch (e) {
    if (e instanceof SimulatedCrash) return { crashed: true };
    throw e;
  }
}

async function sameFiles(t: Test, sticks: Base, label: string): Promise<void> {
  for (const f of [FILES.slots, FILES.events, FILES.sessionJson, FILES.closingJson]) {
    const x = await readFile(join(sticks.a, f)).catch(() => undefined);
    const y = await readFile(join(sticks.b, f)).catch(() => undefined);
    t.ok(x === undefined ? y === undefined : y !== undefined && x.equals(y), `${label}: ${f} identical`);
  }
}

async function closeAndVerify(t: Test, pair: StickPair, sticks: Base, expected: string[], label: string): Promise<void> {
  const closed = await pair.close({ annulledBallots: 0, testBallots: 0 });
  t.ok(closed.ok, `${label}: closes`);
  await pair.release();
  const d = demo();
  for (const dir of [sticks.a, sticks.b]) {
    const v = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
    if (!v.ok) {
      t.fail(`${label}: ${v.error.message}`);
      continue;
    }
    t.same(v.value.ballots?.map((x) => hex(x.ballotId)), [...expected].sort(), `${label}: exactly the acknowledged ballots, once each`);
  }
}

t.test('the write order of one registration is A, fsync A, B, fsync B', async (t) => {
  const sticks = await copyOf(t, await base(t));
  const plan = createFaultPlan();
  const { pair } = await faultyPair(sticks, plan);
  const before = plan.steps;
  const x = randomBallot(new SeededRandom('order'));
  t.same(await pair.registerBallot(signBallot(pair, x), x), { outcome: 'stored' });
  t.same(
    plan.log.slice(before).map((s) => `${s.kind} ${s.stick} ${s.name}`),
    ['writeAt A ballots.slots', 'sync A ballots.slots', 'writeAt B ballots.slots', 'sync B ballots.slots'],
  );
  await pair.release();
});

t.test('a crash at every step of a registration', async (t) => {
  const start = await base(t);
  // Dry run: how many steps does a registration take?
  const dry = await copyOf(t, start);
  const dryPlan = createFaultPlan();
  const { pair: dryPair } = await faultyPair(dry, dryPlan);
  const s0 = dryPlan.steps;
  const probe = randomBallot(new SeededRandom('probe'));
  await dryPair.registerBallot(signBallot(dryPair, probe), probe);
  const steps = dryPlan.steps - s0;
  await dryPair.release();
  t.equal(steps, 4);

  for (const mode of MODES) {
    for (let k = 1; k <= steps + 1; k++) {
      const label = `${mode.name} at step ${k}/${steps}`;
      const sticks = await copyOf(t, start);
      const plan = createFaultPlan();
      const { pair, fa, fb } = await faultyPair(sticks, plan);
      plan.crashAt = plan.steps + k;
      plan.tear = mode.tear;
      const x = randomBallot(new SeededRandom(`x-${k}`));
      const signed = signBallot(pair, x);
      const r = await crashOrResult(() => pair.registerBallot(signed, x));
      if (!r.crashed && r.value.outcome === 'stored') sticks.acked.push(hex(x.ballotId));
      await restart(fa, fb, mode.power);
      // Restart.
      const reopened = await openStickPair(await pairOptions(sticks.a, sticks.b));
      t.ok(reopened.ok, `${label}: reopens`);
      if (!reopened.ok) continue;
      const p = reopened.value.pair;
      await sameFiles(t, sticks, label);
      const xOnSticks = p.hasBallot(x.ballotId);
      // Steps 1–2 write and sync A; from step 3 on the ballot is durable on A and must be
      // completed on B, never dropped.
      if (k >= 3) t.ok(xOnSticks, `${label}: a ballot durable on A is completed on B`);
      for (const id of sticks.acked) t.ok(p.hasBallot(Buffer.from(id, 'hex')), `${label}: acknowledged ballot present`);
      // The box retries with the same ballot.
      const retry = await p.registerBallot(signed, x);
      if (xOnSticks) {
        t.equal(retry.outcome, 'duplicate', `${label}: retry of a stored ballot is a duplicate`);
        const completed = reopened.value.reconcile.completedBallots === 1;
        if (completed) t.same(retry, { outcome: 'duplicate', mostRecent: true }, `${label}: the completed ballot counts as most recent`);
      } else {
        t.same(retry, { outcome: 'stored' }, `${label}: retry of an unstored ballot stores it`);
      }
      const expected = [...new Set([...sticks.acked, hex(x.ballotId)])];
      await closeAndVerify(t, p, sticks, expected, label);
    }
  }
});

t.test('a crash at every step of an event append', async (t) => {
  const start = await base(t);
  for (const mode of MODES) {
    for (let k = 1; k <= 5; k++) {
      const label = `${mode.name} at event step ${k}`;
      const sticks = await copyOf(t, start);
      const plan = createFaultPlan();
      const { pair, fa, fb } = await faultyPair(sticks, plan);
      const eventsBefore = pair.events.length;
      plan.crashAt = plan.steps + k;
      plan.tear = mode.tear;
      const r = await crashOrResult(() => pair.appendEvent({ type: 'voter-card', category: 'eu', proxy: false, replacement: false }));
      const acked = !r.crashed && r.value.ok;
      await restart(fa, fb, mode.power);
      const reopened = await openStickPair(await pairOptions(sticks.a, sticks.b));
      t.ok(reopened.ok, `${label}: reopens`);
      if (!reopened.ok) continue;
      await sameFiles(t, sticks, label);
      const n = reopened.value.pair.events.length;
      t.ok(n === eventsBefore || n === eventsBefore + 1, `${label}: the event is on both sticks or on neither`);
      if (acked) t.equal(n, eventsBefore + 1, `${label}: an acknowledged event is kept`);
      await closeAndVerify(t, reopened.value.pair, sticks, sticks.acked, label);
    }
  }
});

t.test('a crash at every step of the first opening and of the closing', async (t) => {
  // Opening: session files on A, then on B, then the first event.
  for (let k = 1; k <= 9; k++) {
    const a = await preparedStick(t);
    const b = await preparedStick(t);
    const plan = createFaultPlan({ crashAt: k, tear: true });
    const fa = createFaultyIo(createNodeStickIo(a), plan, 'A');
    const fb = createFaultyIo(createNodeStickIo(b), plan, 'B');
    await crashOrResult(async () => openStickPair(await pairOptions(fa, fb)));
    await restart(fa, fb, true);
    const reopened = await openStickPair(await pairOptions(a, b));
    t.ok(reopened.ok, `opening crash at step ${k}: reopens`);
    if (!reopened.ok) continue;
    await sameFiles(t, { a, b, acked: [] }, `opening crash at step ${k}`);
    const x = randomBallot(new SeededRandom(`open-${k}`));
    t.same(await reopened.value.pair.registerBallot(signBallot(reopened.value.pair, x), x), { outcome: 'stored' });
    await closeAndVerify(t, reopened.value.pair, { a, b, acked: [] }, [hex(x.ballotId)], `opening crash at step ${k}`);
  }

  const start = await base(t);
  for (let k = 1; k <= 12; k++) {
    const label = `closing crash at step ${k}`;
    const sticks = await copyOf(t, start);
    const plan = createFaultPlan();
    const { pair, fa, fb } = await faultyPair(sticks, plan);
    plan.crashAt = plan.steps + k;
    plan.tear = true;
    await crashOrResult(() => pair.close({ annulledBallots: 0, testBallots: 0 }));
    await restart(fa, fb, true);
    const reopened = await openStickPair(await pairOptions(sticks.a, sticks.b));
    t.ok(reopened.ok, `${label}: reopens`);
    if (!reopened.ok) continue;
    await closeAndVerify(t, reopened.value.pair, sticks, sticks.acked, label);
    await sameFiles(t, sticks, label);
    for (const dir of [sticks.a, sticks.b]) await t.rejects(readFile(join(dir, FILES.secrets)), `${label}: secrets erased`);
  }
});
