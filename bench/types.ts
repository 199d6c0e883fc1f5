/**
 * A benchmark area (one per `bench/*.bench.ts` file). `npm run bench` runs every area,
 * merges `results` under `key` into bench/results.json and prints `table`.
 */
export interface BenchArea {
  key: string;
  results: Record<string, unknown>;
  table: Array<[label: string, value: string]>;
}

export type BenchFn = (options: { quick: boolean }) => Promise<BenchArea>;
