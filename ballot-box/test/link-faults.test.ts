// The link with the console dropped at every step: before a request leaves, after the console
// acted but before the box heard it, a late answer, a corrupted answer. The box retries with
// the same ballot (idempotent by ballot id): never two registrations, never an open flap
// without one.
import t from 'tap';
import { ballot, ballotPng, SeededRandom, sign } from './support/election.ts';
import { openDay, pollUntil, waitFor, type Fault } from './support/rig.ts';
import { presentAndRun } from './support/scans.ts';

const FAULTS: Fault[] = ['drop-request', 'drop-answer', 'timeout-after', 'corrupt-answer'];

t.test('one or two registration attempts lost, in every way: registered once, flap opened once', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const random = new SeededRandom('faults');
  let expected = 0;
  for (const first of FAULTS) {
    for (const second of [undefined, ...FAULTS]) {
      const plan = second === undefined ? [first] : [first, second];
      day.link.plan.register.push(...plan);
      const reachedBefore = day.link.reached.register;
      const opensBefore = sim.ballotBox.controller.openCommands;
      const snap = await presentAndRun(day, ballotPng(sign(day.session, ballot(random))));
      expected++;
      t.equal(snap.state, 'flap-open', `${plan.join(' then ')}: the flap opens`);
      t.equal(day.registered(), expected, 'the ballot is on the sticks once');
      t.equal(sim.ballotBox.controller.openCommands, opensBefore + 1, 'one opening');
      const lostBeforeConsole = plan.filter((f) => f === 'drop-request').length;
      t.equal(day.link.reached.register - reachedBefore, plan.length + 1 - lostBeforeConsole, 'the console saw every attempt that left the box');
      t.equal(await day.deposit(), 'deposited');
    }
  }
});

t.test('answers lost for longer than the box waits: the voter keeps the ballot; scanned again, it goes in without a second count', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const random = new SeededRandom('patience');
  const lost = ballotPng(sign(day.session, ballot(random)));
  // The first attempt is stored, every answer until the box gives up is lost.
  day.link.plan.register.push(...Array<Fault>(40).fill('drop-answer'));
  const snap = await presentAndRun(day, lost);
  t.equal(snap.reason, 'console-unreachable', 'the box stops waiting and says why');
  t.match(snap.display.instruction ?? '', /niet geannuleerd/, 'the ballot is kept, not annulled');
  t.equal(day.registered(), 1, 'it was stored on the first attempt');
  t.equal(sim.ballotBox.controller.openCommands, 0, 'no flap without a registration the box heard of');
  day.link.plan.register.length = 0;
  // Another voter goes first: the lost ballot is no longer the console's most recent one.
  t.equal((await presentAndRun(day, ballotPng(sign(day.session, ballot(random))))).state, 'flap-open');
  await day.deposit();
  t.equal(day.registered(), 2);
  const again = await presentAndRun(day, lost);
  t.equal(again.state, 'flap-open', 'the box knows that registration was its own: the flap opens');
  t.equal(day.registered(), 2, 'not counted twice');
  t.equal(await day.deposit(), 'deposited');
  // And from then on it is an ordinary duplicate.
  t.equal((await presentAndRun(day, lost)).reason, 'duplicate');
});

t.test('answers late or corrupted for longer than the box waits: never a flap without a registration the box heard of', async (t) => {
  const day = await openDay(t);
  const random = new SeededRandom('late');
  for (const fault of ['timeout-after', 'corrupt-answer'] as const) {
    const png = ballotPng(sign(day.session, ballot(random)));
    day.link.plan.register.push(...Array<Fault>(40).fill(fault));
    const before = day.registered();
    t.equal((await presentAndRun(day, png)).reason, 'console-unreachable', `${fault}: refused`);
    t.equal(day.registered(), before + 1, 'stored by the first attempt');
    t.equal(day.box.simulated!.ballotBox.controller.openCommands, before, 'the flap stayed shut');
    day.link.plan.register.length = 0;
    t.equal((await presentAndRun(day, png)).state, 'flap-open', 'scanned again: it goes in');
    t.equal(day.registered(), before + 1, 'counted once');
    await day.deposit();
  }
});

t.test('nothing reached the console for longer than the box waits: refused, then registered when scanned again', async (t) => {
  const day = await openDay(t);
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('never'))));
  day.link.down = true;
  t.equal((await presentAndRun(day, png)).reason, 'console-unreachable');
  t.equal(day.registered(), 0);
  day.link.down = false;
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  t.equal(day.registered(), 1);
});

t.test('the status question lost while the box checks that voting is open: refused, nothing registered', async (t) => {
  // No status polls of its own in this test: only the box's question before registering.
  const day = await openDay(t, { phase: 'preparation', box: { statusPollMs: 3_600_000 } });
  day.box.confirmBoxEmpty();
  await waitFor(() => day.console.handle.core.snapshot().box.emptyRecorded);
  t.ok((await day.console.handle.core.openVoting(true)).ok);
  // The box still believes voting is not open: it asks before registering, and that question is lost.
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('status'))));
  for (const fault of FAULTS) {
    day.link.plan.status.push(fault);
    const snap = await presentAndRun(day, png);
    t.equal(snap.reason, 'console-unreachable', `${fault}: refused`);
    t.equal(day.registered(), 0, 'nothing registered');
    t.equal(day.link.reached.register, 0, 'no registration was even asked');
  }
  t.equal((await presentAndRun(day, png)).state, 'flap-open', 'with an answer, the ballot goes in');
  t.equal(day.registered(), 1);
});

t.test('events for the president lost on the way are sent again once the link answers', async (t) => {
  const day = await openDay(t);
  day.link.plan.event.push('drop-request', 'drop-request');
  t.equal((await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('event')))))).state, 'flap-open');
  t.equal(await day.deposit(), 'deposited');
  t.equal(day.console.handle.core.snapshot().box.deposits, 0, 'the deposit event did not arrive');
  await pollUntil(day, () => day.console.handle.core.snapshot().box.deposits === 1);
  t.equal(day.console.handle.core.snapshot().box.deposits, 1, 'it arrived with the next status answer');
});

t.test('an event whose answer was lost is sent again with the same event id: the console counts it once', async (t) => {
  const day = await openDay(t);
  // The deposit reaches the console, its answer is lost twice; the box resends it each time.
  day.link.plan.event.push('drop-answer', 'timeout-after');
  const reachedBefore = day.link.reached.event;
  t.equal((await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('event-once')))))).state, 'flap-open');
  t.equal(await day.deposit(), 'deposited');
  await pollUntil(day, () => day.link.reached.event - reachedBefore >= 3);
  t.equal(day.link.reached.event - reachedBefore, 3, 'three copies reached the console');
  t.equal(day.console.handle.core.snapshot().box.deposits, 1, 'one deposit, not three');
});

t.test('the answer to a registration lost, then a stick pulled before the retry: the stored ballot still goes in, counted once', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('halted-retry'))));
  day.link.plan.register.push('drop-answer');
  let pulled: Promise<void> | undefined;
  day.link.onRegisterAnswer = () => {
    day.link.onRegisterAnswer = null;
    // Stored on both sticks; the answer is about to be lost, and stick A is pulled.
    day.console.sticks.pull('A');
    pulled = day.console.handle.checkSticks();
  };
  const snap = await presentAndRun(day, png);
  await pulled;
  t.equal(day.console.handle.core.snapshot().halt?.port, 'A', 'voting is halted');
  t.equal(snap.state, 'flap-open', 'the retry hears "duplicate" for its own stored ballot: the flap opens');
  t.equal(sim.ballotBox.controller.openCommands, 1);
  t.equal(day.registered(), 1, 'counted once');
  t.equal(await day.deposit(), 'deposited');
  const other = await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('halted-new')))));
  t.equal(other.reason, 'stick-unavailable', 'a new ballot waits for the stick');
  t.equal(day.registered(), 1);
});
