// Properties of the count: totals add up, weights are honoured, and no result depends on the
// order in which the votes came in.
import t from 'tap';
import fc from 'fast-check';
import { decide, tally, type Ballot, type Vote, type WeightedVote } from '../src/index.ts';
import { appointment, CANDIDATES, proposal } from './fixtures.ts';

const ids = CANDIDATES.map((c) => c.id);
const standardVote = fc.constantFrom<Vote>(
  { kind: 'standaard', choice: 'ja' },
  { kind: 'standaard', choice: 'nee' },
  { kind: 'standaard', choice: 'onthouding' },
  { kind: 'standaard', choice: 'blanco' },
);
const candidateVote = fc.subarray(ids, { maxLength: 2 }).map((candidates): Vote => ({ kind: 'kandidaten', candidates }));
const weighted = (vote: fc.Arbitrary<Vote>) => fc.array(fc.record({ vote, weight: fc.integer({ min: 1, max: 20 }) }), { maxLength: 60 });

const ballots: Array<[string, Ballot, fc.Arbitrary<WeightedVote[]>]> = [
  ['standard', proposal({ secret: true }), weighted(standardVote)],
  ['two-thirds', proposal({ majority: 'tweederde', secret: true }), weighted(standardVote)],
  ['candidates', appointment(2), weighted(candidateVote)],
];

for (const [label, ballot, votes] of ballots) {
  void t.test(`${label}: the result never depends on the order of the votes`, (t) => {
    fc.assert(
      fc.property(
        votes.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length }))),
        ([vs, shuffled]) => {
          const a = tally(ballot, ids, vs);
          const b = tally(ballot, ids, shuffled);
          return JSON.stringify(b) === JSON.stringify(a) && JSON.stringify(decide(ballot, b, { kind: 'eerste' })) === JSON.stringify(decide(ballot, a, { kind: 'eerste' }));
        },
      ),
    );
    t.end();
  });
}

void t.test('standard: ja + nee + onthouding + blanco is the total weight, and the ballots the number of votes', (t) => {
  fc.assert(
    fc.property(weighted(standardVote), (vs) => {
      const r = tally(proposal({ secret: true }), [], vs);
      if (r.kind !== 'standaard') return false;
      return r.ja + r.nee + r.onthouding + r.blanco === vs.reduce((n, v) => n + v.weight, 0) && r.ballots === vs.length;
    }),
  );
  t.end();
});

void t.test('candidates: valid + blanco is the total weight; each candidate’s votes are the weights of the ballots naming them', (t) => {
  fc.assert(
    fc.property(weighted(candidateVote), (vs) => {
      const r = tally(appointment(2), ids, vs);
      if (r.kind !== 'kandidaten') return false;
      const total = vs.reduce((n, v) => n + v.weight, 0);
      const named = (id: string): number => vs.reduce((n, v) => n + (v.vote.kind === 'kandidaten' && v.vote.candidates.includes(id) ? v.weight : 0), 0);
      return r.valid + r.blanco === total && ids.every((id) => r.votes[id] === named(id));
    }),
  );
  t.end();
});

void t.test('weights are honoured: a vote of weight k counts as k votes of weight 1', (t) => {
  fc.assert(
    fc.property(weighted(standardVote), (vs) => {
      const ballot = proposal({ secret: true });
      const unrolled = vs.flatMap((v) => Array.from({ length: v.weight }, () => ({ vote: v.vote, weight: 1 })));
      const a = tally(ballot, [], vs);
      const b = tally(ballot, [], unrolled);
      return a.kind === 'standaard' && b.kind === 'standaard' && a.ja === b.ja && a.nee === b.nee && a.onthouding === b.onthouding && a.blanco === b.blanco;
    }),
  );
  t.end();
});

void t.test('art. 33 DLB as a property: adopted exactly when ja > nee (ordinary) or 3·ja ≥ 2·(ja + nee) (two-thirds), abstentions and blanks never matter', (t) => {
  fc.assert(
    fc.property(fc.nat(200), fc.nat(200), fc.nat(50), fc.nat(50), (ja, nee, onthouding, blanco) => {
      const t0 = { kind: 'standaard' as const, ja, nee, onthouding, blanco, ballots: ja + nee + onthouding + blanco };
      const ordinary = decide(proposal(), t0, { kind: 'eerste' });
      const two = decide(proposal({ majority: 'tweederde' }), t0, { kind: 'eerste' });
      return (
        ordinary.kind === 'standaard' &&
        two.kind === 'standaard' &&
        ordinary.adopted === ja > nee &&
        two.adopted === (ja + nee > 0 && 3 * ja >= 2 * (ja + nee)) &&
        (ordinary.reason === 'staking') === (ja === nee && ja > 0)
      );
    }),
  );
  t.end();
});

void t.test('art. 35 DLB as a property: the elected have the absolute majority, never more than the seats, and a second round only for open seats', (t) => {
  fc.assert(
    fc.property(weighted(candidateVote), (vs) => {
      const ballot = appointment(2);
      const r = tally(ballot, ids, vs);
      const d = decide(ballot, r, { kind: 'eerste' });
      if (r.kind !== 'kandidaten' || d.kind !== 'kandidaten') return false;
      const majority = d.elected.every((id) => (r.votes[id] ?? 0) * 2 > r.valid);
      const seats = d.elected.length <= 2;
      const next = d.next === null || (d.next.seats === 2 - d.elected.length && d.next.candidates.every((id) => !d.elected.includes(id)));
      return majority && seats && next;
    }),
  );
  t.end();
});
