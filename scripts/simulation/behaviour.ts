// What the simulated voters do: deterministic from the seed, covering every path of the day
// that the issue names (blank, list vote, preference votes, top box + candidates, change of
// list, restart of an election, annulment with a new card, proxies, EU and non-EU voters,
// re-scan of the last ballot, a duplicate scan, an unreadable ballot).
import type { SeededRandom } from '@ovs/crypto';
import type { Election } from '@ovs/election';
import type { Detour, ElectionIntent } from '@ovs/firmware-app';

export interface VoterPlan {
  category: string;
  proxy: boolean;
  /** The voter asks for a new ballot before scanning (decree art. 17 §2 4°). */
  annulBeforeScan: boolean;
  /** The barcode is torn: the box cannot read it (art. 17 §2 5°). */
  unreadable: boolean;
  /** The voter is too slow: the flap closes, the voter scans the same ballot again. */
  rescanAfterTimeout: boolean;
  /** Someone scans an earlier, already deposited ballot again after this voter. */
  duplicateOfEarlier: boolean;
}

/** Category shares of a Flemish municipality: mostly Belgians, some EU and non-EU residents. */
export function planVoter(random: SeededRandom): VoterPlan {
  const r = random.float();
  return {
    category: r < 0.86 ? 'belg' : r < 0.95 ? 'eu' : 'niet-eu',
    proxy: random.chance(0.04),
    annulBeforeScan: random.chance(0.015),
    unreadable: random.chance(0.015),
    rescanAfterTimeout: random.chance(0.03),
    duplicateOfEarlier: random.chance(0.01),
  };
}

/** Larger lists get more votes, so the seat allocation has something to decide. */
function pickList(random: SeededRandom, election: Election): Election['lists'][number] {
  const weights = election.lists.map((l, i) => l.candidates.length * (election.lists.length - i + 2));
  let x = random.float() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    x -= w;
    if (x < 0) return election.lists[i] as Election['lists'][number];
  }
  return election.lists[election.lists.length - 1] as Election['lists'][number];
}

export function planElection(random: SeededRandom, election: Election): ElectionIntent {
  const detours: Detour[] = [];
  if (random.chance(0.05)) detours.push('other-list-first');
  if (random.chance(0.04)) detours.push('restart');
  if (random.chance(0.03)) detours.push('hesitate');
  const r = random.float();
  if (r < 0.05) return { choice: { kind: 'blank' }, detours: detours.filter((d) => d === 'restart') };
  const list = pickList(random, election);
  const n = list.candidates.length;
  // Preference votes lean towards the top of the list, as they do in real elections.
  const candidates = () => {
    const count = 1 + random.int(Math.min(4, n));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(1 + Math.min(n - 1, Math.floor(n * random.float() ** 2)));
    return [...chosen].sort((a, b) => a - b);
  };
  if (r < 0.45) return { choice: { kind: 'list', list: list.number, topBox: true, candidates: [] }, detours };
  if (r < 0.8) return { choice: { kind: 'list', list: list.number, topBox: false, candidates: candidates() }, detours };
  return { choice: { kind: 'list', list: list.number, topBox: true, candidates: candidates() }, detours };
}
