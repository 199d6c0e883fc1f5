// startConsole: the whole president console in-process — the core, the screen's HTTP server on
// loopback, the link server for the ballot box, and the stick watch — returning handles. The
// virtual polling station and the election-day simulation start it this way with simulated
// devices; bin/president-console.ts starts it on hardware from a configuration file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CardReader } from '@ovs/devices/card';
import type { ThermalPrinter } from '@ovs/devices/printer';
import type { ActivationKdf } from '@ovs/card';
import { createLinkServer } from '@ovs/link';
import { createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import { ConsoleCore, type ConsoleLogEntry } from './core/console-core.ts';
import { softwareHash } from './core/software-hash.ts';
import { reportPrinter } from './reports/reports.ts';
import { apiRouter } from './server/api.ts';
import { buildUi, INDEX_HTML } from './server/ui-bundle.ts';
import { selfTester } from './self-test/attach.ts';
import type { ReportCopies } from './core/report-data.ts';
import type { StickSource } from './sticks/stick-source.ts';

export interface StartConsoleOptions {
  /** The polling station this console is installed for. */
  station: number;
  organiserPublicKey: Uint8Array;
  sticks: StickSource;
  devices: { cardWriter: CardReader; printer: ThermalPrinter };
  /** The president's screen (loopback). Default 127.0.0.1, port 0 (any free port). */
  host?: string;
  port?: number;
  /** The link with the ballot box. Default 127.0.0.1, port 0; on hardware the cable's address. */
  link?: { host?: string; port?: number };
  /** How often the sticks are looked at, in ms; 0: only on checkSticks() (tests). Default 500. */
  pollMs?: number;
  /** The screen server's guard: further names, and the page that may embed the screen (the virtual polling station). */
  guard?: WebGuardOptions;
  /** Serve the Preact screen (default true; the simulation may not need it). */
  ui?: boolean;
  /** Serve the screen prebuilt in dist/ (bin/build-ui.ts) instead of bundling it at start. */
  prebuiltUi?: boolean;
  software?: Uint8Array;
  now?: () => Date;
  maxPasswordAttempts?: number;
  /** The scrypt cost of activation cards; default ACTIVATION_KDF. */
  activationKdf?: ActivationKdf;
  /** Copies of the PV and of the kerncijferrapport (default two each). */
  copies?: ReportCopies;
  log?: (entry: ConsoleLogEntry) => void;
}

export interface ConsoleHandle {
  /** The president's screen, e.g. http://127.0.0.1:41871/ */
  url: string;
  /** Base URL of the link for the ballot box's client. */
  linkUrl: string;
  core: ConsoleCore;
  /** The pairing code the box needs (printed as a QR code on hardware). */
  pairingCode(): Uint8Array | undefined;
  checkSticks(): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo;
      resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
    });
  });
}

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export async function startConsole(options: StartConsoleOptions): Promise<ConsoleHandle> {
  // Known once the link server listens; the technician's test reads it when it runs.
  let linkUrl = '';
  const core = new ConsoleCore({
    station: options.station,
    organiserPublicKey: options.organiserPublicKey,
    sticks: options.sticks,
    cardWriter: options.devices.cardWriter,
    printReport: reportPrinter(options.devices.printer),
    selfTester: selfTester(() => ({ cardWriter: options.devices.cardWriter, printer: options.devices.printer, sticks: options.sticks, linkUrl, organiserPublicKey: options.organiserPublicKey })),
    software: options.software ?? (await softwareHash()),
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxPasswordAttempts ? { maxPasswordAttempts: options.maxPasswordAttempts } : {}),
    ...(options.activationKdf ? { activationKdf: options.activationKdf } : {}),
    ...(options.copies ? { copies: options.copies } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  const app = express();
  app.disable('x-powered-by');
  // Own Host only, and every change from the own page with its session token (@ovs/web-guard).
  app.use(createWebGuard(options.guard).express);
  app.use('/api', apiRouter(core));
  if (options.ui ?? true) {
    const ui = buildUi({ prebuilt: options.prebuiltUi ?? false });
    app.get('/', (_req, res) => {
      res.type('html').send(INDEX_HTML);
    });
    app.get('/app.js', async (_req, res) => {
      res.type('application/javascript').send((await ui).js);
    });
    app.get('/app.css', async (_req, res) => {
      res.type('text/css').send((await ui).css);
    });
  }
  const uiServer = createServer(app);
  const link = createLinkServer({
    credentials: () => core.linkCredentials(),
    station: options.station,
    register: (bytes, attemptId) => core.registerBallot(bytes, attemptId),
    status: () => core.linkStatus(),
    event: (e) => core.boxEvent(e),
    onPaired: () => core.boxPaired(),
    onAuthenticated: () => core.boxContact(),
  });
  const linkServer = createServer(link.listener);
  const url = await listen(uiServer, options.host ?? '127.0.0.1', options.port ?? 0);
  linkUrl = await listen(linkServer, options.link?.host ?? '127.0.0.1', options.link?.port ?? 0);

  await core.checkSticks();
  const pollMs = options.pollMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = (): void => {
    timer = setTimeout(() => {
      core.checkSticks().then(
        () => !stopped && tick(),
        () => !stopped && tick(),
      );
    }, pollMs);
  };
  if (pollMs > 0) tick();

  return {
    url: `${url}/`,
    linkUrl,
    core,
    pairingCode: () => core.pairingCode(),
    checkSticks: () => core.checkSticks(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([close(uiServer), close(linkServer)]);
      await core.stop();
    },
  };
}
