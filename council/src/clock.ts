// Time as the server sees it: the clock of the time limits. Injected, so a test runs a timed
// round to its end without waiting (ManualClock) and the server uses the system clock.
export interface Clock {
  now(): Date;
  /** Calls `fn` at `at` (or at once when `at` has passed); returns the cancel. */
  at(at: Date, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  at(at, fn) {
    const timer = setTimeout(fn, Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** A clock that moves only when told to; due timers fire in time order. */
export class ManualClock implements Clock {
  private t: number;
  private timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  constructor(start: Date) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  at(at: Date, fn: () => void): () => void {
    const timer = { at: at.getTime(), fn, cancelled: false };
    this.timers.push(timer);
    return () => void (timer.cancelled = true);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => !x.cancelled && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}
