// The box's local HTTP server: the display page (the kiosk browser on the box's own screen
// loads it from 127.0.0.1), a long-poll of what the display shows, the assessor's "box is
// empty" button, test mode, and — only with simulated devices — the virtual polling station's
// hands: put a printed ballot on the glass, push it through the flap. The web guard in front
// answers only to the box's own address and takes a change only from its own page with the
// session's token (@ovs/web-guard).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import type { DisplayView } from '../machine/display.ts';
import type { SelfTestOutcome } from './self-test.ts';
import { DISPLAY_CSS } from '../ui/styles.ts';
import { appPage } from '@ovs/ui/page';

export interface SimulatedHands {
  /** PNG bytes of a printed ballot (or any picture). */
  present(png: Uint8Array): Promise<unknown>;
  deposit(): Promise<unknown>;
}

export interface ServerDeps {
  js: string;
  display(): DisplayView;
  onDisplay(listener: (view: DisplayView) => void): () => void;
  canConfirmEmpty(): boolean;
  confirmBoxEmpty(): void;
  selfTest(phase: 'fase-1' | 'fase-2'): Promise<SelfTestOutcome>;
  sim: SimulatedHands | null;
  /** Further names, and the page that may embed the display (the virtual polling station). */
  guard?: WebGuardOptions;
}

const PAGE = appPage({ title: 'Stembus' });

const LONG_POLL_MS = 25_000;
/** The display's changes are a button and a test phase. */
const MAX_BODY = 1024;
/** A simulated camera frame: a printed ballot at 203 dpi as PNG. */
const MAX_PICTURE = 8 * 1024 * 1024;

export function createDisplayApp(deps: ServerDeps): { app: express.Express; close(): void } {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const pictures = deps.sim ? [{ path: '/api/sim/scan', type: 'image/png', maxBody: MAX_PICTURE }] : [];
  app.use(createWebGuard({ maxBody: MAX_BODY, bodies: pictures, ...deps.guard }).express);

  let seq = 0;
  let current = deps.display();
  const waiters = new Set<() => void>();
  const off = deps.onDisplay((view) => {
    current = view;
    seq++;
    for (const w of [...waiters]) w();
  });
  const state = () => ({ seq, view: current, canConfirmEmpty: deps.canConfirmEmpty() });

  app.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  app.get('/app.js', (_req, res) => {
    res.type('text/javascript').send(deps.js);
  });
  app.get('/app.css', (_req, res) => {
    res.type('text/css').send(DISPLAY_CSS);
  });
  app.get('/api/display', (req, res) => {
    const after = typeof req.query.after === 'string' ? Number(req.query.after) : Number.NaN;
    if (!Number.isSafeInteger(after) || after < seq) {
      res.json(state());
      return;
    }
    const done = (): void => {
      waiters.delete(done);
      clearTimeout(timer);
      if (!res.headersSent) res.json(state());
    };
    const timer = setTimeout(done, LONG_POLL_MS);
    waiters.add(done);
    req.on('close', () => {
      waiters.delete(done);
      clearTimeout(timer);
    });
  });
  app.post('/api/box-empty', (_req, res) => {
    deps.confirmBoxEmpty();
    res.json(state());
  });
  app.post('/api/self-test', async (req, res) => {
    const phase = (req.body as { phase?: unknown } | undefined)?.phase;
    if (phase !== 'fase-1' && phase !== 'fase-2') {
      res.status(400).json({ ok: false, error: 'bad-request' });
      return;
    }
    res.json(await deps.selfTest(phase));
  });
  if (deps.sim) {
    const sim = deps.sim;
    app.post('/api/sim/scan', async (req, res) => {
      if (!(req.body instanceof Buffer) || req.body.length === 0) {
        res.status(400).json({ ok: false, error: 'bad-request' });
        return;
      }
      res.json(await sim.present(new Uint8Array(req.body)));
    });
    app.post('/api/sim/deposit', async (_req, res) => {
      res.json(await sim.deposit());
    });
  }
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error: 'not-found' });
  });
  // A malformed body is answered, never logged with its content.
  app.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(400).json({ ok: false, error: 'bad-request' });
  });
  return {
    app,
    close: () => {
      off();
      for (const w of [...waiters]) w();
    },
  };
}

export async function listen(app: express.Express, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/` };
}
