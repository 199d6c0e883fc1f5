// Checking and importing sticks against an open database. The order of decree art. 24: the
// original first; when it cannot be imported, the copy (recorded as 'kopie' with the reason in
// the PV note); when that fails too, re-scanning (rescan.ts).
import type { HoofdbureauDb } from '../db/open-db.ts';
import { importChecked, priorState, recordAttempt, type ImportSource } from '../db/import-tx.ts';
import type { CheckKeys, StickCheck, StickSummary } from '../stick/check-job.ts';
import { inlineChecker, type StickChecker } from '../stick/check-pool.ts';
import { advice, hoofdbureauProblem, type Problem } from '../stick/problems.ts';
import { labelHint } from '../stick/stick-folder.ts';
import { isPaperStation } from '../paper/setup.ts';
import type { CheckReport, ImportReport } from './reports.ts';

export interface StickContext {
  db: HoofdbureauDb;
  /** Without it sticks can be checked (figures, hashes) but not imported. */
  hoofdbureauPrivateKey?: Uint8Array;
  checker?: StickChecker;
  now?: () => Date;
}

export const keysOf = (ctx: StickContext, decrypt: boolean): CheckKeys => ({
  organiserPublicKey: ctx.db.organiserPublicKey,
  packageHash: ctx.db.pkg.hash,
  ...(decrypt && ctx.hoofdbureauPrivateKey ? { hoofdbureauPrivateKey: ctx.hoofdbureauPrivateKey } : {}),
});


const isImported = (db: HoofdbureauDb, station: number): boolean => db.sqlite.prepare('SELECT 1 FROM import WHERE station = ?').get(station) !== undefined;

export async function checkStickIn(ctx: StickContext, dir: string): Promise<CheckReport> {
  const checked = await (ctx.checker ?? inlineChecker).check(dir, keysOf(ctx, true));
  if (!checked.ok) return refusedCheck(dir, checked);
  return {
    ok: true,
    path: dir,
    summary: checked.summary,
    ...(checked.content ? { tallies: checked.content.tallies } : {}),
    prior: priorState(ctx.db, checked.summary),
  };
}

function refusedCheck(dir: string, checked: Extract<StickCheck, { ok: false }>): CheckReport {
  return { ok: false, path: dir, problem: checked.problem, advice: advice(checked.problem), ...(checked.stationHint === undefined ? {} : { stationHint: checked.stationHint }) };
}

/** Refusals that say nothing about the stick itself (configuration, wrong envelope). */
const NOT_THE_STICKS_FAULT = new Set<Problem['code']>(['wrong-hoofdbureau-key', 'no-stick', 'stick-link', 'reader-timeout', 'stick-timeout', 'other-package', 'opened-on-other-day']);

interface RefusedRow {
  code: string | null;
  message: string;
}

export interface ImportOptions {
  /** The operator says this is the copy (the second stick of the envelope). */
  copy?: boolean;
  /**
   * The voorzitter of the hoofdbureau decided that a stick opened on another day than the
   * election date is counted (without it such a stick is refused, and the refusal recorded).
   */
  acceptOtherDay?: boolean;
}

export async function importStickIn(ctx: StickContext, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (!ctx.hoofdbureauPrivateKey) throw new Error('importStickIn: the hoofdbureau key is needed to import');
  const now = ctx.now ?? (() => new Date());
  const checker = ctx.checker ?? inlineChecker;
  const hint = await labelHint(dir);

  // A station already imported: the second stick only needs to be compared, not decrypted.
  if (hint !== undefined && isImported(ctx.db, hint)) {
    const light = await checker.check(dir, keysOf(ctx, false));
    if (light.ok && light.summary.station.number === hint) {
      const prior = priorState(ctx.db, light.summary);
      if (prior.kind === 'identical') {
        recordAttempt(ctx.db, { action: 'import', path: dir, station: hint, stationVerified: true, outcome: 'identiek', message: 'al ingelezen, identiek', summary: light.summary, now: now() });
        return { kind: 'identical', path: dir, station: light.summary.station, importedAt: prior.importedAt, summary: light.summary };
      }
    }
  }

  const checked = await checker.check(dir, keysOf(ctx, true));
  if (!checked.ok) return refuse(ctx, dir, checked, now());
  if (!checked.content) throw new Error('importStickIn: a check with the key returned no ballots');
  const station = checked.summary.station;
  const offDay = checked.summary.warnings.find((w) => w.code === 'opened-on-other-day');
  if (offDay && !options.acceptOtherDay) {
    const problem = hoofdbureauProblem('opened-on-other-day', offDay.message);
    recordAttempt(ctx.db, { action: 'import', path: dir, station: station.number, stationVerified: true, outcome: 'geweigerd', problem, message: problem.message, summary: checked.summary, now: now() });
    return { kind: 'refused', path: dir, station: station.number, stationVerified: true, problem, advice: advice(problem) };
  }

  // A station arrives by its own route only: a paper station's results come from its telbureau.
  if (isPaperStation(ctx.db, station.number)) return refusePaperStation(ctx, dir, station.number, checked.summary, now());

  // Refused sticks are filed under the station their (unverified) label names: enough for the
  // PV to mention them, not enough to call this one the copy. That the operator says (--kopie, or
  // the order of a bulk import), since both sticks carry the same bytes.
  const earlier = ctx.db.sqlite
    .prepare("SELECT code, message FROM attempt WHERE station = ? AND action = 'import' AND outcome = 'geweigerd' ORDER BY id")
    .all(station.number) as RefusedRow[];
  const failedSticks = earlier.filter((r) => !NOT_THE_STICKS_FAULT.has((r.code ?? '') as Problem['code']));
  const source: ImportSource = options.copy ? 'kopie' : 'stick';
  const refusedBefore = failedSticks.length > 0 ? `eerder werd een gegevensdrager met het etiket van dit stembureau geweigerd (${failedSticks[0]!.message})` : undefined;
  const copyNote = options.copy
    ? `Ingelezen met de kopie van de gegevensdrager (decreet art. 24, tweede lid)${refusedBefore ? `; ${refusedBefore}` : ''}.`
    : refusedBefore
      ? `${refusedBefore[0]!.toUpperCase()}${refusedBefore.slice(1)}; daarna werd deze gegevensdrager ingelezen.`
      : undefined;
  const dayNote = offDay ? `De voorzitter van het hoofdbureau besliste deze gegevensdrager toch in te lezen. ${offDay.message}` : undefined;
  const note = [copyNote, dayNote].filter((n) => n !== undefined).join(' ') || undefined;
  const outcome = importChecked(ctx.db, {
    station,
    path: dir,
    source,
    content: checked.content,
    summary: checked.summary,
    ...(note ? { note } : {}),
    now: now(),
  });
  switch (outcome.kind) {
    case 'imported':
      return { kind: 'imported', path: dir, station, seq: outcome.seq, ballots: outcome.ballots, source: outcome.source, note: outcome.note, summary: checked.summary };
    case 'identical':
      return { kind: 'identical', path: dir, station, importedAt: outcome.importedAt, summary: checked.summary };
    case 'mismatch':
      return { kind: 'mismatch', path: dir, station, differences: outcome.differences, summary: checked.summary };
    case 'refused':
      return { kind: 'refused', path: dir, station: station.number, stationVerified: true, problem: outcome.problem, advice: advice(outcome.problem) };
    default: {
      const never: never = outcome;
      throw new Error(String(never));
    }
  }
}

export function paperStationProblem(station: number): Problem {
  return hoofdbureauProblem('paper-station', `Stembureau ${station} stemt op papier: het wordt geteld door zijn telbureau, niet met een stick.`);
}

function refusePaperStation(ctx: StickContext, dir: string, station: number, summary: StickSummary, at: Date): ImportReport {
  const problem = paperStationProblem(station);
  recordAttempt(ctx.db, { action: 'import', path: dir, station, stationVerified: true, outcome: 'geweigerd', problem, message: problem.message, summary, now: at });
  return { kind: 'refused', path: dir, station, stationVerified: true, problem, advice: advice(problem) };
}

function refuse(ctx: StickContext, dir: string, checked: Extract<StickCheck, { ok: false }>, at: Date): ImportReport {
  const station = checked.stationHint;
  recordAttempt(ctx.db, { action: 'import', path: dir, station: station ?? null, stationVerified: false, outcome: 'geweigerd', problem: checked.problem, message: checked.problem.message, now: at });
  return {
    kind: 'refused',
    path: dir,
    ...(station === undefined ? {} : { station }),
    stationVerified: false,
    problem: checked.problem,
    advice: advice(checked.problem),
  };
}

export interface BulkProgress {
  done: number;
  total: number;
  report: ImportReport;
}

/**
 * Many sticks (a folder of sticks, or the two sticks of several envelopes). The sticks of one
 * polling station are taken in the order given: the first as the original, the others compared
 * with it — or, when it was refused, imported as the copy. Stations are checked in parallel on
 * the pool; every database write happens on this thread, one transaction per stick.
 */
export async function importSticksIn(ctx: StickContext, dirs: readonly string[], onProgress?: (p: BulkProgress) => void): Promise<ImportReport[]> {
  const hints = await Promise.all(dirs.map((d) => labelHint(d)));
  const groups = new Map<string, number[]>();
  dirs.forEach((_, i) => {
    const key = hints[i] === undefined ? `?${i}` : String(hints[i]);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const reports = new Array<ImportReport>(dirs.length);
  let done = 0;
  const queue = [...groups.values()];
  const lanes = Math.max(1, (ctx.checker ?? inlineChecker).size + 1);
  const lane = async (): Promise<void> => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const [k, i] of group.entries()) {
        const report = await importStickIn(ctx, dirs[i]!, { copy: k > 0 && !group.slice(0, k).some((j) => reports[j]?.kind !== 'refused') });
        reports[i] = report;
        onProgress?.({ done: ++done, total: dirs.length, report });
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return reports;
}
