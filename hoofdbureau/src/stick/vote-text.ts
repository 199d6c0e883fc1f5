// How one election's choice is kept in the database (the `vote` column of a vote row, see
// db/vote-rows.ts): compact JSON that SQLite's json functions and an auditor can read:
//   [3, 1, [1, 4, 9]]   list 3, top box ticked, candidates 1, 4 and 9
//   [0]                 blank
// The election is the row's own column; the ballot's other elections are in rows of their own.
// The signed ballot stays on the sticks (and on paper): the recount compares the rows with it.
import type { ElectionChoice } from '@ovs/ballot';

export type ChoiceEntry = [list: 0] | [list: number, topBox: 0 | 1, candidates: number[]];

export function choiceText(choice: ElectionChoice): string {
  switch (choice.kind) {
    case 'blank':
      return '[0]';
    case 'list':
      return JSON.stringify([choice.list, choice.topBox ? 1 : 0, [...choice.candidates]] satisfies ChoiceEntry);
    default: {
      const never: never = choice;
      throw new Error(`choiceText: ${String(never)}`);
    }
  }
}

/** The inverse of choiceText; undefined for anything it did not write. */
export function parseChoiceText(text: string): ElectionChoice | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(json)) return undefined;
  if (json.length === 1 && json[0] === 0) return { kind: 'blank' };
  const [list, topBox, candidates] = json as [unknown, unknown, unknown];
  if (json.length !== 3 || typeof list !== 'number' || !Number.isInteger(list) || list < 1) return undefined;
  if ((topBox !== 0 && topBox !== 1) || !Array.isArray(candidates) || !candidates.every((p) => Number.isInteger(p))) return undefined;
  return { kind: 'list', list, topBox: topBox === 1, candidates: candidates as number[] };
}
