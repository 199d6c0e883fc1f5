// Counting a closed round: each vote with its weight (1 for a head count). A sum, so the result
// cannot depend on the order the votes came in (the property tests check it).
import type { Ballot } from './ballot.ts';
import type { Vote } from './vote.ts';

export interface StandardTally {
  kind: 'standaard';
  ja: number;
  nee: number;
  onthouding: number;
  blanco: number;
  /** Number of ballots (voters), unweighted. */
  ballots: number;
}

export interface CandidateTally {
  kind: 'kandidaten';
  /** Votes per candidate id, every candidate of the round present (0 when none). */
  votes: Record<string, number>;
  /** Weight of the ballots that chose nobody. */
  blanco: number;
  /** Weight of the ballots that chose at least one candidate: the base of the absolute majority. */
  valid: number;
  ballots: number;
}

export type Tally = StandardTally | CandidateTally;

export interface WeightedVote {
  vote: Vote;
  weight: number;
}

export function tally(ballot: Ballot, candidateIds: readonly string[], votes: readonly WeightedVote[]): Tally {
  if (ballot.choices.kind === 'standaard') {
    const t: StandardTally = { kind: 'standaard', ja: 0, nee: 0, onthouding: 0, blanco: 0, ballots: 0 };
    for (const { vote, weight } of votes) {
      if (vote.kind !== 'standaard') continue;
      t[vote.choice] += weight;
      t.ballots += 1;
    }
    return t;
  }
  const t: CandidateTally = { kind: 'kandidaten', votes: Object.fromEntries(candidateIds.map((id) => [id, 0])), blanco: 0, valid: 0, ballots: 0 };
  for (const { vote, weight } of votes) {
    if (vote.kind !== 'kandidaten') continue;
    t.ballots += 1;
    if (vote.candidates.length === 0) t.blanco += weight;
    else t.valid += weight;
    for (const c of vote.candidates) if (c in t.votes) t.votes[c] = (t.votes[c] ?? 0) + weight;
  }
  return t;
}
