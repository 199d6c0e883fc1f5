import t from 'tap';
import fc from 'fast-check';
import { demoKeyMaterial, generateSigningKeyPair, randomBytes, Signer, Verifier } from '@ovs/crypto';
import { unsealStembureauKey } from '@ovs/election';
import {
  encodeBallot,
  encodeSignedBallot,
  signBallotPayload,
  issueSessionCertificate,
  openSignedBallot,
  verifySessionCertificate,
  type Ballot,
} from '../src/index.ts';
import { arbVote, demoContext, sessionSigner, sessionVerifier } from './support.ts';

const sample = (): Ballot => ({
  test: false,
  pollingStation: 3,
  ballotId: randomBytes(16),
  vote: {
    elections: [
      { election: 'G', choice: { kind: 'list', list: 4, topBox: true, candidates: [1, 3] } },
      { election: 'P', choice: { kind: 'blank' } },
    ],
  },
});

t.test('a signed ballot opens with the session key of its station only', (t) => {
  const { context } = demoContext();
  const signed = encodeSignedBallot(context, sample(), sessionSigner());
  if (!signed.ok) throw new Error(signed.error.code);
  const open = (bytes: Uint8Array, station: number, keys: Verifier[]) => {
    const r = openSignedBallot(context, bytes, station, keys);
    return r.ok ? 'ok' : r.error;
  };
  t.equal(open(signed.value, 3, [sessionVerifier()]), 'ok');
  t.equal(open(signed.value, 4, [sessionVerifier()]), 'wrong-station');
  t.equal(open(signed.value, 3, [Verifier.from(generateSigningKeyPair().publicKey)!]), 'bad-signature');
  t.equal(open(signed.value, 3, [Verifier.from(generateSigningKeyPair().publicKey)!, sessionVerifier()]), 'ok', 'any of the certified keys');
  t.equal(open(signed.value, 3, []), 'bad-signature');
  t.end();
});

t.test('every single-bit flip of a signed ballot is rejected', (t) => {
  const { context } = demoContext();
  const signed = encodeSignedBallot(context, sample(), sessionSigner());
  if (!signed.ok) throw new Error(signed.error.code);
  let rejected = 0;
  for (let bit = 0; bit < signed.value.length * 8; bit++) {
    const bad = new Uint8Array(signed.value);
    bad[bit >> 3]! ^= 0x80 >> (bit & 7);
    const r = openSignedBallot(context, bad, 3, [sessionVerifier()]);
    if (r.ok) t.fail(`bit ${bit} accepted`);
    else rejected++;
  }
  t.equal(rejected, signed.value.length * 8);
  t.end();
});

t.test('100,000 random byte strings: an error every time, never an exception or a ballot', (t) => {
  const { context } = demoContext();
  const keys = [sessionVerifier()];
  const valid = encodeSignedBallot(context, sample(), sessionSigner());
  if (!valid.ok) throw new Error(valid.error.code);
  const header = valid.value.subarray(0, 12);
  let accepted = 0;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, withHeader) => {
      // Half of the strings carry a correct header so the fuzzing reaches the signature check.
      const input = withHeader ? new Uint8Array([...header, ...bytes]) : bytes;
      const r = openSignedBallot(context, input, 3, keys);
      if (r.ok) accepted++;
      return !r.ok;
    }),
    { numRuns: 100_000, seed: 0xba11 },
  );
  t.equal(accepted, 0);
  t.end();
});

t.test('20,000 random bodies signed with the session key: the decoder itself refuses, or the ballot is exactly canonical', (t) => {
  // Signed, so that the signature check lets them through and every byte reaches the decoder.
  const { context } = demoContext();
  const keys = [sessionVerifier()];
  const signer = sessionSigner();
  const header = new Uint8Array([...(encodeSignedBallot(context, sample(), signer) as { value: Uint8Array }).value.subarray(0, 12)]);
  const errors = new Map<string, number>();
  let ballots = 0;
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 17, maxLength: 60 }), (body) => {
      const payload = new Uint8Array([...header, ...body]);
      const r = openSignedBallot(context, signBallotPayload(payload, signer), 3, keys);
      if (!r.ok) {
        errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
        return r.error !== 'bad-signature' && r.error !== 'wrong-station' && r.error !== 'wrong-package';
      }
      ballots++;
      // Whatever decodes re-encodes to the very same bytes: no second spelling of a vote.
      const again = encodeBallot(context, r.value.ballot);
      return again.ok && Buffer.from(again.value).equals(Buffer.from(payload));
    }),
    { numRuns: 20_000, seed: 0xdec0de },
  );
  t.ok(errors.size >= 3, `the decoder's own refusals: ${[...errors].map(([e, n]) => `${e} ${n}`).join(', ')}`);
  t.ok(ballots > 0, `and ${ballots} random bodies that are real ballots, each canonical`);
  t.end();
});

t.test('signed round trip on random votes of the demo election', (t) => {
  const { context } = demoContext();
  const layouts = context.stations.get(5)!;
  fc.assert(
    fc.property(arbVote([...layouts]), (vote) => {
      const ballot: Ballot = { test: false, pollingStation: 5, ballotId: randomBytes(16), vote };
      const s = encodeSignedBallot(context, ballot, sessionSigner());
      if (!s.ok) return false;
      const o = openSignedBallot(context, s.value, 5, [sessionVerifier()]);
      return o.ok && JSON.stringify(o.value.ballot.vote) === JSON.stringify(vote);
    }),
    { numRuns: 500 },
  );
  t.end();
});

t.test('session certificates: bound to package, station and stembureau key', async (t) => {
  const { demo, context } = demoContext();
  const unsealed = await unsealStembureauKey(demo.election, 3, demo.passwords.get(3)!);
  if (!unsealed.ok) throw new Error(unsealed.error);
  const session = new Signer(demoKeyMaterial('ballot-tests', 'session'));
  const cert = issueSessionCertificate(context.hashPrefix, 3, session.publicKey, unsealed.value);
  const expected = { hashPrefix: context.hashPrefix, station: 3, stembureauPublicKey: unsealed.value.publicKey };
  const ok = verifySessionCertificate(cert, expected);
  t.ok(ok.ok);
  if (ok.ok) t.same(ok.value.sessionPublicKey, session.publicKey);
  const err = (c: Uint8Array, e = expected) => {
    const r = verifySessionCertificate(c, e);
    return r.ok ? 'ok' : r.error;
  };
  t.equal(err(cert, { ...expected, station: 4 }), 'wrong-station');
  t.equal(err(cert, { ...expected, hashPrefix: new Uint8Array(8) }), 'wrong-package');
  t.equal(err(cert, { ...expected, stembureauPublicKey: generateSigningKeyPair().publicKey }), 'bad-signature');
  t.equal(err(cert.subarray(1)), 'bad-length');
  const flipped = new Uint8Array(cert);
  flipped[20]! ^= 4;
  t.equal(err(flipped), 'bad-signature', 'a changed session key');
  const v2 = new Uint8Array(cert);
  v2[0] = 2;
  t.equal(err(v2), 'bad-version');
});
