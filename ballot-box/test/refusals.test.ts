// Every refusal class of issue 5, end to end with the real console on loopback: the box says
// why on its display, blinks red, opens nothing, registers nothing, and the president is told.
import t from 'tap';
import { generateSigningKeyPair, Signer, utf8 } from '@ovs/crypto';
import { ballot, ballotPng, otherContext, otherDemo, SeededRandom, session, sign } from './support/election.ts';
import { openDay, pollUntil, waitFor } from './support/rig.ts';
import { counts, damagedPng, expectRefused, presentAndRun, qrPng } from './support/scans.ts';

t.test('refusals of the ballot itself: unreadable, not a ballot, forged, damaged signature, other station, other election, test ballot', async (t) => {
  const day = await openDay(t);
  const random = new SeededRandom('refusals');
  const cases: Array<{ name: string; png: Uint8Array; reason: 'unreadable' | 'malformed' | 'bad-signature' | 'wrong-station' | 'wrong-package' | 'test-ballot' }> = [];
  const good = sign(day.session, ballot(random));
  cases.push({ name: 'torn barcode (decree art. 17 §2 5°)', png: damagedPng(good), reason: 'unreadable' });
  cases.push({ name: 'a QR code that is no ballot', png: qrPng(utf8('https://example.org/not-a-ballot')), reason: 'malformed' });
  const forger = new Signer(generateSigningKeyPair().privateKey);
  cases.push({ name: 'signed by a key the console never certified', png: ballotPng(sign(forger, ballot(random))), reason: 'bad-signature' });
  const flipped = sign(day.session, ballot(random));
  flipped[flipped.length - 5] = (flipped[flipped.length - 5] as number) ^ 0x10;
  cases.push({ name: 'one bit of the signature damaged', png: ballotPng(flipped), reason: 'bad-signature' });
  const altered = sign(day.session, ballot(random));
  altered[12] = (altered[12] as number) ^ 0x01; // the ballot id, under the signature
  cases.push({ name: 'the ballot id altered after signing', png: ballotPng(altered), reason: 'bad-signature' });
  cases.push({ name: 'a ballot of polling station 4', png: ballotPng(sign(day.session, ballot(random, { station: 4 }))), reason: 'wrong-station' });
  const elsewhere = await session(3, otherDemo());
  cases.push({ name: 'a ballot of another election package', png: ballotPng(sign(elsewhere.signer, ballot(random, { context: otherContext() }), otherContext())), reason: 'wrong-package' });
  cases.push({ name: 'a test ballot of this station (seed 002 II.B.4)', png: ballotPng(sign(day.session, ballot(random, { test: true }))), reason: 'test-ballot' });

  for (const c of cases) {
    const before = counts(day);
    const snap = await presentAndRun(day, c.png);
    t.comment(c.name);
    await expectRefused(t, day, snap, { reason: c.reason }, before);
  }
  t.equal(day.box.simulated!.ballotBox.controller.flapHistory.includes('open'), false, 'the flap was never open');

  // And the box still takes a good ballot afterwards.
  const after = await presentAndRun(day, ballotPng(good));
  t.equal(after.state, 'flap-open');
  t.equal(day.registered(), 1);
});

t.test('duplicates: a ballot already deposited, and an earlier ballot, are refused and the president is alerted', async (t) => {
  const day = await openDay(t);
  const random = new SeededRandom('dup');
  const a = ballotPng(sign(day.session, ballot(random)));
  const b = ballotPng(sign(day.session, ballot(random)));
  for (const png of [a, b]) {
    t.equal((await presentAndRun(day, png)).state, 'flap-open');
    t.equal(await day.deposit(), 'deposited');
  }
  t.equal(day.registered(), 2);
  // B is the most recent ballot, but the box saw it go in: a copy, not a slow voter.
  let before = counts(day);
  await expectRefused(t, day, await presentAndRun(day, b), { reason: 'duplicate' }, before);
  // A is not the most recent ballot any more.
  before = counts(day);
  await expectRefused(t, day, await presentAndRun(day, a), { reason: 'duplicate' }, before);
});

t.test('voting not open: before the president opens voting, nothing goes in', async (t) => {
  const day = await openDay(t, { phase: 'preparation' });
  t.equal(day.box.display().title, 'Stemming nog niet geopend');
  const before = counts(day);
  await expectRefused(t, day, await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('early'))))), { reason: 'voting-not-open' }, before);
});

t.test('voting closed: after closing the box refuses everything, for the rest of the day', async (t) => {
  const day = await openDay(t);
  const random = new SeededRandom('closed');
  const first = ballotPng(sign(day.session, ballot(random)));
  t.equal((await presentAndRun(day, first)).state, 'flap-open');
  t.equal(await day.deposit(), 'deposited');
  const closed = await day.console.handle.core.close({ annulledBallots: 0, testBallots: 0 });
  t.ok(closed.ok, 'the console closed voting');
  await pollUntil(day, (phase) => phase === 'closed');
  t.equal(day.box.snapshot().state, 'closed');
  t.equal(day.box.display().title, 'Stemming gesloten');
  for (const png of [ballotPng(sign(day.session, ballot(random))), damagedPng(sign(day.session, ballot(random))), first]) {
    const before = counts(day);
    const snap = await presentAndRun(day, png);
    t.equal(snap.reason, 'voting-closed', 'a new ballot, a torn one, an old one: all refused as "closed"');
    t.equal(day.box.simulated!.ballotBox.controller.openCommands, before.opens);
    t.equal(day.registered(), 1);
  }
  await day.run(20_000);
  t.equal(day.box.snapshot().state, 'closed', 'back to the closed screen, never to the ready one');
});

t.test('console unreachable: nothing registered, the voter keeps the ballot, the president hears it when the link is back', async (t) => {
  const day = await openDay(t);
  const png = ballotPng(sign(day.session, ballot(new SeededRandom('cable'))));
  day.link.down = true;
  const before = counts(day);
  const snap = await presentAndRun(day, png);
  await expectRefused(t, day, snap, { reason: 'console-unreachable', alerted: false }, before);
  t.match(snap.display.instruction ?? '', /niet geannuleerd/, 'the voter is told to keep the ballot');
  day.link.down = false;
  await day.run(1000);
  await waitFor(() => day.alerts().some((m) => m.includes('bereikt de voorzitterscomputer niet')));
  t.pass('the refusal reached the president once the link was back');
  const again = await presentAndRun(day, png);
  t.equal(again.state, 'flap-open', 'the same ballot, scanned again, goes in');
  t.equal(day.registered(), 1);
});

t.test('a stick pulled at the console: voting is halted, the box says so and the voter keeps the ballot', async (t) => {
  const day = await openDay(t);
  day.console.sticks.pull('B');
  await day.console.handle.checkSticks();
  const before = counts(day);
  const snap = await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('halt')))));
  await expectRefused(t, day, snap, { reason: 'stick-unavailable' }, before);
});

t.test('a full stick: refused with its own reason', async (t) => {
  const day = await openDay(t, { capacity: 1 });
  const random = new SeededRandom('full');
  t.equal((await presentAndRun(day, ballotPng(sign(day.session, ballot(random))))).state, 'flap-open');
  t.equal(await day.deposit(), 'deposited');
  const before = counts(day);
  await expectRefused(t, day, await presentAndRun(day, ballotPng(sign(day.session, ballot(random)))), { reason: 'stick-full' }, before);
});

t.test('the box is out of order (cover open): refused before anything is registered', async (t) => {
  const day = await openDay(t);
  day.box.simulated!.ballotBox.controller.setCover('open');
  await day.run(100);
  const before = counts(day);
  const snap = await presentAndRun(day, ballotPng(sign(day.session, ballot(new SeededRandom('cover')))));
  await expectRefused(t, day, snap, { reason: 'box-fault', alerted: false }, before);
  t.match(snap.display.text, /deksel/);
  await waitFor(() => day.alerts().some((m) => m.includes('deksel van de stembus werd geopend')));
  t.pass('the president heard the cover open');
});
