// Random valid ballots for tests and benches (`@ovs/ballot/testing`; never used by an app):
// per election blank or one list, each of its candidates ticked with probability
// `preferenceRate`, the top box when none is ticked (and half the time besides).
import type { SeededRandom } from '@ovs/crypto';
import type { BallotContext } from './context.ts';
import type { Ballot } from './codec.ts';
import type { ElectionChoice } from './vote.ts';

export interface RandomBallotOptions {
  preferenceRate?: number;
  test?: boolean;
  /** Only the first election (a voter of category eu or niet-eu). */
  onlyFirst?: boolean;
}

export function randomBallot(context: BallotContext, station: number, random: SeededRandom, options: RandomBallotOptions = {}): Ballot {
  const rate = options.preferenceRate ?? 0.15;
  const layouts = context.stations.get(station) ?? [];
  const elections = (options.onlyFirst ? layouts.slice(0, 1) : layouts).map((l) => {
    const i = random.int(l.listNumbers.length + 1);
    let choice: ElectionChoice;
    if (i === 0) choice = { kind: 'blank' };
    else {
      const count = l.candidateCounts[i - 1] as number;
      const candidates = [...Array(count).keys()].map((x) => x + 1).filter(() => random.chance(rate));
      choice = { kind: 'list', list: l.listNumbers[i - 1] as number, topBox: candidates.length === 0 || random.chance(0.5), candidates };
    }
    return { election: l.id, choice };
  });
  return { test: options.test ?? false, pollingStation: station, ballotId: random.bytes(16), vote: { elections } };
}
