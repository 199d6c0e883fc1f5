// Fixtures for tests, the bench and the simulation: sticks written by the real stick writer.
export * from './memory-stick-io.ts';
export * from './random-vote.ts';
export * from './station-day.ts';
export * from './bench-election.ts';
export * from './bench-sticks.ts';
export { cryptoLimit } from './crypto-limit.ts';

/** The measured half of bench/import.bench.ts, run as its own process: `node --import tsx <it> <sticks JSON> <crypto ms>`. */
export const BENCH_IMPORT_RUNNER = new URL('./bench-import-run.ts', import.meta.url);
export * from './paper-ballots.ts';
export { staffClient, loginClient, tableContents, TEST_KDF, type StaffClient } from './staff-client.ts';
