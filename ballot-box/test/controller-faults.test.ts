// The flap controller failing at each point of a ballot's way: before the scan, between the
// registration and the OPEN_FLAP, while opening, while open. The vote is never counted twice,
// the flap never opens without a registration, and a registered ballot whose flap failed goes
// in when it is scanned again after the repair.
import t from 'tap';
import { ballot, ballotPng, SeededRandom, sign } from './support/election.ts';
import { openDay, waitFor } from './support/rig.ts';
import { presentAndRun } from './support/scans.ts';

t.test('controller cable pulled before the scan: refused as a box fault, nothing registered; plugged in, it works again', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  sim.ballotBox.pullCable();
  await day.run(2500); // the driver notices the silence
  t.equal(sim.ballotBox.status().kind, 'disconnected');
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('unplugged'))));
  const snap = await presentAndRun(day, png);
  t.equal(snap.reason, 'box-fault');
  t.match(snap.display.text, /antwoordt niet/);
  t.equal(day.registered(), 0, 'nothing registered');
  await waitFor(() => day.alerts().some((m) => m.includes('Storing aan de stembus (sturing van de klep)')));
  t.pass('the president is told');
  sim.ballotBox.plugCable();
  await day.run(1000);
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  t.equal(day.registered(), 1);
});

t.test('cable pulled between registration and OPEN_FLAP: registered, the flap could not open; after the repair the re-scan opens it, counted once', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('cut'))));
  day.link.onRegisterAnswer = () => {
    day.link.onRegisterAnswer = null;
    sim.ballotBox.pullCable();
  };
  const snap = await presentAndRun(day, png);
  t.equal(snap.reason, 'flap-failed');
  t.match(snap.display.instruction ?? '', /Niet annuleren/);
  t.equal(day.registered(), 1, 'the vote is registered');
  t.equal(sim.ballotBox.controller.openCommands, 0, 'the OPEN_FLAP never reached the controller');
  t.equal(sim.ballotBox.controller.state.flap, 'closed');
  sim.ballotBox.plugCable();
  await day.run(1500);
  await waitFor(() => day.alerts().some((m) => m.includes('geregistreerd, maar de klep ging niet open: niet annuleren')));
  t.pass('the president is told not to annul it');
  await day.run(1500);
  t.equal(sim.ballotBox.status().kind, 'connected');
  t.equal((await presentAndRun(day, png)).state, 'flap-open', 'the re-scan opens the flap');
  t.equal(day.registered(), 1, 'counted once');
  t.equal(await day.deposit(), 'deposited');
  t.equal(sim.ballotBox.controller.openCommands, 1);
});

t.test('the controller refuses OPEN_FLAP (cover opened just then): registered, flap-failed, re-scan after closing the cover', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('cover'))));
  day.link.onRegisterAnswer = () => {
    day.link.onRegisterAnswer = null;
    sim.ballotBox.controller.setCover('open');
  };
  const snap = await presentAndRun(day, png);
  t.equal(snap.reason, 'flap-failed');
  t.match(snap.display.text, /deksel/);
  t.equal(day.registered(), 1);
  t.equal(sim.ballotBox.controller.openCommands, 0);
  sim.ballotBox.controller.setCover('closed');
  await day.run(100);
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  t.equal(day.registered(), 1);
});

t.test('the flap jams while opening: the box says so, the ballot stays registered once', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  sim.ballotBox.controller.jamMotor(true);
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('jam'))));
  await presentAndRun(day, png);
  await day.run(300); // the motor never reaches the end switch
  const snap = day.box.snapshot();
  t.equal(snap.reason, 'flap-failed');
  t.match(snap.display.text, /zit vast/);
  t.equal(day.registered(), 1);
  await waitFor(() => day.alerts().some((m) => m.includes('Storing aan de stembus (klep)')));
  sim.ballotBox.controller.jamMotor(false);
  await day.run(1000);
  t.equal((await presentAndRun(day, png)).state, 'flap-open', 'repaired: the re-scan opens it');
  t.equal(day.registered(), 1);
});

t.test('cable pulled while the flap is open: the controller closes it (watchdog), the box goes red and asks for a re-scan', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('watchdog'))));
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  await day.run(200);
  t.equal(sim.ballotBox.controller.state.flap, 'open');
  sim.ballotBox.pullCable();
  await day.run(2500);
  t.equal(sim.ballotBox.controller.state.flap, 'closed', 'closed by the watchdog, long before the flap time ran out');
  t.equal(sim.ballotBox.controller.state.watchdogTripped, true);
  t.equal(day.box.snapshot().state, 'idle');
  t.match(day.box.display().notice ?? '', /opnieuw/);
  sim.ballotBox.plugCable();
  await day.run(1500);
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  t.equal(day.registered(), 1);
  t.equal(await day.deposit(), 'deposited');
});

t.test('the controller restarts while the flap is open: it powers up closed, the box asks for a re-scan', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('reboot'))));
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  await day.run(200);
  sim.ballotBox.controller.powerUp();
  await day.run(500);
  t.equal(sim.ballotBox.controller.state.flap, 'closed');
  t.equal(day.box.snapshot().state, 'idle');
  t.equal((await presentAndRun(day, png)).state, 'flap-open');
  t.equal(day.registered(), 1);
});

t.test('the flap jams on its way back after the time ran out: the box stops showing green and says the flap is stuck', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  t.equal((await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('stuck')))))).state, 'flap-open');
  await day.run(200);
  sim.ballotBox.controller.jamMotor(true);
  await day.run(5000 + 300);
  const snap = day.box.snapshot();
  t.equal(snap.reason, 'flap-failed');
  t.match(snap.display.text, /zit vast/);
  t.equal(snap.display.light, 'red-blink');
  t.equal(sim.ballotBox.controller.state.green, 'off');
});
