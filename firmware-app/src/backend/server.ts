// The local HTTP server of one voting computer: the kiosk page, its script and styles, and
// the JSON API (api/protocol.ts). Nothing is cached by the browser, nothing is written to
// disk, nothing of a request is logged.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import { kioskCss } from '@ovs/ui';
import { parseActionRequest, parseTechnicianRequest } from '../api/protocol.ts';
import { TECHNICIAN_CSS } from '../ui/technician-styles.ts';
import { PX_PER_MM } from '../screen-geometry.ts';
import type { UiBundle } from '../ui/build.ts';
import type { VotingComputer } from './voting-computer.ts';

const PAGE = `<!doctype html>
<html lang="nl" data-contrast="normal" data-text="0">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<title>Stemcomputer</title>
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`;

function noStore(_req: Request, res: Response, next: NextFunction): void {
  // The vote is on screen and in API responses: nothing may be kept by the browser.
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  res.set('Referrer-Policy', 'no-referrer');
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors *");
  next();
}

export function createApp(computer: VotingComputer, ui: UiBundle): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(noStore);
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
  app.post('/api/action', express.json({ limit: '1kb', strict: true }), async (req, res) => {
    const request = parseActionRequest(req.body);
    if (!request) {
      res.status(400).json({ ok: false, error: 'bad-request' });
      return;
    }
    res.json(await computer.act(request.seq, request.action));
  });
  app.post('/api/technician', express.json({ limit: '1kb', strict: true }), async (req, res) => {
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
  // A malformed body (bad JSON) is answered, never logged with its content.
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
