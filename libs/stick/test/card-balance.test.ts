// Chip cards against ballots (card-balance.ts): worked examples of decree art. 17 §2 (seed
// 002: the annulled ballot is taken back, the voter votes again with another card; a damaged
// card is replaced), a property over random days, and the verifier's warnings on real sticks.
import t from 'tap';
import fc from 'fast-check';
import { cardBalance, cardBalanceLine, verifyStick, type EventBody, type StickEvent, type VerifyOptions } from '../src/index.ts';
import { castBallots, demo, openPair, preparedStick } from './support.ts';

// Vlindermeer: Belgians vote for G and P, EU and non-EU citizens for G only.
const ELECTIONS: Record<string, readonly string[]> = { belg: ['G', 'P'], eu: ['G'], 'niet-eu': ['G'] };
const electionsOf = (c: string): readonly string[] => ELECTIONS[c] ?? [];

const log = (bodies: readonly EventBody[]): StickEvent[] => bodies.map((b, i) => ({ ...b, seq: i + 1, prev: '0'.repeat(64), at: '2024-10-13T08:00:00.000Z' }) as StickEvent);
const card = (category: string, replacement = false, proxy = false): EventBody => ({ type: 'voter-card', category, proxy, replacement });
const annul = (category?: string): EventBody => (category === undefined ? { type: 'ballot-annulled', reason: 'damaged' } : { type: 'ballot-annulled', reason: 'damaged', category });

const differences = (events: StickEvent[], registered: Record<string, number>): Record<string, number> =>
  Object.fromEntries(cardBalance(events, registered, electionsOf).map((b) => [b.election, b.difference]));

t.test('40 ballots and no voter card: +40 for each election', async (t) => {
  const [g] = cardBalance(log([{ type: 'activation-card' }, { type: 'test-card', category: 'belg' }]), { G: 40 }, electionsOf);
  t.same(g, { election: 'G', registered: 40, cards: 0, replacements: 0, withoutAnnulment: 0, annulled: 0, expected: 0, difference: 40 }, 'test and activation cards do not count');
  t.equal(cardBalanceLine(g!, 'Gemeenteraad'), 'Gemeenteraad: 40 stembiljetten geregistreerd, 0 stemkaarten uitgereikt (verschil +40).');
});

t.test('art. 17 §2: an annulled ballot and its replacement card are one ballot in the box', async (t) => {
  const day = log([card('belg'), card('belg'), annul('belg'), card('belg', true), card('eu', false, true)]);
  t.same(differences(day, { G: 3, P: 2 }), { G: 0, P: 0 }, 'two Belgians (one annulled and voting again) and an EU proxy');
  const [g] = cardBalance(day, { G: 3 }, electionsOf);
  t.equal(cardBalanceLine(g!, 'Gemeenteraad'), 'Gemeenteraad: 3 stembiljetten geregistreerd, 4 stemkaarten uitgereikt (waarvan 1 vervangkaart), 1 stembiljet geannuleerd, 3 verwacht (verschil 0).');
});

t.test('an annulment without a new card is a voter who left; a damaged card replaced is still one ballot', async (t) => {
  t.same(differences(log([card('belg'), annul('belg')]), { G: 0, P: 0 }), { G: 0, P: 0 }, 'left after the annulment: nothing in the box, nothing expected');
  t.same(differences(log([card('eu'), card('eu', true)]), { G: 1 }), { G: 0 }, 'a damaged card replaced before voting');
  t.same(differences(log([card('eu'), annul('eu'), card('eu', true)]), { G: 2 }), { G: 1 }, 'one ballot too many');
  t.same(differences(log([card('belg'), card('eu')]), { G: 1, P: 1 }), { G: -1, P: 0 }, 'the EU voter left with a card');
});

t.test('art. 17 §2: a new card without an annulment (damaged card, no ballot printed, card write failed) is counted apart', async (t) => {
  const apart = (category: string, reason: 'damaged-card' | 'not-printed' | 'write-failed' | 'annulment'): EventBody => ({ type: 'voter-card', category, proxy: false, replacement: true, reason });
  // An EU voter whose card was damaged, and another who left after an annulment: with the reason
  // recorded the departure is no longer hidden by the damaged card's replacement.
  const day = log([card('eu'), apart('eu', 'damaged-card'), card('eu'), annul('eu')]);
  t.same(differences(day, { G: 1 }), { G: 0 }, 'one ballot: the damaged card\'s voter; the other left');
  const [g] = cardBalance(day, { G: 1 }, electionsOf);
  t.equal(g?.withoutAnnulment, 1);
  t.equal(cardBalanceLine(g!, 'Gemeenteraad'), 'Gemeenteraad: 1 stembiljet geregistreerd, 3 stemkaarten uitgereikt (waarvan 1 nieuwe kaart zonder annulering), 1 stembiljet geannuleerd, 1 verwacht (verschil 0).');
  t.same(differences(log([card('belg'), apart('belg', 'not-printed'), apart('belg', 'write-failed')]), { G: 1, P: 1 }), { G: 0, P: 0 }, 'one voter, three cards, one ballot');
  t.same(differences(log([card('belg'), annul('belg'), apart('belg', 'annulment')]), { G: 1, P: 1 }), { G: 0, P: 0 }, 'the annulment\'s card written on its own still stands for the annulment');
});

t.test('annulments from logs without the category change nothing (the console always wrote the replacement)', async (t) => {
  t.same(differences(log([card('belg'), annul(), card('belg', true)]), { G: 1, P: 1 }), { G: 0, P: 0 });
});

t.test('property: any day of voters gives no difference; extra or missing ballots give exactly that difference', async (t) => {
  const voter = fc.record({
    category: fc.constantFrom('belg', 'eu', 'niet-eu'),
    proxy: fc.boolean(),
    /** How often the ballot was annulled (each followed by a replacement card), and whether the card was damaged first. */
    annulments: fc.nat(3),
    damagedCard: fc.boolean(),
    leftAfterAnnulment: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(voter, { maxLength: 40 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), (voters, extra, shuffleSeed) => {
      const bodies: EventBody[] = [];
      const registered: Record<string, number> = { G: 0, P: 0 };
      for (const v of voters) {
        bodies.push(card(v.category, false, v.proxy));
        // Damaged card and a voter who left cannot both happen in one category without a difference (the counts cannot tell them apart).
        if (v.damagedCard && v.category !== 'niet-eu') bodies.push(card(v.category, true));
        for (let i = 0; i < v.annulments; i++) {
          bodies.push(annul(v.category));
          if (!(v.leftAfterAnnulment && v.category === 'niet-eu' && i === v.annulments - 1)) bodies.push(card(v.category, true));
        }
        const left = v.leftAfterAnnulment && v.category === 'niet-eu' && v.annulments > 0;
        if (!left) for (const e of electionsOf(v.category)) registered[e]! += 1;
      }
      const order = shuffleSeed ? [...bodies].reverse() : bodies;
      const balanced = differences(log(order), registered);
      if (balanced.G !== 0 || balanced.P !== 0) return false;
      const off = differences(log(order), { ...registered, G: Math.max(0, registered.G! + extra) });
      return off.G === Math.max(0, registered.G! + extra) - registered.G! && off.P === 0;
    }),
    { numRuns: 500 },
  );
  t.pass('500 random days');
});

const d = demo();
let clock = Date.parse('2024-10-13T06:00:00.000Z');
const onElectionDay = { now: () => new Date((clock += 1000)) };
const withKey: VerifyOptions = { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey };

t.test('the verifier warns about a stick with ballots and no voter cards, not about a normal day', { timeout: 60_000 }, async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b, onElectionDay);
  await pair.appendEvent({ type: 'voting-opened' });
  const ballots = await castBallots(pair, 6);
  if (!(await pair.close({ annulledBallots: 0, testBallots: 0 })).ok) throw new Error('close');
  await pair.release();
  const v = await verifyStick(a, withKey);
  if (!v.ok) throw new Error(v.error.message);
  t.ok(ballots.every((x) => x.vote.elections.length === 2), 'every ballot carries both elections');
  t.same(
    v.value.warnings.filter((w) => w.code === 'cards-ballots-difference').map((w) => w.message),
    [
      'Gemeenteraad Vlindermeer: 6 stembiljetten geregistreerd, 0 stemkaarten uitgereikt (verschil +6). De voorzitter van het stembureau moet dit verschil verklaren.',
      'Provincieraad Vlinderland – district Vlindermeer: 6 stembiljetten geregistreerd, 0 stemkaarten uitgereikt (verschil +6). De voorzitter van het stembureau moet dit verschil verklaren.',
    ],
    'one warning per election',
  );

  const c = await preparedStick(t);
  const e = await preparedStick(t);
  const normal = await openPair(c, e, onElectionDay);
  await normal.appendEvent({ type: 'voting-opened' });
  for (let i = 0; i < 3; i++) await normal.appendEvent(card('belg'));
  await normal.appendEvent(annul('belg'));
  await normal.appendEvent(card('belg', true));
  const cast = await castBallots(normal, 3);
  t.ok(cast.every((x) => x.vote.elections.length === 2), 'three Belgian ballots');
  if (!(await normal.close({ annulledBallots: 1, testBallots: 0 })).ok) throw new Error('close');
  await normal.release();
  const n = await verifyStick(c, withKey);
  t.same(n.ok ? n.value.warnings : n.error, [], 'an annulment and its replacement: no warning');
  t.same(n.ok ? n.value.cardBalance.map((x) => x.difference) : [], [0, 0]);
});
