import t from 'tap';
import { readFileSync } from 'node:fs';
import { demoKeyMaterial, fromHex, generateSigningKeyPair, randomBytes, SeededRandom, Signer, toHex } from '@ovs/crypto';
import { generateDemoElection, unsealStembureauKey, verifyPackage } from '@ovs/election';
import { createBallotContext, encodeSignedBallot, issueSessionCertificate, openSignedBallot } from '@ovs/ballot';
import { randomBallot } from '@ovs/ballot/testing';
import {
  ACTIVATION_CARD_BYTES,
  ACTIVATION_CODE_BITS,
  alarmKeyOf,
  canonicalActivationCode,
  erasedActivationCard,
  ERASED_CARD_BYTES,
  groupActivationCode,
  issueActivationCard,
  newActivationCode,
  openActivationCard,
  readActivationCard,
  readErasedActivationCard,
  TEST_ACTIVATION_KDF,
} from '../src/index.ts';
import { GOLDEN_STATION, goldenCards, goldenHashPrefix, goldenStembureau } from './golden/cases.ts';

const demo = generateDemoElection({ scrypt: { N: 1024, r: 8, p: 1 } });
const verified = verifyPackage(demo.bytes, demo.signature, demo.organiser.publicKey);
if (!verified.ok) throw new Error(verified.error.message);
const context = createBallotContext(verified.value);
const unsealed = await unsealStembureauKey(verified.value.election, 1, demo.passwords.get(1)!);
if (!unsealed.ok) throw new Error(unsealed.error);
const stembureau = unsealed.value;
const expected = { hashPrefix: context.hashPrefix, station: 1, stembureauPublicKey: stembureau.publicKey };

const seed = demoKeyMaterial('card-tests', 'session');
const session = new Signer(seed);
const certificate = issueSessionCertificate(context.hashPrefix, 1, session.publicKey, stembureau);
const code = '0123456789012345';
const card = await issueActivationCard({ certificate, sessionPrivateKey: seed, code, salt: randomBytes(16), nonce: randomBytes(12), kdf: TEST_ACTIVATION_KDF });

const open = async (bytes: Uint8Array, typed: string, e = expected): Promise<string> => {
  const read = readActivationCard(bytes, e);
  if (!read.ok) return read.error;
  const r = await openActivationCard(read.value, typed);
  return r.ok ? `ok ${toHex(r.value.session.publicKey) === toHex(session.publicKey)}` : r.error;
};

t.test('whoever reads the card gets no key that signs a ballot the box accepts', (t) => {
  t.equal(card.length, ACTIVATION_CARD_BYTES);
  const ballot = randomBallot(context, 1, new SeededRandom('attacker'));
  // The box trusts the key the certificate names (ballot → certificate → stembureau key).
  const read = readActivationCard(card, expected);
  if (!read.ok) throw new Error(read.error);
  let tried = 0;
  // Every 32 bytes of the card taken as an Ed25519 seed, as an attacker with a card reader would.
  for (let offset = 0; offset + 32 <= card.length; offset++) {
    const signed = encodeSignedBallot(context, ballot, new Signer(card.slice(offset, offset + 32)));
    if (!signed.ok) throw new Error(signed.error.code);
    const r = openSignedBallot(context, signed.value, 1, [read.value.verifier]);
    t.equal(r.ok ? 'accepted' : r.error, 'bad-signature', `bytes ${offset}–${offset + 31}`);
    tried++;
  }
  t.equal(tried, card.length - 31);
  t.notOk(toHex(card).includes(toHex(seed)), 'the seed is not on the card');
  t.end();
});

t.test('the right code opens the card and hands over the certified session key; a wrong one does not', async (t) => {
  t.equal(await open(card, code), 'ok true');
  t.equal(await open(card, '0123 4567 8901 2345'), 'ok true', 'groups as shown');
  t.equal(await open(card, '0123456789012346'), 'wrong-code', 'last digit wrong');
  t.equal(await open(card, '1123456789012345'), 'wrong-code', 'first digit wrong');
  t.equal(await open(card, '012345678901234'), 'wrong-code', 'one digit short');
  t.equal(await open(card, ''), 'wrong-code');
  const read = readActivationCard(card, expected);
  if (!read.ok) throw new Error(read.error);
  const r = await openActivationCard(read.value, code);
  t.ok(r.ok && toHex(r.value.alarmKey) === toHex(alarmKeyOf(seed)), 'with the alarm key the erased card will carry');
});

t.test('the certificate is checked before any code: foreign station, foreign package, forged', async (t) => {
  t.equal(await open(card, code, { ...expected, station: 5 }), 'wrong-station');
  t.equal(await open(card, code, { ...expected, hashPrefix: new Uint8Array(8) }), 'wrong-package');
  t.equal(await open(card, code, { ...expected, stembureauPublicKey: generateSigningKeyPair().publicKey }), 'bad-signature');
  const old = new Uint8Array(card);
  old[0] = 1;
  t.equal(await open(old, code), 'bad-version', 'a version 1 card (key in clear) is refused');
  t.equal(await open(card.subarray(0, 100), code), 'bad-length');
  t.equal(await open(new Uint8Array([2]), code), 'bad-length');
  for (const cost of [9, 18, 255]) {
    const b = new Uint8Array(card);
    b[2] = cost;
    t.equal(await open(b, code), 'bad-kdf', `cost 2^${cost} refused before any scrypt`);
  }
});

t.test('every field is bound: a change anywhere is refused, even with the right code', async (t) => {
  const fields: Array<[string, number]> = [
    ['version', 0],
    ['cost', 2],
    ['salt', 3],
    ['salt', 18],
    ['nonce', 19],
    ['nonce', 30],
    ['certificate: package', 32],
    ['certificate: station', 41],
    ['certificate: key', 50],
    ['certificate: signature', 130],
    ['sealed key', 138],
    ['sealed key', 169],
    ['tag', 170],
    ['tag', 185],
  ];
  for (const [name, at] of fields) {
    const b = new Uint8Array(card);
    b[at]! ^= at === 2 ? 1 : 0x40;
    t.not(await open(b, code), 'ok true', `${name} (byte ${at})`);
  }
  // A card made with a key of the attacker's choice under the real (public) certificate.
  const swapped = await issueActivationCard({ certificate, sessionPrivateKey: randomBytes(32), code, salt: randomBytes(16), nonce: randomBytes(12), kdf: TEST_ACTIVATION_KDF });
  t.equal(await open(swapped, code), 'key-mismatch');
});

t.test('programming errors throw', async (t) => {
  const base = { certificate, sessionPrivateKey: seed, code, salt: randomBytes(16), nonce: randomBytes(12), kdf: TEST_ACTIVATION_KDF };
  await t.rejects(issueActivationCard({ ...base, code: '1234' }));
  await t.rejects(issueActivationCard({ ...base, salt: randomBytes(8) }));
  await t.rejects(issueActivationCard({ ...base, kdf: { log2N: 20 } }));
  await t.rejects(issueActivationCard({ ...base, sessionPrivateKey: randomBytes(31) }));
});

t.test('golden bytes: the committed cards are still what the format writes, and still open', async (t) => {
  const stored = JSON.parse(readFileSync(new URL('./golden/cards.json', import.meta.url), 'utf8')) as Record<string, string>;
  const g = await goldenCards();
  t.equal(g.code, stored.code);
  t.equal(toHex(g.activation), stored.activation, 'activation card byte-identical (format drift?)');
  t.equal(toHex(g.erasedAfterActivation), stored.erasedAfterActivation);
  t.equal(toHex(g.erasedAfterRefusal), stored.erasedAfterRefusal);
  const e = { hashPrefix: goldenHashPrefix(), station: GOLDEN_STATION, stembureauPublicKey: goldenStembureau().publicKey };
  const read = readActivationCard(fromHex(stored.activation ?? '')!, e);
  if (!read.ok) throw new Error(read.error);
  const r = await openActivationCard(read.value, stored.code ?? '');
  t.ok(r.ok && toHex(r.value.session.publicKey) === toHex(g.sessionPublicKey));
  t.equal((await openActivationCard(read.value, '0000000000000000')).ok, false);
  const erased = readErasedActivationCard(fromHex(stored.erasedAfterActivation ?? '')!, e);
  t.ok(erased.ok && erased.value.why === 'activated' && r.ok && toHex(erased.value.alarmKey) === toHex(r.value.alarmKey));
});

t.test('the erased card: no sealed key, the alarm key or nothing, every byte checked', (t) => {
  const e = { hashPrefix: context.hashPrefix, station: 1 };
  const alarmKey = alarmKeyOf(seed);
  const after = erasedActivationCard(context.hashPrefix, 1, alarmKey);
  const refused = erasedActivationCard(context.hashPrefix, 1, undefined);
  t.equal(after.length, ERASED_CARD_BYTES);
  t.notOk(toHex(after).includes(toHex(seed).slice(0, 16)), 'nothing of the seed');
  const r = readErasedActivationCard(after, e);
  t.ok(r.ok && r.value.why === 'activated' && toHex(r.value.alarmKey) === toHex(alarmKey));
  t.same(readErasedActivationCard(refused, e), { ok: true, value: { why: 'refused' } });
  t.same(readErasedActivationCard(after, { ...e, station: 2 }), { ok: false, error: 'wrong-station' });
  t.same(readErasedActivationCard(after, { ...e, hashPrefix: new Uint8Array(8) }), { ok: false, error: 'wrong-package' });
  t.same(readErasedActivationCard(card, e), { ok: false, error: 'not-an-erased-card' });
  const bad = new Uint8Array(refused);
  bad[20] = 1;
  t.same(readErasedActivationCard(bad, e), { ok: false, error: 'bad-reason' }, 'a refused card carries zeros');
  for (let i = 0; i < 13; i++) {
    const b = new Uint8Array(after);
    b[i]! ^= 0x10;
    if (readErasedActivationCard(b, e).ok) t.fail(`byte ${i} changed, still accepted`);
  }
  t.same(readActivationCard(after, expected), { ok: false, error: 'not-an-activation-card' }, 'no stemcomputer takes it for an activation card');
  t.not(toHex(alarmKeyOf(randomBytes(32))), toHex(alarmKey));
  t.end();
});

t.test('the code: 16 uniform digits, shown in groups of 4, typed with or without spaces', (t) => {
  t.ok(ACTIVATION_CODE_BITS > 53 && ACTIVATION_CODE_BITS < 53.2, `${ACTIVATION_CODE_BITS.toFixed(2)} bits`);
  const counts = new Array<number>(10).fill(0);
  const random = new SeededRandom('codes');
  for (let i = 0; i < 2000; i++) {
    const c = newActivationCode((n) => random.bytes(n));
    t.match(c, /^\d{16}$/);
    for (const d of c) counts[Number(d)]!++;
  }
  // 32,000 digits: each within 10 % of 3,200.
  for (const [d, n] of counts.entries()) t.ok(n > 2880 && n < 3520, `digit ${d}: ${n}`);
  // Bytes 250–255 would favour 0–5: they are dropped.
  let calls = 0;
  t.equal(newActivationCode((n) => (calls++ === 0 ? new Uint8Array(n).fill(255) : new Uint8Array(n).fill(7))), '7777777777777777');
  t.equal(groupActivationCode('0123456789012345'), '0123 4567 8901 2345');
  t.equal(canonicalActivationCode(' 0123 4567-8901 2345 '), '0123456789012345');
  t.equal(canonicalActivationCode('0123 4567 8901 234'), undefined);
  t.equal(canonicalActivationCode('0123 4567 8901 234x'), undefined);
  t.end();
});
