import t from 'tap';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fromHex, generateSigningKeyPair, randomBytes, toHex, Verifier, withDomain } from '@ovs/crypto';
import { generateDemoElection, verifyPackage, unsealStembureauKey } from '@ovs/election';
import { createBallotContext } from '@ovs/ballot';
import {
  issueVoterCard,
  readActivationCard,
  readErasedActivationCard,
  verifyVoterCard,
  VOTER_CARD_BYTES,
  VOTER_CARD_MESSAGES,
} from '../src/index.ts';
import { GOLDEN_VOTER_STATION, goldenCards, goldenHashPrefix, goldenPackage, goldenStembureau } from './golden/cases.ts';

const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 }, districts: true });
const verified = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
if (!verified.ok) throw new Error(verified.error.message);
const pkg = verified.value.election;
const { hashPrefix } = createBallotContext(verified.value);
const unsealed = await unsealStembureauKey(pkg, 2, demo.passwords.get(2)!);
if (!unsealed.ok) throw new Error(unsealed.error);
const stembureau = unsealed.value;
const expect = { pkg, hashPrefix, station: 2, stembureau: Verifier.from(stembureau.publicKey)! };

t.test('a voter card carries exactly the elections of its category', (t) => {
  for (const elections of [['G'], ['G', 'D-NOORD'], ['G', 'D-NOORD', 'P'], ['P']]) {
    const bytes = issueVoterCard(pkg, hashPrefix, { test: false, pollingStation: 2, elections, nonce: randomBytes(16) }, stembureau);
    t.equal(bytes.length, VOTER_CARD_BYTES);
    const r = verifyVoterCard(bytes, expect);
    t.ok(r.ok);
    if (r.ok) t.same(r.value.elections, elections);
  }
  t.end();
});

t.test('issuing a card for an election the station does not hold is a programming error', (t) => {
  t.throws(() => issueVoterCard(pkg, hashPrefix, { test: false, pollingStation: 2, elections: ['D-ZUID'], nonce: randomBytes(16) }, stembureau));
  t.throws(() => issueVoterCard(pkg, hashPrefix, { test: false, pollingStation: 2, elections: [], nonce: randomBytes(16) }, stembureau));
  t.end();
});

t.test('refusals: foreign station, foreign package, forged, damaged', (t) => {
  const card = issueVoterCard(pkg, hashPrefix, { test: true, pollingStation: 2, elections: ['G'], nonce: randomBytes(16) }, stembureau);
  const err = (bytes: Uint8Array, e = expect) => {
    const r = verifyVoterCard(bytes, e);
    return r.ok ? `ok test=${r.value.test}` : r.error;
  };
  t.equal(err(card), 'ok test=true');
  t.equal(err(card, { ...expect, station: 3 }), 'wrong-station');
  t.equal(err(card, { ...expect, hashPrefix: new Uint8Array(8) }), 'wrong-package');
  t.equal(err(card, { ...expect, stembureau: Verifier.from(generateSigningKeyPair().publicKey)! }), 'bad-signature');
  t.equal(err(card.subarray(0, 50)), 'bad-length');
  t.equal(err(new Uint8Array(0)), 'bad-length');
  const other = new Uint8Array(card);
  other[1] = 2;
  t.equal(err(other), 'not-a-voter-card');
  for (let bit = 0; bit < card.length * 8; bit++) {
    const bad = new Uint8Array(card);
    bad[bit >> 3]! ^= 1 << (bit & 7);
    if (verifyVoterCard(bad, expect).ok) t.fail(`bit ${bit} accepted`);
  }
  for (const code of Object.keys(VOTER_CARD_MESSAGES)) t.ok(VOTER_CARD_MESSAGES[code as keyof typeof VOTER_CARD_MESSAGES].includes('voorzitter'), code);
  t.end();
});

t.test('golden bytes: the committed voter cards are what the format writes, and still verify', async (t) => {
  const stored = JSON.parse(readFileSync(new URL('./golden/cards.json', import.meta.url), 'utf8')) as Record<string, string>;
  const g = await goldenCards();
  t.equal(toHex(g.voterAll), stored.voterAll, "a Belgian's card byte-identical (format drift?)");
  t.equal(toHex(g.testCardMunicipal), stored.testCardMunicipal, 'the test card too');
  const e = { pkg: goldenPackage(), hashPrefix: goldenHashPrefix(), station: GOLDEN_VOTER_STATION, stembureau: Verifier.from(goldenStembureau().publicKey)! };
  t.match(verifyVoterCard(fromHex(stored.voterAll ?? '')!, e), { ok: true, value: { test: false, elections: ['G', 'D-NOORD', 'P'] } });
  t.match(verifyVoterCard(fromHex(stored.testCardMunicipal ?? '')!, e), { ok: true, value: { test: true, elections: ['G'] } });
});

t.test('random bytes never verify and never throw', (t) => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 300 }),
      (b) => !verifyVoterCard(b, expect).ok && !readActivationCard(b, { hashPrefix, station: 2, stembureauPublicKey: stembureau.publicKey }).ok && !readErasedActivationCard(b, { hashPrefix, station: 2 }).ok,
    ),
    { numRuns: 20_000, seed: 0xca5d },
  );
  t.end();
});

t.test('random cards that reach every check: right header and length, then unsigned (the signature refuses) or signed (the election bitmap decides)', (t) => {
  const elections = ['G', 'D-NOORD', 'P'];
  const counts = new Map<string, number>();
  fc.assert(
    fc.property(fc.boolean(), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.boolean(), (test, bitmap, nonce, signature, signed) => {
      const body = new Uint8Array([1, 1, test ? 1 : 0, ...hashPrefix.subarray(0, 8), 0, 2, bitmap, ...nonce]);
      const card = new Uint8Array([...body, ...(signed ? stembureau.sign(withDomain('voter-card', body)) : signature)]);
      const r = verifyVoterCard(card, expect);
      const outcome = r.ok ? 'ok' : r.error;
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      if (!signed) return outcome === 'bad-signature';
      // Signed: the bitmap alone decides — a subset of the station's three elections, not empty.
      if (bitmap === 0 || bitmap >> elections.length !== 0) return outcome === 'bad-elections';
      return r.ok && r.value.test === test && r.value.elections.join() === elections.filter((_, i) => (bitmap >> i) & 1).join();
    }),
    { numRuns: 5_000, seed: 0xb17 },
  );
  t.ok((counts.get('ok') ?? 0) > 50 && (counts.get('bad-elections') ?? 0) > 500 && (counts.get('bad-signature') ?? 0) > 1000, `every check reached: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  t.end();
});
