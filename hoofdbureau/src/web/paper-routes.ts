// The HTTP API of the paper counts (issue 12), every route behind requireAction and the desk's
// own checks (the desk refuses a role again, so that the simulation and the tests that call it
// directly meet the same rules). A refusal answers with its status, a Dutch `error`, its `code`
// and, for an entry the checks stopped, the findings to show beside the fields.
import type { Express, Request, Response } from 'express';
import type { Hoofdbureau } from '../hoofdbureau.ts';
import { REFUSAL_STATUS, RESOLUTIONS, type PaperRefusal, type Resolution } from '../paper/desk.ts';
import type { PaperConfig } from '../paper/setup.ts';
import { operatorOf, requireAction } from '../staff/permissions.ts';

type Answer<T> = { ok: true; value: T } | { ok: false; error: PaperRefusal };

function send<T>(res: Response, r: Answer<T>): void {
  if (r.ok) {
    res.json(r.value ?? { ok: true });
    return;
  }
  const e = r.error;
  res.status(REFUSAL_STATUS[e.code]).json({ error: e.message, code: e.code, ...(e.code === 'entry' ? { refusal: e.refusal } : {}), ...(e.code === 'bad-table' && e.field ? { field: e.field } : {}) });
}

const flags = (body: unknown): { acceptWarnings: boolean; confirmErrors: boolean } => {
  const b = (body ?? {}) as { acceptWarnings?: unknown; confirmErrors?: unknown };
  return { acceptWarnings: b.acceptWarnings === true, confirmErrors: b.confirmErrors === true };
};

type P = Request<{ id: string; election: string }>;

export function paperRoutes(app: Express, h: Hoofdbureau): void {
  const desk = h.paper;
  // Logging out lets go of the person's telbureau at once (before the staff route ends the session).
  app.post('/api/logout', (_req, res, next) => {
    const op = operatorOf(res);
    if (op) desk.releaseAll(op.username);
    next();
  });
  app.get('/api/paper', requireAction('results.view'), (_req, res) => {
    const op = operatorOf(res)!;
    const telbureaus = desk.overview(op);
    if (!telbureaus.ok) return send(res, telbureaus);
    const setup = desk.setup();
    const stations = h.db.pkg.election.pollingStations.map((s) => ({ number: s.number, name: s.name, deelgebied: s.deelgebied, registeredVoters: s.registeredVoters }));
    res.json({ telbureaus: telbureaus.value, paperStations: setup.paperStations, unlinked: setup.unlinked, stations });
  });
  app.post('/api/paper/config', requireAction('paper.configure'), (req, res) => {
    const b = (req.body ?? {}) as Partial<PaperConfig>;
    const valid =
      Array.isArray(b.paperStations) &&
      b.paperStations.every((n) => Number.isInteger(n)) &&
      Array.isArray(b.telbureaus) &&
      b.telbureaus.every((t) => typeof t === 'object' && t !== null && Array.isArray(t.stations) && t.stations.every((n) => Number.isInteger(n)));
    if (!valid) return void res.status(422).json({ error: 'Geef de papieren stembureaus en de telbureaus met hun stembureaus (nummers).', code: 'config' });
    send(res, desk.configure(operatorOf(res)!, { paperStations: b.paperStations!, telbureaus: b.telbureaus! }));
  });
  app.get('/api/paper/:id/form', requireAction('results.view'), (req: P, res) => send(res, desk.form(operatorOf(res)!, req.params.id)));
  app.post('/api/paper/:id/claim', requireAction('paper.entry'), (req: P, res) => send(res, desk.claim(operatorOf(res)!, req.params.id)));
  app.post('/api/paper/:id/release', requireAction('paper.entry'), (req: P, res) => send(res, desk.release(operatorOf(res)!, req.params.id)));
  app.post('/api/paper/:id/:election/entry', requireAction('paper.entry'), (req: P, res) => {
    const body = (req.body ?? {}) as { table?: unknown };
    send(res, desk.submit(operatorOf(res)!, req.params.id, req.params.election, body.table, flags(req.body)));
  });
  app.post('/api/paper/:id/:election/correct', requireAction('paper.entry'), (req: P, res) => {
    const body = (req.body ?? {}) as { values?: unknown };
    send(res, desk.correct(operatorOf(res)!, req.params.id, req.params.election, body.values, flags(req.body)));
  });
  app.get('/api/paper/:id/review', requireAction('paper.resolve'), (req: P, res) => send(res, desk.review(operatorOf(res)!, req.params.id)));
  app.post('/api/paper/:id/:election/resolve', requireAction('paper.resolve'), (req: P, res) => {
    const resolution = (req.body as { resolution?: unknown } | undefined)?.resolution;
    if (!RESOLUTIONS.includes(resolution as Resolution)) return void res.status(422).json({ error: `Kies een beslissing: ${RESOLUTIONS.join(', ')}.`, code: 'unknown' });
    send(res, desk.resolve(operatorOf(res)!, req.params.id, req.params.election, resolution as Resolution));
  });
  app.post('/api/paper/:id/lock', requireAction('paper.lock'), (req: P, res) => send(res, desk.lock(operatorOf(res)!, req.params.id)));
  app.get('/api/paper/intermediate', requireAction('results.view'), (_req, res) => {
    const rows = h.db.sqlite.prepare('SELECT seq, telbureau, at, totals_json FROM paper_intermediate ORDER BY seq').all() as Array<{ seq: number; telbureau: string; at: string; totals_json: string }>;
    res.json(rows.map((r) => ({ seq: r.seq, telbureau: r.telbureau, at: r.at, totals: JSON.parse(r.totals_json) as unknown })));
  });
}
