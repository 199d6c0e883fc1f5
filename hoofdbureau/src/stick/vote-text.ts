// How a decrypted vote is kept in the database: compact JSON that SQLite's json functions and
// an auditor can read, one array per election of the ballot in legal order:
//   ["G", 3, 1, [1, 4, 9]]   election G, list 3, top box ticked, candidates 1, 4 and 9
//   ["P", 0]                 election P, blank
// The signed ballot next to it stays the authoritative form (it is verified again on recount).
import type { ElectionChoice, Vote } from '@ovs/ballot';

export type VoteEntry = [election: string, list: 0] | [election: string, list: number, topBox: 0 | 1, candidates: number[]];

export function voteText(vote: Vote): string {
  const entries: VoteEntry[] = vote.elections.map((e) => {
    const c = e.choice;
    switch (c.kind) {
      case 'blank':
        return [e.election, 0];
      case 'list':
        return [e.election, c.list, c.topBox ? 1 : 0, [...c.candidates]];
      default: {
        const never: never = c;
        throw new Error(`voteText: ${String(never)}`);
      }
    }
  });
  return JSON.stringify(entries);
}

/** Vote texts packed as a stick's content carries them (StickContent.voteText and voteOffsets). */
export function packVoteTexts(texts: readonly string[]): { voteText: Uint8Array; voteOffsets: Uint32Array } {
  const encoder = new TextEncoder();
  const parts = texts.map((t) => encoder.encode(t));
  const voteOffsets = new Uint32Array(parts.length + 1);
  parts.forEach((p, i) => (voteOffsets[i + 1] = voteOffsets[i]! + p.length));
  const voteText = new Uint8Array(voteOffsets[parts.length]!);
  parts.forEach((p, i) => voteText.set(p, voteOffsets[i]));
  return { voteText, voteOffsets };
}

/** The inverse of voteText; undefined for anything it did not write. */
export function parseVoteText(text: string): Vote | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(json)) return undefined;
  const elections: Array<{ election: string; choice: ElectionChoice }> = [];
  for (const entry of json as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') return undefined;
    if (entry[1] === 0 && entry.length === 2) {
      elections.push({ election: entry[0], choice: { kind: 'blank' } });
      continue;
    }
    const [election, list, topBox, candidates] = entry as [string, number, unknown, unknown];
    if (entry.length !== 4 || (topBox !== 0 && topBox !== 1) || !Array.isArray(candidates) || !candidates.every((p) => Number.isInteger(p))) return undefined;
    elections.push({ election, choice: { kind: 'list', list, topBox: topBox === 1, candidates: candidates as number[] } });
  }
  return { elections };
}
