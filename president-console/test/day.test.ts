// A whole polling-station day through the console core and the real link, then the sticks
// checked as the hoofdbureau would: every figure the console showed is on the sticks.
import t from 'tap';
import { SeededRandom, sha256, Signer, Verifier } from '@ovs/crypto';
import { verifyVoterCard } from '@ovs/card';
import { findStation } from '@ovs/election';
import { verifyStick } from '@ovs/stick';
import { ballot, boxClient, demo, openForVoting, password, printAll, sessionFromActivation, signed, startRig } from './support.ts';

t.test('opening: wrong, malformed and right password; nothing opens before box and president agree', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  t.same(core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 });
  t.equal(core.snapshot().station?.name, 'Vlindermeer-003-Zonnebrug');
  const malformed = await core.unlock('hallo');
  t.match(malformed, { ok: false, error: 'password' });
  t.match(malformed.ok ? '' : malformed.message, /20 tekens/);
  t.same(core.snapshot().phase, { kind: 'locked', attemptsLeft: 5 }, 'a typo that cannot be a password costs no attempt');
  const wrong = await core.unlock(password(4));
  t.match(wrong.ok ? '' : wrong.message, /niet juist.*Nog 4 pogingen/);
  t.same(core.snapshot().phase, { kind: 'locked', attemptsLeft: 4 });
  t.match(await core.issueActivationCard(), { ok: false, error: 'not-now' }, 'no card before the password');
  t.same(await core.unlock(password()), { ok: true, message: 'De sticks zijn geopend voor dit stembureau. Het koppelticket is afgedrukt.' });
  t.same(core.snapshot().phase, { kind: 'preparation' });
  t.equal(rig.devices.printer.tickets.length, 1, 'the pairing ticket is printed at once');

  const box = boxClient(rig);
  const activation = await core.issueActivationCard();
  t.match(activation, { ok: true, activationCode: /^\d{16}$/ }, 'the answer carries the code for the screen');
  t.notMatch(JSON.stringify(core.snapshot()), activation.ok ? activation.activationCode ?? 'none' : 'none', 'the snapshot does not');
  const session = await sessionFromActivation(rig, activation.ok ? activation.activationCode : undefined);
  t.same(await box.register(signed(session, ballot(new SeededRandom('early')))), { ok: true, value: { outcome: 'rejected', reason: 'voting-not-open' } });
  t.same(await box.register(signed(session, ballot(new SeededRandom('test'), { test: true }))), { ok: true, value: { outcome: 'rejected', reason: 'test-ballot' } });
  t.match(await core.openVoting(true), { ok: false, error: 'cannot-open' }, 'the box has not reported empty');
  await box.event({ kind: 'box-empty' });
  t.match(await core.openVoting(false), { ok: false, error: 'cannot-open' }, 'the president has not confirmed');
  t.match(await core.openVoting(true), { ok: true });
  t.same(core.snapshot().phase, { kind: 'open' });
});

t.test('too many wrong passwords lock the console', async (t) => {
  const rig = await startRig(t, { maxPasswordAttempts: 2 });
  await rig.handle.core.unlock(password(5));
  const last = await rig.handle.core.unlock(password(6));
  t.match(last.ok ? '' : last.message, /Te veel foute pogingen/);
  t.same(rig.handle.core.snapshot().phase, { kind: 'locked-out' });
  t.match(await rig.handle.core.unlock(password()), { ok: false }, 'even the right password now');
});

t.test('a day: cards per category, proxies, annulments, every kind of scan, closing', async (t) => {
  const rig = await startRig(t);
  const core = rig.handle.core;
  const { box, session } = await openForVoting(rig);
  const random = new SeededRandom('day');
  const snap = core.snapshot();
  t.same(
    snap.categories.map((c) => [c.id, c.elections.map((e) => e.id)]),
    [
      ['belg', ['G', 'P']],
      ['eu', ['G']],
      ['niet-eu', ['G']],
    ],
    'each category button names exactly its elections',
  );
  const belg = await core.issueVoterCard('belg');
  t.match(belg, { ok: true, message: /Stemkaart klaar — Belgische kiezer: Gemeenteraad Vlindermeer, Provincieraad/ });
  t.match(await core.issueVoterCard('eu'), { ok: true, message: /EU-burger: Gemeenteraad Vlindermeer\.$/ });
  t.match(await core.issueVoterCard('niet-eu', { proxy: true }), { ok: true, message: /^Volmachtkaart klaar — Niet-EU-burger/ });
  t.match(await core.issueVoterCard('marsmannetje'), { ok: false, error: 'unknown-category' });
  t.match(await core.issueTestCard('belg', 'expert-visit'), { ok: true });
  t.match(await core.annulBallot('voter-request', 'belg'), { ok: true, message: /^Vervangkaart klaar/ });
  // The cards really carry the right elections.
  const d = demo();
  const st = findStation(d.election, 3);
  const expect = { pkg: d.election, hashPrefix: sha256(d.bytes).subarray(0, 8), station: 3, stembureau: Verifier.from(Buffer.from(st?.stembureauKey.publicKey ?? '', 'base64')) as Verifier };
  const cards = rig.devices.cards.filter((c) => c.payload[1] === 1).map((c) => verifyVoterCard(c.payload, expect));
  t.same(
    cards.map((c) => (c.ok ? [c.value.test, c.value.elections] : c.error)),
    [
      [false, ['G', 'P']],
      [false, ['G']],
      [false, ['G']],
      [true, ['G', 'P']],
      [false, ['G', 'P']],
    ],
  );

  const cast: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    const b = ballot(random, { onlyFirst: i % 4 === 0 });
    const bytes = signed(session, b);
    t.same(await box.register(bytes), { ok: true, value: { outcome: 'registered' } });
    cast.push(bytes);
  }
  t.same(await box.register(cast[11] as Uint8Array), { ok: true, value: { outcome: 'duplicate', mostRecent: true, attempt: 'other' } }, 're-scan of the last ballot');
  t.same(await box.register(cast[2] as Uint8Array), { ok: true, value: { outcome: 'duplicate', mostRecent: false, attempt: 'other' } }, 'an older ballot again');
  const forged = new Uint8Array(cast[0] as Uint8Array);
  forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1;
  t.same(await box.register(forged), { ok: true, value: { outcome: 'rejected', reason: 'bad-signature' } });
  const otherKey = new Signer(new Uint8Array(32).fill(3));
  t.same(await box.register(signed(otherKey, ballot(random))), { ok: true, value: { outcome: 'rejected', reason: 'bad-signature' } }, 'signed by a key this opening did not certify');
  t.same(await box.register(signed(session, ballot(random, { station: 5 }))), { ok: true, value: { outcome: 'rejected', reason: 'wrong-station' } });
  t.same(await box.register(new Uint8Array([9, 9, 9])), { ok: true, value: { outcome: 'rejected', reason: 'malformed', detail: 'too-short' } });
  t.same(await box.register(signed(session, ballot(random, { test: true }))), { ok: true, value: { outcome: 'rejected', reason: 'test-ballot' } });
  await box.event({ kind: 'refused', reason: 'duplicate' });
  await box.event({ kind: 'deposit-timeout' });
  t.equal(core.snapshot().alerts.length, 2, 'the president sees the box\'s alerts');
  t.match(await core.recordIncident({ kind: 'defect', description: 'Printer van stemhokje 2 zonder papier', calledAt: '2024-10-13T09:00:00Z', repairedAt: null }), { ok: true });
  t.match(await core.recordIncident({ kind: 'defect', description: 'Printer van stemhokje 2 zonder papier', calledAt: '2024-10-13T09:00:00Z', repairedAt: '2024-10-13T09:30:00Z' }, 1), { ok: true });
  t.match(await core.recordIncident({ kind: 'other', description: '   ', calledAt: null, repairedAt: null }), { ok: false, error: 'bad-input' });

  const counters = core.snapshot().counters;
  t.equal(counters?.registered, 12);
  t.same(counters?.registeredPerElection.map((e) => e.count), [12, 9]);
  t.same(counters?.cardsPerCategory, { belg: 2, eu: 1, 'niet-eu': 1 });
  t.same(counters?.proxyPerCategory, { belg: 0, eu: 0, 'niet-eu': 1 });
  t.equal(counters?.annulled, 1);

  t.match(await core.close({ annulledBallots: -1, testBallots: 1 }), { ok: false, error: 'bad-input' });
  const closed = await core.close({ annulledBallots: 1, testBallots: 1 });
  t.match(closed, { ok: true, message: /Exemplaar 1 van 2 van het proces-verbaal is afgedrukt/ });
  t.notMatch(closed, { message: /Verwijder/ }, 'the sticks stay until every report is printed');
  t.match(await core.printNext(), { ok: true, message: /Exemplaar 2 van 2 van het proces-verbaal is afgedrukt/ });
  await printAll(core);
  t.same(core.snapshot().phase, { kind: 'closed' });
  t.same(await box.register(signed(session, ballot(random))), { ok: true, value: { outcome: 'rejected', reason: 'voting-closed' } }, 'after closing the box refuses everything');
  t.match(await core.issueVoterCard('belg'), { ok: false, error: 'not-now' });
  t.equal(rig.devices.printer.tickets.length, 7, 'pairing, opening, PV twice, kerncijferrapport twice, the envelope label');

  for (const dir of [rig.dirs.A, rig.dirs.B]) {
    const v = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
    t.ok(v.ok, v.ok ? 'stick verifies' : v.error.message);
    if (!v.ok) continue;
    t.equal(v.value.ballots?.length, 12);
    t.same(v.value.closing.registeredPerElection, { G: 12, P: 9 });
    t.same(v.value.closing.cards.perCategory, { belg: 2, eu: 1, 'niet-eu': 1 });
    t.equal(v.value.closing.cards.test, 1);
    t.equal(v.value.closing.annulledBallots, 1);
    t.equal(v.value.storeShortHash, core.snapshot().closing?.storeShortHash, 'the screen shows the hash the hoofdbureau computes');
  }
});
