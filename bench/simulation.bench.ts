// A whole election day (issue 7): 900 voters on 5 voting computers through the real code
// paths; wall time and the share of each stage.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runElectionDay } from '../scripts/simulation/day.ts';
import { round } from './stats.ts';
import type { BenchFn } from './types.ts';

export const bench: BenchFn = async ({ quick }) => {
  const voters = quick ? 150 : 900;
  const dir = await mkdtemp(join(tmpdir(), 'ovs-bench-sim-'));
  try {
    const summary = await runElectionDay({ voters, machines: 5, seed: 'bench', out: join(dir, 'day') });
    if (!summary.match) throw new Error(`simulation mismatch: ${summary.differences.join('; ')}`);
    const total = Object.values(summary.stagesMs).reduce((a, b) => a + b, 0);
    const shares = Object.fromEntries(Object.entries(summary.stagesMs).map(([k, v]) => [k, round(v / total, 3)]));
    return {
      key: 'simulation',
      results: { voters, machines: 5, wallSeconds: round(summary.wallMs / 1000, 1), msPerVoter: round(summary.wallMs / voters, 1), stagesMs: summary.stagesMs, stageShares: shares, match: summary.match },
      table: [
        [`${voters} voters, 5 machines`, `${round(summary.wallMs / 1000, 1)} s (${round(summary.wallMs / voters, 1)} ms per voter)`],
        ...Object.entries(shares).map(([k, v]): [string, string] => [`  ${k}`, `${round(v * 100, 1)} %`]),
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
