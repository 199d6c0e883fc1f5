// Drivers take their clock from outside so that tests can step time by hand: protocol
// timeouts, retries and heartbeats are then tested without a single timed assertion.

export type TimerHandle = { readonly id: number };

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export function realTimers(): Timers {
  const live = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = next++;
      const t = setTimeout(() => {
        live.delete(id);
        callback();
      }, ms);
      // A device timer must never keep a finished process alive.
      t.unref();
      live.set(id, t);
      return { id };
    },
    clearTimeout(handle) {
      const t = live.get(handle.id);
      if (t !== undefined) {
        clearTimeout(t);
        live.delete(handle.id);
      }
    },
  };
}

/** Resolves after `ms` on the given clock. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}
