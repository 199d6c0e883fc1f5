import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom } from '@ovs/crypto';
import { FILES, openStickPair, verifyStick } from '../src/index.ts';
import { castBallots, demo, hex, openPair, pairOptions, preparedStick, randomBallot, signBallot, STATION } from './support.ts';

t.test('a whole day on two sticks: open, cards, ballots, close, verify both identical', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const opened = await openStickPair(await pairOptions(a, b));
  t.ok(opened.ok);
  if (!opened.ok) return;
  t.equal(opened.value.created, true, 'blank sticks start a session');
  const pair = opened.value.pair;
  t.equal(pair.phase, 'preparation');
  for (const body of [
    { type: 'activation-card' },
    { type: 'test-card', category: 'belg' },
    { type: 'box-empty' },
    { type: 'voting-opened' },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: false },
    { type: 'voter-card', category: 'eu', proxy: true, replacement: false },
    { type: 'ballot-annulled', reason: 'damaged' },
    { type: 'voter-card', category: 'belg', proxy: false, replacement: true },
  ] as const) {
    const r = await pair.appendEvent(body);
    t.ok(r.ok, body.type);
  }
  t.equal(pair.phase, 'open');
  const ballots = await castBallots(pair, 20);
  t.equal(pair.registered, 20);
  const again = await pair.registerBallot(signBallot(pair, ballots[19]!), ballots[19]!);
  t.same(again, { outcome: 'duplicate', mostRecent: true }, 'the last ballot again: duplicate and most recent');
  const older = await pair.registerBallot(signBallot(pair, ballots[3]!), ballots[3]!);
  t.same(older, { outcome: 'duplicate', mostRecent: false });
  const closed = await pair.close({ annulledBallots: 1, testBallots: 1 });
  t.ok(closed.ok);
  if (!closed.ok) return;
  t.equal(closed.value.registeredBallots, 20);
  t.same(closed.value.cards.perCategory, { belg: 2, eu: 1, 'niet-eu': 0 });
  t.same(closed.value.cards.proxyPerCategory, { belg: 0, eu: 1, 'niet-eu': 0 });
  t.equal(closed.value.cards.replacement, 1);
  await pair.release();

  for (const dir of [a, b]) {
    for (const f of Object.values(FILES)) {
      if (f === FILES.secrets) continue;
      t.same(await readFile(join(a, f)).catch(() => 'missing'), await readFile(join(dir, f)).catch(() => 'missing'), `${f} identical on both sticks`);
    }
    await t.rejects(readFile(join(dir, FILES.secrets)), 'secrets erased at closing');
    const d = demo();
    const v = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
    t.ok(v.ok, v.ok ? 'verifies' : v.error.message);
    if (!v.ok) continue;
    t.equal(v.value.ballots?.length, 20);
    t.same(
      v.value.ballots?.map((x) => hex(x.ballotId)),
      ballots.map((x) => hex(x.ballotId)).sort(),
      'every ballot once, sorted by id',
    );
    t.match(v.value.storeShortHash, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    t.equal(v.value.station.number, STATION);
    const plain = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey });
    t.ok(plain.ok && plain.value.ballots === undefined, 'without the hoofdbureau key: figures and hash only');
  }
});

t.test('a restart resumes the same session with nothing lost', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const first = await openPair(a, b);
  await first.appendEvent({ type: 'voting-opened' });
  const ballots = await castBallots(first, 5, new SeededRandom('restart'));
  const cert = first.sessionCertificate;
  const link = first.secrets?.linkKey;
  await first.release();

  const second = await openStickPair(await pairOptions(a, b));
  t.ok(second.ok);
  if (!second.ok) return;
  t.equal(second.value.created, false);
  t.same(second.value.pair.sessionCertificate, cert, 'same voting-computer session key');
  t.same(second.value.pair.secrets?.linkKey, link, 'same link key');
  t.equal(second.value.pair.registered, 5);
  t.equal(second.value.pair.phase, 'open');
  const dup = await second.value.pair.registerBallot(signBallot(second.value.pair, ballots[4]!), ballots[4]!);
  t.same(dup, { outcome: 'duplicate', mostRecent: false }, 'after a restart nothing is remembered as most recent');
  const next = randomBallot(new SeededRandom('next'));
  t.same(await second.value.pair.registerBallot(signBallot(second.value.pair, next), next), { outcome: 'stored' });
  await second.value.pair.release();
});

t.test('a full store refuses with full and changes nothing', async (t) => {
  const a = await preparedStick(t, { capacity: 3 });
  const b = await preparedStick(t, { capacity: 3 });
  const pair = await openPair(a, b);
  await castBallots(pair, 3);
  const before = await readFile(join(a, FILES.slots));
  const extra = randomBallot(undefined);
  t.same(await pair.registerBallot(signBallot(pair, extra), extra), { outcome: 'full' });
  t.same(await readFile(join(a, FILES.slots)), before);
  await pair.release();
});
