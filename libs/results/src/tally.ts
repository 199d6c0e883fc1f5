import { err, ok, type Result } from '@ovs/basics';
import type { ListInput } from './seat-input.ts';

/**
 * Counting the choices of one election (LPKD art. 165 and the hoofdbureau's PV).
 *
 * A list's stemcijfer is the number of valid ballots for it, "bovenaan op de lijst of op een of
 * meer kandidaten van die lijst". Every ballot for a list also gives one preference vote to each
 * candidate ticked on it. The PV splits the list's ballots into those with only the top box and
 * those with candidate votes (with or without the top box). A digital ballot is never invalid, so
 * the ballots counted are the blank ones plus the stemcijfers.
 *
 * Tallies are additive: the tally of a municipality is the merge of those of its polling
 * stations, in any order.
 */

/** Structurally the type of `@ovs/ballot`'s vote model; redeclared so this package has no dependencies. */
export type ElectionChoice =
  | { readonly kind: 'blank' }
  | { readonly kind: 'list'; readonly list: number; readonly topBox: boolean; readonly candidates: readonly number[] };

export interface ListShape {
  readonly number: number;
  /** Number of candidates; they hold positions 1 … candidates. */
  readonly candidates: number;
}

/** The lists of the election, from its election package. */
export interface TallyShape {
  readonly lists: readonly ListShape[];
}

export interface ListTally {
  readonly number: number;
  /** Valid ballots for the list: `topBoxOnly + withCandidates`. */
  readonly stemcijfer: number;
  /** Ballots with the top box and no candidate. */
  readonly topBoxOnly: number;
  /** Ballots with one or more candidates of the list, with or without the top box. */
  readonly withCandidates: number;
  /** The part of `withCandidates` that also has the top box. */
  readonly topBoxAndCandidates: number;
  /** Index `position - 1`. */
  readonly preferenceVotes: readonly number[];
}

export interface Tally {
  /** All ballots counted: `blank` plus the stemcijfers. */
  readonly ballots: number;
  readonly blank: number;
  /** In the order of the shape. */
  readonly lists: readonly ListTally[];
}

export type ChoiceProblem = 'unknown-kind' | 'unknown-list' | 'bad-candidate' | 'duplicate-candidate' | 'empty-list-choice';

export interface CountFailure {
  readonly code: ChoiceProblem;
  /** Index of the offending choice. */
  readonly index: number;
}

export type CountResult = Result<Tally, CountFailure>;

export type AddResult = Result<Tally, ChoiceProblem>;

export type MergeResult = Result<Tally, 'shape-mismatch'>;

/** List numbers are 1–99 in the election package (libs/election schema); the count allows up to this. */
export const MAX_LIST_NUMBER = 999;

function checkShape(shape: TallyShape): void {
  const seen = new Set<number>();
  for (const l of shape.lists) {
    if (!Number.isSafeInteger(l.number) || l.number < 1 || l.number > MAX_LIST_NUMBER || seen.has(l.number)) {
      throw new RangeError(`tally shape: list number ${l.number} is not a unique integer from 1 to ${MAX_LIST_NUMBER}`);
    }
    if (!Number.isSafeInteger(l.candidates) || l.candidates < 0) {
      throw new RangeError(`tally shape: list ${l.number} has an invalid candidate count ${l.candidates}`);
    }
    seen.add(l.number);
  }
}

/** The tally of no ballots. A malformed shape is a programmer error and throws. */
export function emptyTally(shape: TallyShape): Tally {
  checkShape(shape);
  return {
    ballots: 0,
    blank: 0,
    lists: shape.lists.map((l) => ({
      number: l.number,
      stemcijfer: 0,
      topBoxOnly: 0,
      withCandidates: 0,
      topBoxAndCandidates: 0,
      preferenceVotes: new Array<number>(l.candidates).fill(0),
    })),
  };
}

export function shapeOf(tally: Tally): TallyShape {
  return { lists: tally.lists.map((l) => ({ number: l.number, candidates: l.preferenceVotes.length })) };
}

/** Why a list choice cannot be counted on a list with `size` candidates, or undefined. */
function listChoiceProblem(choice: { topBox: boolean; candidates: readonly number[] }, size: number): ChoiceProblem | undefined {
  if (choice.candidates.length === 0) return choice.topBox ? undefined : 'empty-list-choice';
  const seen = new Set<number>();
  for (const p of choice.candidates) {
    if (!Number.isInteger(p) || p < 1 || p > size) return 'bad-candidate';
    if (seen.has(p)) return 'duplicate-candidate';
    seen.add(p);
  }
  return undefined;
}

/** Adds one ballot's choice; returns a new tally. The simple path: `countChoices` is the fast one. */
export function addChoice(tally: Tally, choice: ElectionChoice): AddResult {
  switch (choice.kind) {
    case 'blank':
      return ok({ ...tally, ballots: tally.ballots + 1, blank: tally.blank + 1 });
    case 'list': {
      const at = tally.lists.findIndex((l) => l.number === choice.list);
      const target = tally.lists[at];
      if (target === undefined) return err('unknown-list');
      const problem = listChoiceProblem(choice, target.preferenceVotes.length);
      if (problem) return err(problem);
      const hasCandidates = choice.candidates.length > 0;
      const preferenceVotes = [...target.preferenceVotes];
      for (const p of choice.candidates) preferenceVotes[p - 1] = (preferenceVotes[p - 1] ?? 0) + 1;
      const updated: ListTally = {
        number: target.number,
        stemcijfer: target.stemcijfer + 1,
        topBoxOnly: target.topBoxOnly + (hasCandidates ? 0 : 1),
        withCandidates: target.withCandidates + (hasCandidates ? 1 : 0),
        topBoxAndCandidates: target.topBoxAndCandidates + (hasCandidates && choice.topBox ? 1 : 0),
        preferenceVotes,
      };
      return ok({ ...tally, ballots: tally.ballots + 1, lists: tally.lists.map((l, i) => (i === at ? updated : l)) });
    }
    default: {
      const unknown: never = choice;
      void unknown;
      return err('unknown-kind');
    }
  }
}

const sameShape = (a: Tally, b: Tally): boolean =>
  a.lists.length === b.lists.length &&
  a.lists.every((l, i) => {
    const m = b.lists[i];
    return m !== undefined && m.number === l.number && m.preferenceVotes.length === l.preferenceVotes.length;
  });

/** The tally of both sets of ballots. Tallies of different elections do not merge. */
export function mergeTallies(a: Tally, b: Tally): MergeResult {
  if (!sameShape(a, b)) return err('shape-mismatch');
  return ok({
    ballots: a.ballots + b.ballots,
    blank: a.blank + b.blank,
    lists: a.lists.map((l, i) => {
      const m = b.lists[i]!;
      return {
        number: l.number,
        stemcijfer: l.stemcijfer + m.stemcijfer,
        topBoxOnly: l.topBoxOnly + m.topBoxOnly,
        withCandidates: l.withCandidates + m.withCandidates,
        topBoxAndCandidates: l.topBoxAndCandidates + m.topBoxAndCandidates,
        preferenceVotes: l.preferenceVotes.map((v, j) => v + (m.preferenceVotes[j] ?? 0)),
      };
    }),
  });
}

/** The merge of many tallies of one election (e.g. the polling stations of a publication unit). */
export function sumTallies(shape: TallyShape, tallies: readonly Tally[]): MergeResult {
  let total = emptyTally(shape);
  for (const t of tallies) {
    const merged = mergeTallies(total, t);
    if (!merged.ok) return merged;
    total = merged.value;
  }
  return ok(total);
}

/**
 * Counts many choices at once without allocating per ballot: counters live in typed arrays, and a
 * candidate ticked twice on one ballot is caught by stamping each candidate's slot with the
 * ballot's index. All or nothing: the first choice that cannot be counted makes the whole count
 * fail with its index, and no partial tally is returned.
 */
export function countChoices(shape: TallyShape, choices: readonly ElectionChoice[]): CountResult {
  checkShape(shape);
  const lists = shape.lists;
  const listCount = lists.length;

  // List number → index, a dense array: checkShape bounds the numbers.
  const indexOf = new Int32Array(MAX_LIST_NUMBER + 1).fill(-1);
  const offsets = new Int32Array(listCount + 1);
  for (let i = 0; i < listCount; i++) {
    const l = lists[i]!;
    indexOf[l.number] = i;
    offsets[i + 1] = offsets[i]! + l.candidates;
  }
  const slots = offsets[listCount]!;
  // Per list: [top box only, candidates without top box, top box and candidates].
  const counts = new Float64Array(listCount * 3);
  const preferences = new Float64Array(slots);
  const stamp = new Float64Array(slots).fill(-1);
  let blank = 0;

  for (let b = 0; b < choices.length; b++) {
    const choice = choices[b]!;
    switch (choice.kind) {
      case 'blank':
        blank++;
        continue;
      case 'list':
        break;
      default: {
        const unknown: never = choice;
        void unknown;
        return err({ code: 'unknown-kind', index: b });
      }
    }
    const number = choice.list;
    const li = Number.isInteger(number) && number >= 0 && number <= MAX_LIST_NUMBER ? indexOf[number]! : -1;
    if (li < 0) return err({ code: 'unknown-list', index: b });
    const picked = choice.candidates;
    const n = picked.length;
    if (n === 0) {
      if (!choice.topBox) return err({ code: 'empty-list-choice', index: b });
      counts[li * 3] = counts[li * 3]! + 1;
      continue;
    }
    const base = offsets[li]!;
    const size = offsets[li + 1]! - base;
    for (let k = 0; k < n; k++) {
      const p = picked[k]!;
      if (!Number.isInteger(p) || p < 1 || p > size) return err({ code: 'bad-candidate', index: b });
      const slot = base + p - 1;
      if (stamp[slot] === b) return err({ code: 'duplicate-candidate', index: b });
      stamp[slot] = b;
      preferences[slot] = preferences[slot]! + 1;
    }
    const kind = li * 3 + (choice.topBox ? 2 : 1);
    counts[kind] = counts[kind]! + 1;
  }

  return ok(tallyFromCounters(lists, blank, counts, preferences, offsets));
}

/**
 * A tally from flat counters: `kinds` per list (by index) [top box only, candidates only, top box
 * and candidates], `preferences` per candidate, list i's candidates at offsets[i]..offsets[i+1].
 * The fast counting paths (countChoices, the hoofdbureau's stick counter) end here.
 */
export function tallyFromCounters(lists: readonly { number: number }[], blank: number, kinds: ArrayLike<number>, preferences: Float64Array, offsets: ArrayLike<number>): Tally {
  let listed = 0;
  const listTallies: ListTally[] = lists.map((l, i) => {
    const topBoxOnly = kinds[i * 3]!;
    const topBoxAndCandidates = kinds[i * 3 + 2]!;
    const withCandidates = kinds[i * 3 + 1]! + topBoxAndCandidates;
    listed += topBoxOnly + withCandidates;
    return {
      number: l.number,
      stemcijfer: topBoxOnly + withCandidates,
      topBoxOnly,
      withCandidates,
      topBoxAndCandidates,
      preferenceVotes: Array.from(preferences.subarray(offsets[i]!, offsets[i + 1]!)),
    };
  });
  return { ballots: blank + listed, blank, lists: listTallies };
}

/** The seat-allocation input a tally gives: stemcijfers and preference votes per position. */
export function seatListsFromTally(tally: Tally): ListInput[] {
  return tally.lists.map((l) => ({
    number: l.number,
    votes: l.stemcijfer,
    candidates: l.preferenceVotes.map((preferenceVotes, i) => ({ position: i + 1, preferenceVotes })),
  }));
}
