// The hoofdbureau's fast decoder (decodeBallotFlat) against @ovs/ballot's decodeBallot, the
// definition: the same verdict (the same error code, or valid) and the same vote on valid
// ballots, on every single-bit change, every truncation and extension, and on random payloads.
import t, { type Test } from 'tap';
import { SeededRandom } from '@ovs/crypto';
import { decodeBallot, encodeBallot, HEADER_BYTES, type Ballot } from '@ovs/ballot';
import { decodeBallotFlat, FlatVote } from '../src/index.ts';
import { demo, demoContext, randomBallot } from './support.ts';

const context = demoContext();
const flat = new FlatVote(context);

function same(t: Test, payload: Uint8Array, what: string): boolean {
  const expected = decodeBallot(context, payload);
  const error = decodeBallotFlat(context, payload, flat);
  if (!expected.ok) {
    if (error !== expected.error) t.fail(`${what}: ${error ?? 'valid'} instead of ${expected.error}`);
    return error === expected.error;
  }
  if (error !== undefined) {
    t.fail(`${what}: ${error} instead of valid`);
    return false;
  }
  const ok =
    flat.test === expected.value.test &&
    flat.station === expected.value.pollingStation &&
    JSON.stringify(flat.toVote()) === JSON.stringify(expected.value.vote);
  if (!ok) t.fail(`${what}: another vote (${JSON.stringify(flat.toVote())} instead of ${JSON.stringify(expected.value.vote)})`);
  return ok;
}

function payloadOf(ballot: Ballot): Uint8Array {
  const r = encodeBallot(context, ballot);
  if (!r.ok) throw new Error(`encode: ${r.error}`);
  return r.value;
}

t.test('valid ballots of every station decode to the same vote', (t) => {
  const random = new SeededRandom('flat valid');
  let n = 0;
  for (const station of demo().election.pollingStations.map((s) => s.number)) {
    for (let i = 0; i < 40; i++) {
      const ballot = randomBallot(random, station, { test: i % 7 === 0, onlyFirst: i % 5 === 0 });
      if (same(t, payloadOf(ballot), `station ${station} ballot ${i}`)) n++;
    }
  }
  t.equal(n, demo().election.pollingStations.length * 40, 'every one agrees');
  t.end();
});

t.test('every bit flipped, every length: the same verdict and the same error', (t) => {
  const random = new SeededRandom('flat mutations');
  const errors = new Map<string, number>();
  let cases = 0;
  let agree = 0;
  for (let i = 0; i < 25; i++) {
    const payload = payloadOf(randomBallot(random, 3, { onlyFirst: i % 4 === 0 }));
    const variants: Array<[string, Uint8Array]> = [];
    for (let bit = 0; bit < payload.length * 8; bit++) {
      const v = new Uint8Array(payload);
      v[bit >> 3] = (v[bit >> 3] as number) ^ (0x80 >> (bit & 7));
      variants.push([`bit ${bit}`, v]);
    }
    for (let n = 0; n < payload.length; n++) variants.push([`cut to ${n}`, payload.slice(0, n)]);
    for (const extra of [[0], [0xff], [0, 0], [1, 2, 3]]) variants.push([`extended by ${extra.length}`, new Uint8Array([...payload, ...extra])]);
    for (const [what, v] of variants) {
      cases++;
      if (same(t, v, `ballot ${i}, ${what}`)) agree++;
      const r = decodeBallot(context, v);
      const key = r.ok ? 'valid' : r.error;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
  t.equal(agree, cases, `${cases} variants agree`);
  // The variants reach every rule of the decoder.
  for (const code of ['valid', 'too-short', 'bad-version', 'bad-flags', 'wrong-package', 'unknown-station', 'index-out-of-range', 'empty-list-vote', 'nonzero-padding', 'bad-length']) {
    t.ok(errors.has(code), `reached: ${code}`);
  }
  t.end();
});

t.test('random bodies behind a valid header', (t) => {
  const random = new SeededRandom('flat random');
  const header = payloadOf(randomBallot(random, 5)).slice(0, HEADER_BYTES);
  let cases = 0;
  let agree = 0;
  const verdicts = new Set<string>();
  for (let i = 0; i < 4000; i++) {
    // A few bodies of zeros (no election present), the rest random.
    const body = i < 4 ? new Uint8Array(1 + i) : random.bytes(1 + random.int(12));
    const v = new Uint8Array([...header, ...body]);
    if (i % 3 === 0) v[11] = 1 + random.int(12);
    cases++;
    if (same(t, v, `random ${i}`)) agree++;
    const r = decodeBallot(context, v);
    verdicts.add(r.ok ? 'valid' : r.error);
  }
  t.equal(agree, cases, `${cases} random payloads agree`);
  t.ok(verdicts.has('valid') && verdicts.has('no-election'), `valid and empty ballots among them (${[...verdicts].join(', ')})`);
  t.end();
});
