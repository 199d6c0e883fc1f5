import t from 'tap';
import fc from 'fast-check';
import { designate, rankCandidates } from '../src/index.ts';
import { candidates } from './arbitraries.ts';

void t.test('art. 169, vlaanderen.be "Verkozenen en opvolgers" example: 5 seats, 11 candidates; 208 = 208 goes to list position 5 before 9', (t) => {
  const prefs = [395, 13, 290, 166, 208, 23, 88, 45, 208, 35, 502];
  const list = prefs.map((preferenceVotes, i) => ({ position: i + 1, preferenceVotes }));
  const { elected, substitutes } = designate(list, 5);
  // The page: K 1ste, A 2de, C 3de, E 4de, I 5de.
  t.same(elected, [11, 1, 3, 5, 9]);
  // "in volgorde van afnemende grootte van het aantal naamstemmen"
  t.same(substitutes, [4, 7, 8, 10, 6, 2]);
  t.end();
});

void t.test('art. 169 (2024): the list vote does not devolve — the first list position has no head start', (t) => {
  const { elected } = designate(
    [
      { position: 1, preferenceVotes: 10 },
      { position: 2, preferenceVotes: 11 },
    ],
    1,
  );
  t.same(elected, [2]);
  t.end();
});

void t.test('art. 167/168: with as many seats as candidates all are elected and nobody is substitute', (t) => {
  const list = [
    { position: 1, preferenceVotes: 3 },
    { position: 2, preferenceVotes: 9 },
  ];
  t.same(designate(list, 2), { elected: [2, 1], substitutes: [] });
  t.end();
});

void t.test('substitutes only for a list with at least one elected', (t) => {
  t.same(designate([{ position: 1, preferenceVotes: 3 }], 0), { elected: [], substitutes: [] });
  t.end();
});

void t.test('rankCandidates does not reorder its input', (t) => {
  const list = [
    { position: 1, preferenceVotes: 1 },
    { position: 2, preferenceVotes: 2 },
  ];
  rankCandidates(list);
  t.same(list.map((c) => c.position), [1, 2]);
  t.end();
});

void t.test('property: elected ⊆ candidates, elected ∩ substitutes = ∅, |elected| = seats, together all candidates', (t) => {
  const arb = fc.integer({ min: 0, max: 500 }).chain((votes) =>
    candidates(votes, { maxCandidates: 15 }).chain((cs) => fc.tuple(fc.constant(cs), fc.integer({ min: 0, max: cs.length }))),
  );
  fc.assert(
    fc.property(arb, ([cs, seats]) => {
      const { elected, substitutes } = designate(cs, seats);
      const all = new Set(cs.map((c) => c.position));
      const both = [...elected, ...substitutes];
      return (
        elected.length === seats &&
        elected.every((p) => all.has(p)) &&
        !elected.some((p) => substitutes.includes(p)) &&
        (seats === 0 ? substitutes.length === 0 : both.length === all.size && new Set(both).size === all.size)
      );
    }),
    { numRuns: 500 },
  );
  t.pass('held');
  t.end();
});

void t.test('property: the order is by preference votes, equal votes by list position; no substitute beats an elected', (t) => {
  const arb = fc.integer({ min: 0, max: 20 }).chain((votes) => candidates(votes, { maxCandidates: 15 }));
  fc.assert(
    fc.property(arb, fc.nat(), (cs, n) => {
      const seats = cs.length === 0 ? 0 : (n % cs.length) + 1;
      const { elected, substitutes } = designate(cs, seats);
      const prefs = new Map(cs.map((c) => [c.position, c.preferenceVotes]));
      const order = [...elected, ...substitutes];
      for (let i = 1; i < order.length; i++) {
        const a = order[i - 1]!;
        const b = order[i]!;
        const pa = prefs.get(a)!;
        const pb = prefs.get(b)!;
        if (pa < pb || (pa === pb && a > b)) return false;
      }
      return true;
    }),
    { numRuns: 500 },
  );
  t.pass('held');
  t.end();
});
