import t from 'tap';
import fc from 'fast-check';
import { decodeBallot, encodeBallot, sameVote, maxPayloadBytes, HEADER_BYTES, type Ballot } from '../src/index.ts';
import { arbLayouts, arbVote, demoContext, syntheticContext } from './support.ts';

t.test('encode → decode round trip on random elections and votes (fast-check)', (t) => {
  fc.assert(
    fc.property(
      arbLayouts.chain((layouts) => fc.tuple(fc.constant(layouts), arbVote(layouts), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.boolean())),
      ([layouts, vote, ballotId, test]) => {
        const context = syntheticContext(layouts);
        const ballot: Ballot = { test, pollingStation: 7, ballotId, vote };
        const encoded = encodeBallot(context, ballot);
        if (!encoded.ok) return false;
        if (encoded.value.length > maxPayloadBytes(layouts)) return false;
        const decoded = decodeBallot(context, encoded.value);
        return decoded.ok && decoded.value.test === test && sameVote(decoded.value.vote, vote) && Buffer.from(decoded.value.ballotId).equals(Buffer.from(ballotId));
      },
    ),
    { numRuns: 2000 },
  );
  t.end();
});

t.test('the encoder refuses votes the package cannot hold', (t) => {
  const { context } = demoContext();
  const id = new Uint8Array(16);
  const bad = (vote: Ballot['vote'], station = 1, ballotId = id) => {
    const r = encodeBallot(context, { test: false, pollingStation: station, ballotId, vote });
    return r.ok ? 'ok' : r.error.code;
  };
  t.equal(bad({ elections: [] }), 'no-election');
  t.equal(bad({ elections: [{ election: 'X', choice: { kind: 'blank' } }] }), 'unknown-election');
  t.equal(bad({ elections: [{ election: 'P', choice: { kind: 'blank' } }, { election: 'G', choice: { kind: 'blank' } }] }), 'election-order');
  t.equal(bad({ elections: [{ election: 'G', choice: { kind: 'list', list: 99, topBox: true, candidates: [] } }] }), 'unknown-list');
  t.equal(bad({ elections: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: false, candidates: [] } }] }), 'empty-list-vote');
  t.equal(bad({ elections: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: false, candidates: [28] } }] }), 'bad-candidate');
  t.equal(bad({ elections: [{ election: 'G', choice: { kind: 'list', list: 1, topBox: false, candidates: [2, 2] } }] }), 'bad-candidate');
  t.equal(bad({ elections: [{ election: 'G', choice: { kind: 'blank' } }] }, 99), 'unknown-station');
  t.equal(bad({ elections: [{ election: 'G', choice: { kind: 'blank' } }] }, 1, new Uint8Array(15)), 'bad-ballot-id');
  t.end();
});

t.test('the strict decoder: version, flags, package, station, length, padding, ranges', (t) => {
  const { context } = demoContext();
  const ballot: Ballot = {
    test: false,
    pollingStation: 1,
    ballotId: new Uint8Array(16).fill(9),
    vote: { elections: [{ election: 'G', choice: { kind: 'list', list: 2, topBox: false, candidates: [1] } }] },
  };
  const r = encodeBallot(context, ballot);
  if (!r.ok) throw new Error(r.error.code);
  const payload = r.value;
  const err = (bytes: Uint8Array) => {
    const d = decodeBallot(context, bytes);
    return d.ok ? 'ok' : d.error;
  };
  t.equal(err(payload), 'ok');
  const mutate = (f: (b: Uint8Array) => void) => {
    const b = new Uint8Array(payload);
    f(b);
    return b;
  };
  t.equal(err(mutate((b) => (b[0] = 2))), 'bad-version');
  t.equal(err(mutate((b) => (b[1] = 2))), 'bad-flags');
  t.equal(err(mutate((b) => (b[2]! ^= 1))), 'wrong-package');
  t.equal(err(mutate((b) => (b[11] = 99))), 'unknown-station');
  t.equal(err(payload.subarray(0, HEADER_BYTES)), 'too-short');
  t.equal(err(new Uint8Array([...payload, 0])), 'bad-length');
  t.equal(err(payload.subarray(0, payload.length - 1)), 'bad-length');
  // G has 7 lists → 3 bits; index 0b111 = 7 is in range, so force the P election present with index 15 > 8 lists.
  const lastByte = payload.length - 1;
  t.equal(err(mutate((b) => (b[lastByte]! |= 0x01))), 'nonzero-padding');
  t.end();
});

t.test('index out of range and an empty list vote are refused by the decoder', (t) => {
  const context = syntheticContext([{ id: 'E0', listNumbers: [1, 2, 3], candidateCounts: [1, 1, 1] }]);
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = 1;
  header.set(context.hashPrefix, 2);
  header[11] = 7;
  // present=1, index=0b11 would be list 3 (valid); lists are 3 → 2 bits; there is no out-of-range 2-bit value,
  // so use a 5-list layout: 3 bits, index 6 > 5.
  const ctx5 = syntheticContext([{ id: 'E0', listNumbers: [1, 2, 3, 4, 5], candidateCounts: [1, 1, 1, 1, 1] }]);
  const outOfRange = new Uint8Array([...header, 0b11100000]); // present, index 6, then padding
  const d1 = decodeBallot(ctx5, outOfRange);
  t.equal(d1.ok ? 'ok' : d1.error, 'index-out-of-range');
  const empty = new Uint8Array([...header, 0b10100000]); // present, index 2 (list 2), top box 0, candidate 0
  const d2 = decodeBallot(context, empty);
  t.equal(d2.ok ? 'ok' : d2.error, 'empty-list-vote');
  const noElection = new Uint8Array([...header, 0]);
  const d3 = decodeBallot(context, noElection);
  t.equal(d3.ok ? 'ok' : d3.error, 'no-election');
  t.end();
});
