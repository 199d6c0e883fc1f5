// A clock that only moves when a test says so. `run()` fires due timers one at a time and
// lets pending I/O (serialport's MockBinding works on process.nextTick) settle between
// them, so a retry, a heartbeat or a timeout happens exactly where the test puts it.

import type { TimerHandle, Timers } from '../timers.ts';

interface Entry {
  readonly id: number;
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

export class ManualTimers implements Timers {
  private time = 0;
  private nextId = 1;
  private nextSeq = 0;
  private entries: Entry[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.entries.push({ id, at: this.time + Math.max(0, ms), seq: this.nextSeq++, callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.entries = this.entries.filter((e) => e.id !== handle.id);
  }

  get pendingTimers(): number {
    return this.entries.length;
  }

  /** Moves the clock forward by `ms`, firing every timer that falls due, in order. */
  async run(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      const due = this.entries.filter((e) => e.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.entries = this.entries.filter((e) => e !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = target;
    await settle();
  }
}

/** Lets queued I/O callbacks, promise jobs and nextTicks run to quiescence. */
export async function settle(rounds = 12): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
