// Decree art. 24: both sticks unusable, the hoofdbureau re-scans the paper ballots of the
// station. The pile holds every deposited ballot, in any order, plus what a real box bin also
// holds after a day; the re-scan must give exactly the ballots the console stored — which the
// test checks against a stick read with the hoofdbureau's key.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyStick } from '@ovs/stick';
import { fromBase64 } from '@ovs/crypto';
import { createRescanner, rescanBallots } from '../src/index.ts';
import { ballot, ballotPhoto, ballotPng, demo, SeededRandom, session, sign, STATION, verified } from './support/election.ts';
import { openDay } from './support/rig.ts';
import { damagedPng, presentAndRun } from './support/scans.ts';

t.test('the re-scan of the paper gives exactly the ballots on the stick', async (t) => {
  const day = await openDay(t);
  const random = new SeededRandom('rescan');
  const papers: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    const signed = sign(day.session, ballot(random, { onlyFirst: i % 4 === 0 }));
    t.equal((await presentAndRun(day, ballotPng(signed, i))).state, 'flap-open');
    t.equal(await day.deposit(), 'deposited');
    papers.push(signed);
  }
  t.ok((await day.console.handle.core.close({ annulledBallots: 0, testBallots: 1 })).ok);
  const stickDir = day.console.sticks.folder('A')!;
  const stick = await verifyStick(stickDir, { organiserPublicKey: demo().organiser.publicKey, hoofdbureauPrivateKey: demo().hoofdbureau.privateKey });
  t.ok(stick.ok, 'the stick itself verifies (the test needs its contents to compare)');
  if (!stick.ok) return;
  const certificate = fromBase64((JSON.parse(await readFile(join(stickDir, 'session.json'), 'utf8')) as { sessionCertificate: string }).sessionCertificate)!;

  // The bin, shaken: photographed and printed scans, one ballot twice (a photocopy slipped in),
  // a test ballot, a ballot of another station, a torn one, and the back of a sheet.
  const pile = [
    ...papers.map((p, i) => (i % 2 === 0 ? ballotPhoto(p, i) : ballotPng(p, i))),
    ballotPng(papers[3]!, 99),
    ballotPng(sign(day.session, ballot(random, { test: true }))),
    ballotPng(sign(day.session, ballot(random, { station: 4 }))),
    damagedPng(sign(day.session, ballot(random))),
    { width: 400, height: 300, data: new Uint8Array(400 * 300).fill(235) },
  ].sort(() => random.int(3) - 1);
  const r = await rescanBallots({ package: verified(), station: STATION, sessionCertificates: [certificate] }, pile);
  t.ok(r.ok);
  if (!r.ok) return;
  t.equal(r.scanned, pile.length);
  t.equal(r.ballots.length, 12, 'every deposited ballot once');
  t.equal(r.duplicates, 1, 'the copy counted once');
  t.same(r.refused, { 'test-ballot': 1, 'wrong-station': 1, unreadable: 1, 'no-barcode': 1 });
  const fromStick = stick.value.ballots!.map((b) => Buffer.from(b.signedBallot).toString('hex'));
  const fromPaper = r.ballots.map((b) => Buffer.from(b.signed).toString('hex'));
  t.same(fromPaper, fromStick, 'paper and stick hold the same ballots, in the same (id) order');
});

t.test('no usable session certificate, no re-scan', async (t) => {
  const other = await session(4);
  t.same(await rescanBallots({ package: verified(), station: STATION, sessionCertificates: [] }, []), { ok: false, error: 'no-certificate' });
  t.same(await createRescanner({ package: verified(), station: STATION, sessionCertificates: [other.certificate] }), { ok: false, error: 'bad-certificate', index: 0, why: 'wrong-station' });
  t.same(await createRescanner({ package: verified(), station: 77, sessionCertificates: [other.certificate] }), { ok: false, error: 'unknown-station' });
});

t.test('a ballot signed by another session key of the same station is not accepted', async (t) => {
  const ours = await session();
  const theirs = await session();
  const created = await createRescanner({ package: verified(), station: STATION, sessionCertificates: [ours.certificate] });
  t.ok(created.ok);
  if (!created.ok) return;
  const random = new SeededRandom('keys');
  t.equal(created.rescanner.read({ bytes: sign(ours.signer, ballot(random)) }).kind, 'ballot');
  t.same(created.rescanner.read({ bytes: sign(theirs.signer, ballot(random)) }), { kind: 'refused', reason: 'bad-signature', detail: 'bad-signature' });
});
