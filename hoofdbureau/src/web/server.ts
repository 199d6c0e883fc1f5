// The hoofdbureau's web application: Express serves the Preact UI and a small JSON API over the
// same Hoofdbureau object the CLI uses. Startable in-process (the virtual polling station and
// the simulation do): startHoofdbureau({ db, packageDir, key, port }) → { url, stop() }.
// It listens on localhost unless told otherwise (`host`: the hoofdbureau's LAN, several
// workstations). Every route but the page itself and the login needs a logged-in person whose role
// may take the action (staff/permissions.ts); every action is in the audit log. Sticks are taken only from the configured sticks folder (where
// the USB reader mounts them), never from a path sent by the browser. The web guard in front
// answers only to the server's own names (no DNS rebinding can read the results) and takes a
// check or an import only from its own page with the session's token (@ovs/web-guard).
import type { Server } from 'node:http';
import { softwareLine } from '@ovs/release';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Request, type Response } from 'express';
import { createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import { hasChair } from '../staff/accounts.ts';
import { can, operatorOf, requireAction, ROLE_NAMES } from '../staff/permissions.ts';
import { Staff, type StaffOptions } from '../staff/staff.ts';
import { sessionMiddleware } from './session.ts';
import { staffRoutes } from './staff-routes.ts';
import { paperRoutes } from './paper-routes.ts';
import { eml510 } from '../export/eml510.ts';
import { openHoofdbureau, type Hoofdbureau, type HoofdbureauOptions } from '../hoofdbureau.ts';
import { readIncidents } from '../pv/incidents.ts';
import { pvDocument } from '../pv/pv-content.ts';
import { renderPvPdf } from '../pv/pv-pdf.ts';
import { pvStaff } from '../pv/pv-staff.ts';
import { resultsCsv } from '../results/csv.ts';
import { listSticks } from '../stick/stick-folder.ts';
import type { ImportReport } from '../import/reports.ts';
import { receiptsRouter } from '../receipts/receipts-router.ts';
import { uiBundle } from './bundle.ts';
import { PAGE, PAGE_CSS } from './page.ts';
import { overview, stationDetail } from './views.ts';

export interface StartOptions extends Omit<HoofdbureauOptions, 'readonly'> {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** The folder where sticks appear (one subfolder per stick); enables check and import in the UI. */
  sticksDir?: string;
  /** Use an already open hoofdbureau instead of opening one (it is not closed by stop()). */
  hoofdbureau?: Hoofdbureau;
  /** The web guard: the names the workstations use for this server (`--name`), the page that may embed it. */
  guard?: WebGuardOptions;
  /** Accounts and sessions: the KDF cost, the idle limit, the login limit, the clock. */
  staff?: StaffOptions;
}

export interface RunningHoofdbureau {
  url: string;
  hoofdbureau: Hoofdbureau;
  /** The accounts and sessions of this server (the CLI and the demo make accounts through it). */
  staff: Staff;
  stop(): Promise<void>;
}

/** JSON with byte arrays as hex and the raw stick files left out. */
const json = (res: Response, value: unknown, status = 200): void => {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify(value, (key, v: unknown) => (key === 'raw' ? undefined : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
};

export async function startHoofdbureau(options: StartOptions): Promise<RunningHoofdbureau> {
  let hb = options.hoofdbureau;
  const owned = hb === undefined;
  if (!hb) {
    const opened = await openHoofdbureau({ ...options, readonly: false });
    if (!opened.ok) throw new Error(opened.message);
    hb = opened.hoofdbureau;
  }
  const h = hb;
  const app = express();
  app.disable('x-powered-by');
  const guard = createWebGuard(options.guard);
  app.use(guard.express);
  const staff = new Staff(h.db.sqlite, options.staff);
  app.use(sessionMiddleware(staff));
  const audit = (res: Response, action: Parameters<Staff['audit']>[1], detail: string): void => staff.audit(operatorOf(res)!, action, detail);
  let listening = { host: options.host ?? '127.0.0.1', port: 0 };
  paperRoutes(app, h);
  staffRoutes(app, {
    staff,
    guard,
    sqlite: h.db.sqlite,
    election: h.db.pkg.election,
    server: () => ({
      host: listening.host,
      port: listening.port,
      names: options.guard?.names ?? [],
      database: h.db.file,
      sticksDir: options.sticksDir ?? null,
      canImport: h.canImport,
      idleMinutes: staff.sessions.idleMs / 60_000,
      kdf: staff.kdf,
      accountsReady: hasChair(h.db.sqlite),
    }),
  });

  const stickPath = async (name: unknown): Promise<string | undefined> => {
    if (!options.sticksDir || typeof name !== 'string') return undefined;
    const known = await listSticks(options.sticksDir);
    return known.some((s) => s.name === name) ? join(options.sticksDir, name) : undefined;
  };

  app.get('/', (_req, res) => void res.type('html').send(PAGE));
  app.get('/app.js', async (_req, res) => {
    res.type('application/javascript').send(await uiBundle());
  });
  app.get('/app.css', (_req, res) => void res.type('text/css').send(PAGE_CSS));
  app.get('/api/overview', requireAction('results.view'), async (_req, res) => {
    json(res, { ...overview(h), sticks: options.sticksDir ? await listSticks(options.sticksDir) : null });
  });
  app.get('/api/stations/:number', requireAction('results.view'), (req: Request<{ number: string }>, res) => {
    const detail = stationDetail(h, Number(req.params.number));
    if (!detail) json(res, { error: 'onbekend stembureau' }, 404);
    else json(res, detail);
  });
  app.get('/api/results', requireAction('results.view'), (_req, res) => json(res, h.results()));
  // The intermediate result after every imported station, in import order (seed 000: forwarded per station).
  app.get('/api/intermediate', requireAction('results.view'), (_req, res) => {
    const rows = h.db.sqlite.prepare('SELECT seq, station, at, stations_imported, totals_json FROM intermediate ORDER BY seq').all() as Array<{
      seq: number;
      station: number;
      at: string;
      stations_imported: number;
      totals_json: string;
    }>;
    json(
      res,
      rows.map((r) => ({ seq: r.seq, station: r.station, at: r.at, stationsImported: r.stations_imported, totals: JSON.parse(r.totals_json) as unknown })),
    );
  });
  // The receipt of each station's envelope and sticks (its own router: needs a signed-in person who may import).
  app.use(receiptsRouter(() => h.db));
  app.post('/api/sticks/:name/check', requireAction('stick.check'), async (req: Request<{ name: string }>, res) => {
    const path = await stickPath(req.params.name);
    if (!path) return json(res, { error: 'onbekende stick' }, 404);
    const report = await h.checkStick(path);
    audit(res, 'stick.check', `stick ${req.params.name}: ${report.ok ? `geldig, stembureau ${report.summary.station.number}` : `ongeldig (${report.problem.code})`}`);
    json(res, report);
  });
  app.post('/api/sticks/:name/import', requireAction('stick.import'), async (req: Request<{ name: string }>, res) => {
    const body = req.body as { copy?: unknown; acceptOtherDay?: unknown } | undefined;
    const acceptOtherDay = body?.acceptOtherDay === true;
    const operator = operatorOf(res)!;
    if (acceptOtherDay && !can(operator.role, 'stick.accept-other-day')) {
      return json(res, { error: `Als ${ROLE_NAMES[operator.role]} mag u niet beslissen dat een stick van een andere dag meetelt: dat doet de voorzitter.` }, 403);
    }
    const path = await stickPath(req.params.name);
    if (!path) return json(res, { error: 'onbekende stick' }, 404);
    if (!h.canImport) return json(res, { error: 'geen sleutel van het hoofdbureau geconfigureerd' }, 409);
    const copy = body?.copy === true;
    const report = await h.importStick(path, { copy, acceptOtherDay });
    audit(res, acceptOtherDay ? 'stick.accept-other-day' : 'stick.import', `stick ${req.params.name}${copy ? ' (als kopie)' : ''}: ${importOutcome(report)}`);
    json(res, report);
  });
  app.get('/resultaten.json', requireAction('results.export'), (_req, res) => {
    audit(res, 'results.export', 'resultaten.json');
    res.attachment('resultaten.json');
    json(res, h.results());
  });
  app.get('/resultaten.csv', requireAction('results.export'), (_req, res) => {
    audit(res, 'results.export', 'resultaten.csv');
    res.attachment('resultaten.csv').type('text/csv; charset=utf-8').send(resultsCsv(h.results()));
  });
  app.get('/eml510.xml', requireAction('results.export'), (_req, res) => {
    audit(res, 'results.export', 'eml510.xml');
    res.attachment('eml510.xml').type('application/xml').send(eml510(h.results()));
  });
  app.get('/pv.pdf', requireAction('pv.print'), async (_req, res) => {
    const results = h.results();
    // Recorded before the PV is made, so that the PV's own summary counts this print too.
    audit(res, 'pv.print', results.complete ? 'proces-verbaal' : `proces-verbaal (ONTWERP, ${results.stationsImported} van ${results.stationsExpected} stembureaus)`);
    const pdf = await renderPvPdf(pvDocument(results, readIncidents(h.db), { staff: pvStaff(h.db.sqlite), software: softwareLine(h.software) }));
    res.type('application/pdf').setHeader('Content-Disposition', 'inline; filename="pv-hoofdbureau.pdf"');
    res.send(pdf);
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  listening = { host: options.host ?? '127.0.0.1', port: address.port };
  return {
    url: `http://${hostForUrl(options.host ?? '127.0.0.1')}:${address.port}/`,
    hoofdbureau: h,
    staff,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (owned) await h.close();
    },
  };
}

/** One line for the audit log: what came of an import (never a vote). */
function importOutcome(report: ImportReport): string {
  switch (report.kind) {
    case 'imported':
      return `ingelezen, stembureau ${report.station.number}, ${report.ballots} stembiljetten`;
    case 'identical':
      return `al ingelezen, identiek (stembureau ${report.station.number})`;
    case 'mismatch':
      return `verschilt van wat ingelezen is (stembureau ${report.station.number})`;
    case 'refused':
      return `geweigerd (${report.problem.code})`;
    default:
      return report satisfies never;
  }
}

/** An address as it goes in a URL: IPv6 in brackets; the wildcard as the loopback (this machine's own browser). */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
