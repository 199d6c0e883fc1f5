// The hoofdbureau's web application: Express serves the Preact UI and a small JSON API over the
// same Hoofdbureau object the CLI uses. Startable in-process (the virtual polling station and
// the simulation do): startHoofdbureau({ db, packageDir, key, port }) → { url, stop() }.
// It listens on localhost only. Sticks are taken only from the configured sticks folder (where
// the USB reader mounts them), never from a path sent by the browser. The web guard in front
// answers only to the server's own names (no DNS rebinding can read the results) and takes a
// check or an import only from its own page with the session's token (@ovs/web-guard).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Request, type Response } from 'express';
import { createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import { eml510 } from '../export/eml510.ts';
import { openHoofdbureau, type Hoofdbureau, type HoofdbureauOptions } from '../hoofdbureau.ts';
import { readIncidents } from '../pv/incidents.ts';
import { pvDocument } from '../pv/pv-content.ts';
import { renderPvPdf } from '../pv/pv-pdf.ts';
import { resultsCsv } from '../results/csv.ts';
import { listSticks } from '../stick/stick-folder.ts';
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
}

export interface RunningHoofdbureau {
  url: string;
  hoofdbureau: Hoofdbureau;
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
  app.use(createWebGuard(options.guard).express);

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
  app.get('/api/overview', async (_req, res) => {
    json(res, { ...overview(h), sticks: options.sticksDir ? await listSticks(options.sticksDir) : null });
  });
  app.get('/api/stations/:number', (req: Request<{ number: string }>, res) => {
    const detail = stationDetail(h, Number(req.params.number));
    if (!detail) json(res, { error: 'onbekend stembureau' }, 404);
    else json(res, detail);
  });
  app.get('/api/results', (_req, res) => json(res, h.results()));
  // The intermediate result after every imported station, in import order (seed 000: forwarded per station).
  app.get('/api/intermediate', (_req, res) => {
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
  app.post('/api/sticks/:name/check', async (req: Request<{ name: string }>, res) => {
    const path = await stickPath(req.params.name);
    if (!path) return json(res, { error: 'onbekende stick' }, 404);
    json(res, await h.checkStick(path));
  });
  app.post('/api/sticks/:name/import', async (req: Request<{ name: string }>, res) => {
    const path = await stickPath(req.params.name);
    if (!path) return json(res, { error: 'onbekende stick' }, 404);
    if (!h.canImport) return json(res, { error: 'geen sleutel van het hoofdbureau geconfigureerd' }, 409);
    const body = req.body as { copy?: unknown; acceptOtherDay?: unknown } | undefined;
    json(res, await h.importStick(path, { copy: body?.copy === true, acceptOtherDay: body?.acceptOtherDay === true }));
  });
  app.get('/resultaten.json', (_req, res) => {
    res.attachment('resultaten.json');
    json(res, h.results());
  });
  app.get('/resultaten.csv', (_req, res) => {
    res.attachment('resultaten.csv').type('text/csv; charset=utf-8').send(resultsCsv(h.results()));
  });
  app.get('/eml510.xml', (_req, res) => {
    res.attachment('eml510.xml').type('application/xml').send(eml510(h.results()));
  });
  app.get('/pv.pdf', async (_req, res) => {
    const pdf = await renderPvPdf(pvDocument(h.results(), readIncidents(h.db)));
    res.type('application/pdf').setHeader('Content-Disposition', 'inline; filename="pv-hoofdbureau.pdf"');
    res.send(pdf);
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}/`,
    hoofdbureau: h,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (owned) await h.close();
    },
  };
}
