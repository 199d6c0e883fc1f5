// Measures the fast tally: `npx tsx libs/results/bin/bench-tally.ts [ballots]` prints JSON figures.
// Not a test (tests never assert on time); the figures go in the report and, later, in bench/.
import { countChoices, type ElectionChoice, type TallyShape } from '../src/index.ts';

const ballots = Number(process.argv[2] ?? 1_000_000);

// A large gemeenteraad: 9 lists of 55 candidates (Antwerp-sized council).
const shape: TallyShape = { lists: Array.from({ length: 9 }, (_, i) => ({ number: i + 1, candidates: 55 })) };

// Deterministic pseudo-random ballots (xorshift32), so every run counts the same choices.
let state = 0x9e3779b9;
const next = (n: number): number => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
};

const choices: ElectionChoice[] = [];
for (let b = 0; b < ballots; b++) {
  const roll = next(100);
  if (roll < 5) {
    choices.push({ kind: 'blank' });
    continue;
  }
  const list = next(9) + 1;
  if (roll < 40) {
    choices.push({ kind: 'list', list, topBox: true, candidates: [] });
    continue;
  }
  const picked = new Set<number>();
  const count = 1 + next(5);
  while (picked.size < count) picked.add(next(55) + 1);
  choices.push({ kind: 'list', list, topBox: roll < 55, candidates: [...picked] });
}

const runs: number[] = [];
let counted = 0;
for (let run = 0; run < 6; run++) {
  const start = performance.now();
  const r = countChoices(shape, choices);
  const ms = performance.now() - start;
  if (!r.ok) throw new Error(`count failed: ${r.error.code} at ${r.error.index}`);
  counted = r.value.ballots;
  if (run > 0) runs.push(ms); // the first run warms up the JIT
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
console.log(
  JSON.stringify(
    {
      ballots: counted,
      lists: shape.lists.length,
      candidatesPerList: 55,
      medianMs: Math.round(median * 10) / 10,
      minMs: Math.round(runs[0]! * 10) / 10,
      ballotsPerSecond: Math.round((counted / median) * 1000),
      node: process.version,
    },
    null,
    2,
  ),
);
