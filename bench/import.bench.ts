// Hoofdbureau import: about a million ballots over about 1,100 sticks (11 municipalities × 100
// polling stations, ~909 ballots each) checked, imported, tallied and seated, against the crypto
// limit of the same machine measured in the same run (one ChaCha20-Poly1305 open + one Ed25519
// verification per ballot, on every core). The sticks are written once by the real stick writer
// and cached under the temporary folder (generation is not timed); the measured part runs in a
// child process so that its peak RSS is the import's own. The crypto limit is measured before and
// after the import and averaged (the machine may be shared); the CPU time per ballot, which other
// load does not inflate, is reported next to the raw loop's.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { BENCH_IMPORT_RUNNER, benchSticks, type BenchPlan } from '@ovs/hoofdbureau/testing';
import { round } from './stats.ts';
import type { BenchFn } from './types.ts';

const run = promisify(execFile);

interface RunResult {
  seconds: number;
  imported: number;
  refused: number;
  cryptoPerCore: number;
  cryptoAll: number;
  cryptoBefore: number;
  cryptoAfter: number;
  rawCpuMicros: number;
  importCpuMicros: number;
  peakRssMB: number;
  dbBytes: number;
}

export const bench: BenchFn = async ({ quick }) => {
  const plan: BenchPlan = quick ? { municipalities: 2, stationsPerMunicipality: 50, ballots: 90_000 } : { municipalities: 11, stationsPerMunicipality: 100, ballots: 1_000_000 };
  const sticks = await benchSticks(plan, availableParallelism(), (line) => process.stderr.write(`${line}\n`));
  const runner = fileURLToPath(BENCH_IMPORT_RUNNER);
  const load = loadavg()[0] ?? 0;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', runner, JSON.stringify(sticks), quick ? '1500' : '3000'], { maxBuffer: 1 << 24 });
  const r = JSON.parse(stdout.trim().split('\n').pop()!) as RunResult;
  if (r.refused > 0 || r.imported !== plan.ballots) throw new Error(`import bench: ${r.refused} sticks refused, ${r.imported} of ${plan.ballots} ballots imported`);
  const ballotsPerSecond = r.imported / r.seconds;
  const oneMillionSeconds = (r.seconds * 1_000_000) / r.imported;
  return {
    key: 'import',
    results: {
      ballots: r.imported,
      sticks: plan.municipalities * plan.stationsPerMunicipality,
      municipalities: plan.municipalities,
      seconds: round(r.seconds, 2),
      ballotsPerSecond: Math.round(ballotsPerSecond),
      cryptoLimitBallotsPerSecond: Math.round(r.cryptoAll),
      cryptoLimitPerCoreBallotsPerSecond: Math.round(r.cryptoPerCore),
      cryptoLimitBeforeAfter: [Math.round(r.cryptoBefore), Math.round(r.cryptoAfter)],
      cpuMicrosPerBallot: round(r.importCpuMicros, 1),
      rawCryptoCpuMicrosPerBallot: round(r.rawCpuMicros, 1),
      shareOfCryptoLimit: round(ballotsPerSecond / r.cryptoAll, 3),
      cpuShareOfCryptoLimit: round(r.rawCpuMicros / r.importCpuMicros, 3),
      oneMillionSeconds: round(oneMillionSeconds, 1),
      oneMillionMeasured: r.imported === 1_000_000,
      peakRssMB: Math.round(r.peakRssMB),
      databaseMB: Math.round(r.dbBytes / 1e6),
      cores: availableParallelism(),
      loadAverageBefore: round(load, 2),
      sticksGeneratedSeconds: sticks.generatedSeconds === null ? 'cached' : round(sticks.generatedSeconds, 1),
    },
    table: [
      ['ballots / sticks', `${r.imported} / ${plan.municipalities * plan.stationsPerMunicipality}`],
      ['check+import+tally+seats', `${round(r.seconds, 1)} s (${Math.round(ballotsPerSecond)} ballots/s)`],
      ['crypto limit (all cores)', `${Math.round(r.cryptoAll)} ballots/s (${Math.round(r.cryptoPerCore)} on one core)`],
      ['share of crypto limit', `${round((100 * ballotsPerSecond) / r.cryptoAll, 1)} %`],
      ['CPU per ballot', `${round(r.importCpuMicros, 1)} µs (raw crypto ${round(r.rawCpuMicros, 1)} µs: ${round((100 * r.rawCpuMicros) / r.importCpuMicros, 1)} %)`],
      ['1 M ballots', `${round(oneMillionSeconds, 1)} s${r.imported === 1_000_000 ? '' : ' (scaled)'}`],
      ['peak RSS', `${Math.round(r.peakRssMB)} MB`],
    ],
  };
};
