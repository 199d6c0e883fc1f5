// fast-check generators shared by the results tests.
import fc from 'fast-check';
import type { CandidateInput, ListInput, SeatInput, SeatMethod } from '../src/index.ts';

export const method: fc.Arbitrary<SeatMethod> = fc.constantFrom('imperiali', 'dhondt');

/** Candidates for a list with `votes` ballots: preference votes never exceed the list's votes. */
export function candidates(votes: number, options: { maxCandidates?: number } = {}): fc.Arbitrary<CandidateInput[]> {
  return fc
    .array(fc.integer({ min: 0, max: votes }), { minLength: 0, maxLength: options.maxCandidates ?? 8 })
    .map((prefs) => prefs.map((preferenceVotes, i) => ({ position: i + 1, preferenceVotes })));
}

/**
 * Gives every candidate of the input a different birth date, so that every tie the law can break
 * is broken: such inputs must always allocate.
 */
export function withUniqueBirthDates(lists: ListInput[]): ListInput[] {
  let day = 0;
  return lists.map((l) => ({
    ...l,
    candidates: l.candidates?.map((c) => {
      day += 1;
      const date = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      return { ...c, birthDate: date };
    }),
  }));
}

/** Lists with unique numbers (1…20) and votes up to `maxVotes`; candidates when `withCandidates`. */
export function lists(options: { withCandidates: boolean; maxLists?: number; maxVotes?: number; distinctVotes?: boolean }): fc.Arbitrary<ListInput[]> {
  const maxVotes = options.maxVotes ?? 5000;
  const numbers = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: options.maxLists ?? 6 });
  return numbers.chain((ns) => {
    const votes = options.distinctVotes
      ? fc.uniqueArray(fc.integer({ min: 0, max: maxVotes }), { minLength: ns.length, maxLength: ns.length })
      : fc.array(fc.integer({ min: 0, max: maxVotes }), { minLength: ns.length, maxLength: ns.length });
    return votes.chain((vs) =>
      options.withCandidates
        ? fc.tuple(...vs.map((v) => candidates(v))).map((cs) => ns.map((number, i) => ({ number, votes: vs[i]!, candidates: cs[i]! })))
        : fc.constant(ns.map((number, i) => ({ number, votes: vs[i]! }))),
    );
  });
}

/** A complete seat input whose ties can all be broken (candidates and unique birth dates everywhere). */
export const decidableInput: fc.Arbitrary<SeatInput> = fc
  .record({ method, seats: fc.integer({ min: 1, max: 40 }), lists: lists({ withCandidates: true }) })
  .map((i) => ({ ...i, lists: withUniqueBirthDates(i.lists) }));

/** `xs` reordered by the permutation `keys` (one random key per element). */
export function permute<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((e) => e.x);
}
