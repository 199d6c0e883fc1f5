import type { ManualTimers } from '../../src/testing/manual-timers.ts';

/**
 * Moves the hand-driven clock in steps until `op` settles: real file or process I/O may
 * take a few event-loop turns, so the clock must not race ahead of it.
 */
export async function until<T>(timers: ManualTimers, op: Promise<T>, stepMs = 100, maxMs = 120_000): Promise<T> {
  let done = false;
  void op.then(
    () => (done = true),
    () => (done = true),
  );
  for (let waited = 0; !done && waited < maxMs; waited += stepMs) {
    await new Promise((resolve) => setTimeout(resolve, 1)); // let the thread pool finish
    await timers.run(stepMs);
  }
  return op;
}

/** Moves the clock in steps until `condition` holds (or gives up, leaving the test to fail). */
export async function untilTrue(timers: ManualTimers, condition: () => boolean, stepMs = 20, maxSteps = 500): Promise<void> {
  for (let i = 0; i < maxSteps && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await timers.run(stepMs);
  }
}
