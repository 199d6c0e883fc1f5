// A voter's ballot from scan to deposit, end to end with the real console on loopback.
import t from 'tap';
import { ballot, ballotPng, SeededRandom, sign } from './support/election.ts';
import { openDay, waitFor } from './support/rig.ts';

t.test('a valid ballot is registered once, the flap opens with the green LED, closes on deposit', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  t.equal(day.box.display().title, 'Scan uw stembiljet');
  t.same(sim.ballotBox.controller.state.red, 'on');
  const signed = sign(day.session, ballot(new SeededRandom('v1')));
  const r = await day.present(ballotPng(signed));
  t.ok(r.ok);
  t.equal(day.box.snapshot().state, 'flap-open');
  t.equal(day.registered(), 1, 'on both sticks');
  await day.timers.run(200); // the flap travels; the LEDs follow
  t.equal(sim.ballotBox.controller.state.flap, 'open');
  t.equal(sim.ballotBox.controller.state.green, 'blink');
  t.equal(sim.ballotBox.controller.state.red, 'off');
  t.equal(day.box.display().title, 'Steek uw stembiljet in de stembus');
  t.equal(await day.box.deposit(), 'deposited');
  await day.timers.run(200);
  t.equal(sim.ballotBox.controller.state.flap, 'closed');
  t.equal(sim.ballotBox.controller.state.red, 'on');
  t.equal(sim.ballotBox.controller.state.green, 'off');
  t.equal(day.box.snapshot().state, 'idle');
  t.match(day.box.display().notice ?? '', /zit in de stembus/);
  t.equal(sim.ballotBox.controller.openCommands, 1);
  t.equal(day.registered(), 1);
});

t.test('seed 001 §XIV.3: a voter too slow for the flap scans again; the flap reopens and nothing is counted twice', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('slow'))));
  t.equal((await day.present(png)).ok, true);
  t.equal(day.box.snapshot().state, 'flap-open');
  await day.timers.run(5000 + 300); // flapOpenMs passes, the controller closes the flap
  t.equal(sim.ballotBox.controller.state.flap, 'closed');
  t.equal(day.box.snapshot().state, 'idle');
  t.match(day.box.display().notice ?? '', /Scan hetzelfde stembiljet opnieuw/);
  t.equal(sim.ballotBox.controller.state.red, 'on');
  await waitFor(() => day.alerts().some((m) => m.includes('niet in de stembus gestoken')));
  t.pass('the president is told the voter must scan again');
  const again = await day.present(png);
  t.ok(again.ok);
  t.equal(day.box.snapshot().state, 'flap-open', 'the flap opens again');
  t.match(day.box.display().text, /weer open/);
  t.equal(day.registered(), 1, 'counted once');
  t.equal(await day.deposit(), 'deposited');
  t.equal(day.registered(), 1);
  t.equal(sim.ballotBox.controller.openCommands, 2);
  t.equal(sim.ballotBox.controller.state.deposits, 1);
});

t.test('two scans in quick succession', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const random = new SeededRandom('quick');
  const a = ballotPng(sign(day.session, ballot(random)));
  const b = ballotPng(sign(day.session, ballot(random)));

  t.comment('the same ballot seen twice on the glass: one presentation');
  sim.scanner.feedPng(a);
  sim.scanner.feedPng(a);
  await day.withClock(day.box.settled());
  t.equal(day.registered(), 1);
  t.equal(sim.ballotBox.controller.openCommands, 1);
  await day.deposit();

  t.comment('the same ballot lifted and laid down again while it is being registered');
  const c = ballotPng(sign(day.session, ballot(random)));
  const first = day.present(c);
  const second = day.present(c);
  await Promise.all([first, second]);
  t.equal(day.registered(), 2);
  t.equal(sim.ballotBox.controller.openCommands, 2, 'one flap opening');
  await day.deposit();

  t.comment("another voter's ballot while the first is being registered: one at a time");
  const p = day.present(ballotPng(sign(day.session, ballot(random))));
  const q = day.present(b);
  await Promise.all([p, q]);
  t.equal(day.box.snapshot().state, 'flap-open', 'the first ballot gets the flap');
  t.match(day.box.display().notice ?? '', /Eén stembiljet tegelijk/);
  t.equal(day.registered(), 3, 'the second is not registered');
  t.equal(await day.deposit(), 'deposited');

  t.comment('and while the flap is open for someone else');
  const d = ballotPng(sign(day.session, ballot(random)));
  t.equal((await day.present(d)).ok, true);
  t.equal(day.box.snapshot().state, 'flap-open');
  const during = await day.present(b);
  t.ok(during.ok);
  t.equal(day.box.snapshot().state, 'flap-open', 'the flap stays open for its voter');
  t.equal(day.registered(), 4);
  t.equal(await day.deposit(), 'deposited');

  t.comment('the waiting voter scans again and is served');
  t.equal((await day.present(b)).ok, true);
  t.equal(day.box.snapshot().state, 'flap-open');
  t.equal(day.registered(), 5);
  t.equal(sim.ballotBox.controller.openCommands, 5, 'one opening per registered ballot');
});
