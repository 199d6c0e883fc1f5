import { countChoices, type ElectionChoice, type TallyShape } from '@ovs/results';
import type { TelbureauTable } from './table.ts';

/** A paper ballot as the telbureau sorts it: blank, invalid, or a valid choice within one list. */
export type PaperBallot = ElectionChoice | { readonly kind: 'invalid' };

/**
 * The table a telbureau draws up from its ballots (the simulation and the tests make their
 * telbureaus' tables with it). `handedOut` is what the stembureaus' PVs say they handed out.
 * Throws on a ballot that cannot be counted: a caller's bug, not an input.
 */
export function tableFromBallots(shape: TallyShape, ballots: readonly PaperBallot[], handedOut: number): TelbureauTable {
  const countable = ballots.filter((b): b is ElectionChoice => b.kind !== 'invalid');
  const counted = countChoices(shape, countable);
  if (!counted.ok) throw new Error(`tableFromBallots: ballot ${counted.error.index} cannot be counted (${counted.error.code})`);
  const t = counted.value;
  const valid = t.lists.reduce((s, l) => s + l.stemcijfer, 0);
  return {
    handedOut,
    ballots: ballots.length,
    valid,
    blank: t.blank,
    invalid: ballots.length - countable.length,
    lists: t.lists.map((l) => ({ number: l.number, stemcijfer: l.stemcijfer, listOnly: l.topBoxOnly, preferenceVotes: [...l.preferenceVotes] })),
  };
}
