/**
 * The vote model (decree art. 16 §3): per election the voter votes blank, or for exactly
 * one list — its top box, one or more of its candidates, or both. Candidates of two lists
 * on one ballot cannot be expressed. A digital ballot is never invalid.
 */

/** The choice for one election. Candidate positions are the 1-based list positions. */
export type ElectionChoice =
  | { kind: 'blank' }
  | { kind: 'list'; list: number; topBox: boolean; candidates: readonly number[] };

/** A vote for one election, identified by the election's id in the package. */
export interface ElectionVote {
  election: string;
  choice: ElectionChoice;
}

/** What the voter confirmed: one entry per election the card allowed, in legal order. */
export interface Vote {
  elections: readonly ElectionVote[];
}
