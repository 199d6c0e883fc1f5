// Paper ballots for tests, the simulation and the demo: the choices of randomVote, plus the
// invalid ballots a paper count has (a digital ballot is never invalid), sorted by a telbureau
// into its table with @ovs/paper-count's tableFromBallots.
import type { SeededRandom } from '@ovs/crypto';
import type { Election } from '@ovs/election';
import { tableFromBallots, type PaperBallot, type TelbureauTable } from '@ovs/paper-count';
import { shapeOfElection } from '../db/totals.ts';
import { randomChoice } from './random-vote.ts';

export function randomPaperBallots(election: Election, count: number, random: SeededRandom, invalidShare = 0.015): PaperBallot[] {
  const layout = { id: election.id, listNumbers: election.lists.map((l) => l.number), candidateCounts: election.lists.map((l) => l.candidates.length) };
  return Array.from({ length: count }, (): PaperBallot => (random.chance(invalidShare) ? { kind: 'invalid' } : randomChoice(layout, random)));
}

/** The table a telbureau draws up from these ballots; the stembureaus handed out `handedOut`. */
export function paperTable(election: Election, ballots: readonly PaperBallot[], handedOut = ballots.length): TelbureauTable {
  return tableFromBallots(shapeOfElection(election), ballots, handedOut);
}
