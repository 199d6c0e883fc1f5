// The HTTP API of the president's screen (loopback only): a snapshot to render and one POST
// per action. Every answer is { ok, message?, snapshot } so the screen always shows the truth.
import express, { type Request, type Response, type Router } from 'express';
import type { AnnulReason, HoursOverride, IncidentKind, Presence, ReplacementReason, TestCardReason } from '@ovs/stick';
import type { ConsoleCore } from '../core/console-core.ts';
import { REPORT_KINDS, type ReportKind } from '../core/report-data.ts';
import type { ActionResult } from '../core/snapshot.ts';
import { reportAsPdf } from '../reports/reports.ts';
import { reportPdf } from '../reports/pdf.ts';
import { selfTestReportModel } from '../reports/test-report.ts';

const REPORTS = REPORT_KINDS;
/** The koppelticket carries the link key: it exists on paper only, counted in the PV, never as a file. */
const PDF_REPORTS: readonly ReportKind[] = ['opening', 'pv', 'kerncijfers', 'envelope'];

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN);
const timeOrNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {})) : []);
const texts = (v: unknown): Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)])) : {};

export function apiRouter(core: ConsoleCore): Router {
  const r = express.Router();

  const answer = (res: Response, result: ActionResult): void => {
    res.status(result.ok ? 200 : 409).json({ ...result, snapshot: core.snapshot() });
  };
  const act = (fn: (body: Record<string, unknown>) => Promise<ActionResult>) => async (req: Request, res: Response): Promise<void> => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    answer(res, await fn(body));
  };

  r.get('/state', (_req, res) => {
    res.json(core.snapshot());
  });
  r.post('/sticks/check', async (_req, res) => {
    await core.checkSticks();
    answer(res, { ok: true });
  });
  r.post('/unlock', act((b) => core.unlock(str(b.password))));
  r.post('/cards/activation', act(() => core.issueActivationCard()));
  r.post('/cards/test', act((b) => core.issueTestCard(str(b.category), b.reason === undefined ? undefined : (str(b.reason) as TestCardReason))));
  r.post('/cards/voter', act((b) => core.issueVoterCard(str(b.category), { proxy: b.proxy === true })));
  r.post('/cards/replacement', act((b) => core.issueReplacementCard(str(b.category), str(b.reason) as ReplacementReason)));
  r.post('/annul', act((b) => core.annulBallot(str(b.reason) as AnnulReason, str(b.category))));
  r.post('/open', act((b) => core.openVoting(b.boxChecked === true)));
  r.post('/cards/returned', act(() => core.readReturnedCard()));
  r.post('/annul/scan', act((b) => core.armAnnulScan(b.on !== false)));
  r.post('/expert-copy', act((b) => core.expertCopy(str(b.expert), str(b.note))));
  r.post('/hours/override', act((b) => core.overrideHours(str(b.moment) as HoursOverride, str(b.note))));
  r.post('/incidents', act((b) => core.recordIncident({ kind: str(b.kind) as IncidentKind, description: str(b.description), calledAt: timeOrNull(b.calledAt), repairedAt: timeOrNull(b.repairedAt) }, b.id === undefined ? undefined : int(b.id))));
  // The screen always sends what the president typed at closing (the aanstiplijsten, the explanations).
  r.post('/close', act((b) => core.close({ annulledBallots: int(b.annulledBallots), testBallots: int(b.testBallots), statement: { tickedInPerson: int(b.tickedInPerson), tickedByProxy: int(b.tickedByProxy), explanations: texts(b.explanations) } })));
  r.post('/bureau', act((b) => core.setBureau({
    president: str(b.president),
    secretary: str(b.secretary),
    assessors: list(b.assessors).map((a) => ({ name: str(a.name), presence: str(a.presence) as Presence, note: str(a.note) })),
    witnesses: list(b.witnesses).map((w) => ({ name: str(w.name), list: str(w.list) })),
    envelopes: str(b.envelopes),
  })));
  r.post('/assisted', act((b) => core.recordAssistedVoter({ voter: str(b.voter), assistant: str(b.assistant), disputed: b.disputed === true, decision: str(b.decision) })));
  r.post('/remarks', act((b) => core.addWitnessRemark({ witness: str(b.witness), list: str(b.list), text: str(b.text) })));
  r.post('/remarks/write', act(() => core.writeRemarks()));
  r.post('/print-next', act(() => core.printNext()));
  r.post('/alerts/:id/dismiss', (req, res) => {
    core.dismissAlert(Number(req.params.id));
    answer(res, { ok: true });
  });
  r.post('/print/:kind', async (req, res) => {
    const kind = req.params.kind as ReportKind;
    if (!REPORTS.includes(kind)) {
      answer(res, { ok: false, error: 'bad-input', message: 'Onbekend rapport.' });
      return;
    }
    answer(res, await core.print(kind));
  });
  // Test mode: before the password only (the core refuses otherwise, with the reason).
  r.post('/self-test', async (req, res) => {
    const phase = (req.body as { phase?: unknown } | undefined)?.phase;
    if (phase !== 'fase-1' && phase !== 'fase-2') {
      answer(res, { ok: false, error: 'bad-input', message: 'Kies fase 1 of fase 2.' });
      return;
    }
    const outcome = await core.selfTest(phase);
    res.status(outcome.ok ? 200 : 409).json({ ...outcome, snapshot: core.snapshot() });
  });
  r.get('/self-test', (_req, res) => {
    const last = core.lastSelfTest();
    if (last) res.json(last);
    else res.status(404).json({ ok: false, message: 'Er is nog geen technische test gedaan.' });
  });
  r.get('/reports/self-test.pdf', async (_req, res) => {
    const last = core.lastSelfTest();
    if (!last) {
      res.status(404).type('text/plain').send('Er is nog geen technische test gedaan.');
      return;
    }
    res.type('application/pdf').setHeader('content-disposition', `inline; filename="testrapport-voorzitterscomputer-${last.phase}.pdf"`);
    res.send(await reportPdf(selfTestReportModel(last)));
  });
  r.get('/reports/:kind.pdf', async (req, res) => {
    const kind = req.params.kind as ReportKind;
    const pdf = PDF_REPORTS.includes(kind) ? await reportAsPdf(core, kind) : undefined;
    if (!pdf) {
      res.status(404).type('text/plain').send('Dit rapport bestaat nog niet.');
      return;
    }
    res.type('application/pdf').setHeader('content-disposition', `inline; filename="${pdf.name}"`);
    res.send(pdf.bytes);
  });
  return r;
}
