// The outcome of a closed round under the Decreet over het Lokaal Bestuur.
// - A proposal (art. 33 DLB): adopted with the absolute majority of the votes cast; abstentions,
//   blank and invalid votes are not counted, so only ja and nee make the base; a tie rejects.
//   Two-thirds: at least 2/3 of the same base.
// - An appointment (art. 35 DLB): a candidate needs the absolute majority of the valid ballots
//   (blank ones not counted). Seats left open go to a second round (herstemming) between the two
//   best-placed candidates per open seat; in the second round the most votes win and a tie goes
//   to the older candidate.
import { ARTICLE } from './articles.ts';
import type { Ballot, Candidate } from './ballot.ts';
import type { CandidateTally, StandardTally, Tally } from './tally.ts';
import type { RoundKind } from './vote.ts';

export interface StandardDecision {
  kind: 'standaard';
  adopted: boolean;
  reason: 'meerderheid' | 'geen-meerderheid' | 'staking' | 'geen-stemmen';
  /** ja + nee: the votes the majority is counted on. */
  cast: number;
  /** The least number of ja votes that adopts. */
  needed: number;
}

export interface CandidateDecision {
  kind: 'kandidaten';
  /** Elected candidate ids, best first. */
  elected: string[];
  /** Of those, the ones elected over an equal other by age (the tie rule). */
  byAge: string[];
  /** The absolute majority of this round (first round); in a second round the most votes win (0). */
  needed: number;
  /** Seats still open and the second round that fills them; null when none follows. */
  next: { candidates: string[]; seats: number } | null;
}

export type Decision = StandardDecision | CandidateDecision;

/** The least whole number strictly above half. */
export const absoluteMajority = (base: number): number => Math.floor(base / 2) + 1;
/** The least whole number at or above two thirds. */
export const twoThirds = (base: number): number => Math.ceil((2 * base) / 3);

export function decideStandard(ballot: Ballot, t: StandardTally): StandardDecision {
  const cast = t.ja + t.nee;
  if (cast === 0) return { kind: 'standaard', adopted: false, reason: 'geen-stemmen', cast, needed: 1 };
  const needed = ballot.majority === 'tweederde' ? Math.max(1, twoThirds(cast)) : absoluteMajority(cast);
  if (t.ja >= needed) return { kind: 'standaard', adopted: true, reason: 'meerderheid', cast, needed };
  const reason = ballot.majority === 'gewoon' && t.ja === t.nee ? 'staking' : 'geen-meerderheid';
  return { kind: 'standaard', adopted: false, reason, cast, needed };
}

/** Older first; candidates born the same day keep the order of the ballot (the decree is silent there). */
function byAgeThenBallot(candidates: readonly Candidate[]): (a: string, b: string) => number {
  const index = new Map(candidates.map((c, i) => [c.id, i]));
  const born = new Map(candidates.map((c) => [c.id, c.birthDate]));
  return (a, b) => {
    const da = born.get(a) ?? '';
    const db = born.get(b) ?? '';
    if (da !== db) return da < db ? -1 : 1;
    return (index.get(a) ?? 0) - (index.get(b) ?? 0);
  };
}

/** Candidates by votes, then older first. */
function rank(t: CandidateTally, ids: readonly string[], candidates: readonly Candidate[]): string[] {
  const age = byAgeThenBallot(candidates);
  return [...ids].sort((a, b) => (t.votes[b] ?? 0) - (t.votes[a] ?? 0) || age(a, b));
}

/** The ids in `chosen` that beat an equally voted candidate left out only by age. */
function electedByAge(t: CandidateTally, chosen: readonly string[], left: readonly string[]): string[] {
  const leftVotes = new Set(left.map((id) => t.votes[id] ?? 0));
  return chosen.filter((id) => leftVotes.has(t.votes[id] ?? 0));
}

export function decideCandidates(ballot: Ballot, t: CandidateTally, round: RoundKind): CandidateDecision {
  if (ballot.choices.kind !== 'kandidaten') throw new Error('decideCandidates: not a candidate ballot');
  const candidates = ballot.choices.candidates;
  if (round.kind === 'herstemming') {
    const ranked = rank(t, round.candidates, candidates);
    const elected = ranked.slice(0, round.seats);
    return { kind: 'kandidaten', elected, byAge: electedByAge(t, elected, ranked.slice(round.seats)), needed: 0, next: null };
  }
  const seats = ballot.choices.maxChoices;
  const needed = absoluteMajority(t.valid);
  const ranked = rank(
    t,
    candidates.map((c) => c.id),
    candidates,
  );
  const withMajority = ranked.filter((id) => (t.votes[id] ?? 0) >= needed);
  const elected = withMajority.slice(0, seats);
  const rest = ranked.filter((id) => !elected.includes(id));
  const byAge = electedByAge(t, elected, rest);
  const open = seats - elected.length;
  // The two best-placed per open seat go to the second round; a single candidate left has no one to stand against.
  const runoff = rest.slice(0, 2 * open);
  const next = open > 0 && runoff.length > open ? { candidates: runoff, seats: open } : null;
  return { kind: 'kandidaten', elected, byAge, needed, next };
}

export function decide(ballot: Ballot, t: Tally, round: RoundKind): Decision {
  switch (t.kind) {
    case 'standaard':
      return decideStandard(ballot, t);
    case 'kandidaten':
      return decideCandidates(ballot, t, round);
    default:
      return t satisfies never;
  }
}

/** The base of the majority in words, as the ballot and the result show it. */
export function majorityBase(ballot: Ballot, round: RoundKind = { kind: 'eerste' }): string {
  const weighted = ballot.counting === 'gewogen' ? ' (gewogen stemmen)' : '';
  if (ballot.choices.kind === 'kandidaten') {
    if (round.kind === 'herstemming') {
      return `herstemming: de meeste stemmen; bij staking van stemmen is de oudste kandidaat verkozen${weighted} (${ARTICLE.appointment})`;
    }
    return `volstrekte meerderheid van de geldig uitgebrachte stemmen, blanco stemmen niet meegeteld${weighted} (${ARTICLE.appointment})`;
  }
  const share = ballot.majority === 'tweederde' ? '2/3 van de uitgebrachte stemmen' : 'volstrekte meerderheid van de uitgebrachte stemmen';
  const tie = ballot.majority === 'gewoon' ? '; bij staking van stemmen is het voorstel verworpen' : '';
  return `${share}, onthoudingen en blanco stemmen niet meegeteld${tie}${weighted} (${ARTICLE.majority})`;
}
