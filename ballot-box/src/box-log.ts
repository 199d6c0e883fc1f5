// The box's own log: what happened and why, for the technician and the PV — refusal reasons,
// flap and controller events, link states. Its entries are built only from LogEntry, which has
// no field that could hold a ballot id or a vote; a test scans the log for both anyway.
// Kept in memory (the assessor's screen shows the tail); optionally appended to a file.
import { appendFileSync } from 'node:fs';
import type { LogEntry } from './machine.ts';

export interface LogRecord {
  /** Milliseconds on the box's clock. */
  at: number;
  entry: LogEntry;
}

export class BoxLog {
  private readonly records: LogRecord[] = [];

  constructor(
    private readonly options: { capacity?: number; file?: string } = {},
  ) {}

  add(at: number, entry: LogEntry): void {
    const record = { at, entry };
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
