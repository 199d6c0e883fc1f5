// Plausible votes for test and bench sticks: blank, list vote, preference votes, top box and
// candidates, in proportions close to a Flemish municipal election.
import type { SeededRandom } from '@ovs/crypto';
import type { ElectionLayout } from '@ovs/ballot';
import type { ElectionChoice, Vote } from '@ovs/ballot';

export function randomChoice(layout: ElectionLayout, random: SeededRandom): ElectionChoice {
  if (random.chance(0.04)) return { kind: 'blank' };
  // Larger lists (lower index) draw more votes: weight 1/(index+1).
  const weights = layout.listNumbers.map((_, i) => 1 / (i + 1));
  let x = random.float() * weights.reduce((a, b) => a + b, 0);
  let index = 0;
  while (index < weights.length - 1 && x >= weights[index]!) x -= weights[index++]!;
  const count = layout.candidateCounts[index]!;
  const candidates: number[] = [];
  if (!random.chance(0.45)) {
    // Head of the list more often than the tail, at most a handful of names.
    const wanted = 1 + random.int(Math.min(count, 5));
    for (let k = 0; k < wanted; k++) {
      const p = 1 + Math.min(count - 1, Math.floor(random.float() * random.float() * count));
      if (!candidates.includes(p)) candidates.push(p);
    }
    candidates.sort((a, b) => a - b);
  }
  return { kind: 'list', list: layout.listNumbers[index]!, topBox: candidates.length === 0 || random.chance(0.3), candidates };
}

/** A vote for the station's elections; `onlyFirst` for EU and non-EU voters (municipal ballot only). */
export function randomVote(layouts: readonly ElectionLayout[], random: SeededRandom, onlyFirst = false): Vote {
  const chosen = onlyFirst ? layouts.slice(0, 1) : layouts;
  return { elections: chosen.map((l) => ({ election: l.id, choice: randomChoice(l, random) })) };
}
