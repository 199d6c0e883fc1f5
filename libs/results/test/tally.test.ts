import t from 'tap';
import fc from 'fast-check';
import { addChoice, countChoices, emptyTally, mergeTallies, seatListsFromTally, sumTallies, type ElectionChoice, type Tally, type TallyShape } from '../src/index.ts';

const shape: TallyShape = {
  lists: [
    { number: 1, candidates: 3 },
    { number: 2, candidates: 2 },
    { number: 5, candidates: 0 },
  ],
};
const blank: ElectionChoice = { kind: 'blank' };
const list = (l: number, topBox: boolean, ...candidates: number[]): ElectionChoice => ({ kind: 'list', list: l, topBox, candidates });

void t.test('LPKD art. 165: stemcijfer = ballots with the top box and/or candidates; the PV split; preference votes', (t) => {
  const r = countChoices(shape, [blank, list(1, true), list(1, false, 1, 3), list(1, true, 2), list(2, false, 2), blank, list(5, true)]);
  t.ok(r.ok);
  if (!r.ok) return t.end();
  t.same(r.value, {
    ballots: 7,
    blank: 2,
    lists: [
      { number: 1, stemcijfer: 3, topBoxOnly: 1, withCandidates: 2, topBoxAndCandidates: 1, preferenceVotes: [1, 1, 1] },
      { number: 2, stemcijfer: 1, topBoxOnly: 0, withCandidates: 1, topBoxAndCandidates: 0, preferenceVotes: [0, 1] },
      { number: 5, stemcijfer: 1, topBoxOnly: 1, withCandidates: 0, topBoxAndCandidates: 0, preferenceVotes: [] },
    ],
  });
  t.same(seatListsFromTally(r.value)[0], {
    number: 1,
    votes: 3,
    candidates: [
      { position: 1, preferenceVotes: 1 },
      { position: 2, preferenceVotes: 1 },
      { position: 3, preferenceVotes: 1 },
    ],
  });
  t.end();
});

void t.test('a choice that cannot be counted fails the whole count, with its index', (t) => {
  const good = [blank, list(1, true)];
  const cases: Array<[ElectionChoice, string]> = [
    [list(3, true), 'unknown-list'],
    [list(1, false), 'empty-list-choice'],
    [list(1, true, 0), 'bad-candidate'],
    [list(1, true, 4), 'bad-candidate'],
    [list(1, true, 1.5), 'bad-candidate'],
    [list(5, false, 1), 'bad-candidate'],
    [list(1, true, 2, 2), 'duplicate-candidate'],
    [{ kind: 'spoilt' } as unknown as ElectionChoice, 'unknown-kind'],
  ];
  for (const [bad, error] of cases) {
    t.same(countChoices(shape, [...good, bad, ...good]), { ok: false, error: { code: error, index: 2 } }, `countChoices: ${error}`);
    t.same(addChoice(emptyTally(shape), bad), { ok: false, error }, `addChoice: ${error}`);
  }
  t.end();
});

void t.test('a candidate may be ticked on many ballots (the duplicate check is per ballot)', (t) => {
  const r = countChoices(shape, [list(1, false, 2), list(1, false, 2), list(1, false, 2, 1)]);
  t.same(r.ok && r.value.lists[0]!.preferenceVotes, [1, 3, 0]);
  t.end();
});

void t.test('tallies of different elections do not merge', (t) => {
  const other = emptyTally({ lists: [{ number: 1, candidates: 4 }] });
  t.same(mergeTallies(emptyTally(shape), other), { ok: false, error: 'shape-mismatch' });
  t.same(sumTallies(shape, [emptyTally(shape), other]), { ok: false, error: 'shape-mismatch' });
  t.end();
});

void t.test('a malformed shape is a programmer error', (t) => {
  t.throws(() => emptyTally({ lists: [{ number: 1, candidates: 1 }, { number: 1, candidates: 2 }] }));
  t.throws(() => countChoices({ lists: [{ number: 1, candidates: -1 }] }, []));
  t.end();
});

const choice: fc.Arbitrary<ElectionChoice> = fc.oneof(
  fc.constant(blank),
  fc.constantFrom(...shape.lists).chain((l) =>
    fc
      .record({ topBox: fc.boolean(), candidates: fc.shuffledSubarray(Array.from({ length: l.candidates }, (_, i) => i + 1)) })
      .filter((c) => c.topBox || c.candidates.length > 0)
      .map((c): ElectionChoice => ({ kind: 'list', list: l.number, ...c })),
  ),
);

const fold = (choices: readonly ElectionChoice[]): Tally =>
  choices.reduce((acc, c) => {
    const r = addChoice(acc, c);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }, emptyTally(shape));

const count = (choices: readonly ElectionChoice[]): Tally => {
  const r = countChoices(shape, choices);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

const merge = (a: Tally, b: Tally): Tally => {
  const r = mergeTallies(a, b);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

void t.test('property: the fast count equals adding the choices one by one', (t) => {
  fc.assert(fc.property(fc.array(choice, { maxLength: 60 }), (cs) => JSON.stringify(count(cs)) === JSON.stringify(fold(cs))));
  t.pass('held');
  t.end();
});

void t.test('property: tallies are additive — count(a ++ b) = merge(count(a), count(b)), in either order', (t) => {
  fc.assert(
    fc.property(fc.array(choice, { maxLength: 40 }), fc.array(choice, { maxLength: 40 }), (a, b) => {
      const whole = JSON.stringify(count([...a, ...b]));
      return whole === JSON.stringify(merge(count(a), count(b))) && whole === JSON.stringify(merge(count(b), count(a)));
    }),
  );
  t.pass('held');
  t.end();
});

void t.test('property: the empty tally is neutral and sumTallies equals repeated merging', (t) => {
  fc.assert(
    fc.property(fc.array(fc.array(choice, { maxLength: 15 }), { maxLength: 5 }), (parts) => {
      const tallies = parts.map(count);
      const summed = sumTallies(shape, tallies);
      return (
        summed.ok &&
        JSON.stringify(summed.value) === JSON.stringify(count(parts.flat())) &&
        tallies.every((x) => JSON.stringify(merge(x, emptyTally(shape))) === JSON.stringify(x))
      );
    }),
  );
  t.pass('held');
  t.end();
});

void t.test('property: ballots = blank + stemcijfers; stemcijfer = top box only + with candidates; each candidate ≤ withCandidates', (t) => {
  fc.assert(
    fc.property(fc.array(choice, { maxLength: 80 }), (cs) => {
      const x = count(cs);
      const listed = x.lists.reduce((s, l) => s + l.stemcijfer, 0);
      return (
        x.ballots === cs.length &&
        x.ballots === x.blank + listed &&
        x.lists.every(
          (l) =>
            l.stemcijfer === l.topBoxOnly + l.withCandidates &&
            l.topBoxAndCandidates <= l.withCandidates &&
            l.preferenceVotes.every((p) => p <= l.withCandidates),
        )
      );
    }),
  );
  t.pass('held');
  t.end();
});
