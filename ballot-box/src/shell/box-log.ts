// The box's own log: what happened and why, for the technician and the PV — refusal reasons,
// flap and controller events, link states. Its entries are built only from LogEntry, which has
// no field that could hold a ballot id or a vote; a test scans the log for both anyway.
// Kept in memory (the assessor's screen shows the tail); optionally appended to a file.
// An entry about one voter's ballot is dated to the hour only, like the voter events on the sticks:
// a file that outlives the day must not date each voter's deposit to the millisecond.
import { appendFileSync } from 'node:fs';
import { VOTER_EVENT_GRANULARITY_MS } from '@ovs/stick';
import type { LogEntry } from '../machine/machine.ts';

export interface LogRecord {
  /** Milliseconds on the box's clock; the start of the hour for an entry about one voter's ballot. */
  at: number;
  entry: LogEntry;
}

/** What happens to one voter's ballot: its scan, refusal, registration, the flap, the deposit. */
const VOTER_ENTRIES: ReadonlySet<LogEntry['kind']> = new Set<LogEntry['kind']>(['refused', 'registered', 'reopened', 'flap-open', 'deposit', 'flap-closed', 'retry', 'unresolved', 'controller', 'notice']);

/** The time a record gets: link, phase and pairing exactly, anything about a voter's ballot to the hour. */
export const logTime = (at: number, entry: LogEntry): number => (VOTER_ENTRIES.has(entry.kind) ? Math.floor(at / VOTER_EVENT_GRANULARITY_MS) * VOTER_EVENT_GRANULARITY_MS : at);

export class BoxLog {
  private readonly records: LogRecord[] = [];

  constructor(
    private readonly options: { capacity?: number; file?: string } = {},
  ) {}

  add(at: number, entry: LogEntry): void {
    const record = { at: logTime(at, entry), entry };
    this.records.push(record);
    if (this.records.length > (this.options.capacity ?? 1000)) this.records.shift();
    if (this.options.file) {
      try {
        appendFileSync(this.options.file, JSON.stringify(record) + '\n');
      } catch {
        // A full or missing log disk must never stop the box; the memory log still has it.
      }
    }
  }

  all(): readonly LogRecord[] {
    return this.records;
  }
}
