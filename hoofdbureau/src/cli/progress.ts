// Progress of a bulk import: a bar redrawn in place on a terminal, one line per stick otherwise
// (logs, CI). Refusals are always printed in full, never hidden behind the bar.
import type { BulkProgress } from '../import/import-stick.ts';
import { importLine } from '../import/reports.ts';
import type { CliIo } from './io.ts';

const WIDTH = 30;

export function progressBar(done: number, total: number): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total}`;
}

export function progressPrinter(io: CliIo, started: number = Date.now()): { update(p: BulkProgress): void; finish(): void } {
  let drawn = false;
  return {
    update(p) {
      const problem = p.report.kind === 'refused' || p.report.kind === 'mismatch';
      if (io.stderrIsTTY) {
        if (problem) io.stderr(`\r\x1b[K${importLine(p.report)}\n`);
        const rate = p.done / Math.max(0.001, (Date.now() - started) / 1000);
        io.stderr(`\r\x1b[K${progressBar(p.done, p.total)}  ${rate.toFixed(1)} sticks/s`);
        drawn = true;
      } else {
        io.stderr(`${progressBar(p.done, p.total)} ${importLine(p.report)}\n`);
      }
    },
    finish() {
      if (drawn) io.stderr('\n');
    },
  };
}
