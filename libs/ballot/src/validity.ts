// Validity of a vote against the package (decree art. 16 §3), used by the voting flow before
// anything is encoded, and equality of votes, used to check what gets printed.
import { electionsForStation, findList, type ElectionPackage } from '@ovs/election';
import type { ElectionChoice, Vote } from './vote.ts';

export type VoteProblem =
  | { kind: 'unknown-election'; election: string }
  | { kind: 'election-order'; election: string }
  | { kind: 'unknown-list'; election: string; list: number }
  | { kind: 'unknown-candidate'; election: string; position: number }
  | { kind: 'duplicate-candidate'; election: string; position: number }
  | { kind: 'empty-list-vote'; election: string };

export function checkVote(pkg: ElectionPackage, station: number, vote: Vote): VoteProblem | undefined {
  const elections = electionsForStation(pkg, station);
  let last = -1;
  for (const ev of vote.elections) {
    const index = elections.findIndex((e) => e.id === ev.election);
    const election = elections[index];
    if (!election) return { kind: 'unknown-election', election: ev.election };
    if (index <= last) return { kind: 'election-order', election: ev.election };
    last = index;
    const choice = ev.choice;
    if (choice.kind === 'blank') continue;
    const list = findList(election, choice.list);
    if (!list) return { kind: 'unknown-list', election: ev.election, list: choice.list };
    const seen = new Set<number>();
    for (const p of choice.candidates) {
      if (seen.has(p)) return { kind: 'duplicate-candidate', election: ev.election, position: p };
      seen.add(p);
      if (!list.candidates.some((c) => c.position === p)) return { kind: 'unknown-candidate', election: ev.election, position: p };
    }
    if (!choice.topBox && choice.candidates.length === 0) return { kind: 'empty-list-vote', election: ev.election };
  }
  return undefined;
}

function sameChoice(a: ElectionChoice, b: ElectionChoice): boolean {
  if (a.kind === 'blank' || b.kind === 'blank') return a.kind === b.kind;
  if (a.list !== b.list || a.topBox !== b.topBox || a.candidates.length !== b.candidates.length) return false;
  const sa = [...a.candidates].sort((x, y) => x - y);
  const sb = [...b.candidates].sort((x, y) => x - y);
  return sa.every((p, i) => p === sb[i]);
}

/** Same elections in the same order with the same choices (candidate order does not matter). */
export function sameVote(a: Vote, b: Vote): boolean {
  return a.elections.length === b.elections.length && a.elections.every((ev, i) => ev.election === b.elections[i]?.election && sameChoice(ev.choice, b.elections[i].choice));
}
