// What a check or an import tells its caller (CLI, web UI, simulation): plain data, no ballots.
import type { ElectionTally, StationRef, StickSummary } from '../stick/check-job.ts';
import type { Problem } from '../stick/problems.ts';
import type { ImportSource, PriorState } from '../db/import-tx.ts';

export type CheckReport =
  | {
      ok: true;
      path: string;
      summary: StickSummary;
      /** Per election of the station; absent without the hoofdbureau key. */
      tallies?: ElectionTally[];
      /** How the stick relates to the database, when one is open. */
      prior?: PriorState;
    }
  | { ok: false; path: string; problem: Problem; advice: string; stationHint?: number };

export type ImportReport =
  | { kind: 'imported'; path: string | null; station: StationRef; seq: number; ballots: number; source: ImportSource; note: string | null; summary?: StickSummary }
  | { kind: 'identical'; path: string | null; station: StationRef; importedAt: string; summary?: StickSummary }
  | { kind: 'mismatch'; path: string | null; station: StationRef; differences: string[]; summary?: StickSummary }
  | {
      kind: 'refused';
      path: string | null;
      /** Verified when the stick itself verified; otherwise what its label says, if anything. */
      station?: number;
      stationVerified: boolean;
      problem: Problem;
      advice: string;
    };

/** A valid stick of another day awaits a decision: not imported, but not refused for what it holds. */
export const refusalWord = (r: Extract<ImportReport, { kind: 'refused' }>): string => (r.problem.code === 'opened-on-other-day' ? 'NIET INGELEZEN' : 'GEWEIGERD');

/** One line for a log or a progress bar. */
export function importLine(r: ImportReport): string {
  const where = r.path ?? 'herscanning';
  switch (r.kind) {
    case 'imported':
      return `${r.station.name}: ingelezen, ${r.ballots} stembiljetten${r.source === 'stick' ? '' : r.source === 'kopie' ? ' (kopie)' : ' (herscanning)'} — ${where}`;
    case 'identical':
      return `${r.station.name}: al ingelezen, identiek — ${where}`;
    case 'mismatch':
      return `${r.station.name}: VERSCHILT van de ingelezen gegevens, niet ingelezen: ${r.differences.join('; ')} — ${where}`;
    case 'refused':
      return `${r.station === undefined ? 'onbekend stembureau' : `stembureau ${r.station}${r.stationVerified ? '' : ' (volgens het etiket)'}`}: ${refusalWord(r)} — ${r.problem.message} ${r.advice} — ${where}`;
    default: {
      const never: never = r;
      return String(never);
    }
  }
}

/** The warnings of an imported (or identical, or different) stick, one line each, for the person who reads the report. */
export function warningLines(r: ImportReport): string[] {
  if (r.kind === 'refused' || !r.summary) return [];
  return r.summary.warnings.map((w) => `Waarschuwing: ${w.message}`);
}
