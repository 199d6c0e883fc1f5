// The local HTTP server of one voting computer: the kiosk page, its script and styles, and
// the JSON API (api/protocol.ts). Nothing is cached by the browser, nothing is written to
// disk, nothing of a request is logged. The web guard in front answers only to the machine's
// own address, takes a touch only from its own page with the session's token, and sets the
// security headers (@ovs/web-guard).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import { kioskCss } from '@ovs/ui';
import { createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import { parseActionRequest, parseTechnicianRequest } from '../api/protocol.ts';
import { TECHNICIAN_CSS } from '../ui/technician-styles.ts';
import { PX_PER_MM } from '../screen-geometry.ts';
import type { UiBundle } from '../ui/build.ts';
import type { VotingComputer } from './voting-computer.ts';
import { appPage } from '@ovs/ui/page';

const PAGE = appPage({ title: 'Stemcomputer', kiosk: true, htmlAttributes: { 'data-contrast': 'normal', 'data-text': '0' } });

/** A touch is a few dozen bytes. */
const MAX_BODY = 1024;

export function createApp(computer: VotingComputer, ui: UiBundle, guard: WebGuardOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // The vote is on screen and in API responses: the guard's no-store keeps it out of the browser's cache.
  app.use(createWebGuard({ maxBody: MAX_BODY, ...guard }).express);
  const css = kioskCss({ pxPerMm: PX_PER_MM }) + TECHNICIAN_CSS;
  app.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  app.get('/app.js', (_req, res) => {
    res.type('text/javascript').send(ui.js);
  });
  app.get('/app.css', (_req, res) => {
    res.type('text/css').send(css);
  });
  app.get('/api/screen', async (req, res) => {
    const after = typeof req.query.after === 'string' ? Number(req.query.after) : Number.NaN;
    if (!Number.isSafeInteger(after)) {
      res.json(computer.screen());
      return;
    }
    res.json(await computer.next(after));
  });
  app.post('/api/action', async (req, res) => {
    const request = parseActionRequest(req.body);
    if (!request) {
      res.status(400).json({ ok: false, error: 'bad-request' });
      return;
    }
    res.json(await computer.act(request.seq, request.action));
  });
  app.post('/api/technician', async (req, res) => {
    const request = parseTechnicianRequest(req.body);
    if (!request) {
      res.status(400).json({ ok: false, error: 'bad-request' });
      return;
    }
    res.json(await computer.technicianAct(request.seq, request.action));
  });
  app.get('/api/technician/report', (_req, res) => {
    const report = computer.lastTestReport;
    if (report) res.json(report);
    else res.status(404).json({ ok: false, error: 'no-report' });
  });
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error: 'not-found' });
  });
  // Anything that goes wrong in a handler is answered, never logged with the request's content.
  app.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(400).json({ ok: false, error: 'bad-request' });
  });
  return app;
}

export async function listen(app: express.Express, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/` };
}
