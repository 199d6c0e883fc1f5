// startConsole: the whole president console in-process — the core, the screen's HTTP server on
// loopback, the link server for the ballot box, and the stick watch — returning handles. The
// virtual polling station and the election-day simulation start it this way with simulated
// devices; bin/president-console.ts starts it on hardware from a configuration file.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CardReader } from '@ovs/devices/card';
import type { ThermalPrinter } from '@ovs/devices/printer';
import type { ActivationKdf } from '@ovs/card';
import { createLinkServer, MAX_VC_ALARM_BYTES, VC_ALARM_PATH } from '@ovs/link';
import { createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import { ConsoleCore, type ConsoleLogEntry } from './core/console-core.ts';
import { deviceSoftware } from '@ovs/release/files';
import type { ExpertMedium } from './core/expert-medium.ts';
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
  /** The link with the ballot box. Default 127.0.0.1, port 0; on hardware the cable's address. It also takes the voting computers' alarms (simulation). */
  link?: { host?: string; port?: number };
  /** On hardware: a listener for the voting computers' signed alarms only, on their network segment (HARDWARE.md). */
  alarms?: { host: string; port: number };
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
  /** The third medium for the college of experts' copy (decree art. 12): on hardware the third USB port's mount point. */
  expertMedium?: ExpertMedium;
}

export interface ConsoleHandle {
  /** The president's screen, e.g. http://127.0.0.1:41871/ */
  url: string;
  /** Base URL of the link for the ballot box's client. */
  linkUrl: string;
  /** Base URL of the alarms listener for the voting computers, when `alarms` was given (otherwise they use linkUrl). */
  alarmsUrl: string | undefined;
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

/** The body of a POST to VC_ALARM_PATH, at most MAX_VC_ALARM_BYTES; undefined otherwise. */
function vcAlarmRequest(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    if (req.method !== 'POST') {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_VC_ALARM_BYTES) {
        // Answered, then the connection is dropped: no more of it is read.
        req.pause();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_VC_ALARM_BYTES ? undefined : new Uint8Array(Buffer.concat(chunks))));
    req.on('error', () => resolve(undefined));
  });
}

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
    software: options.software ?? (await deviceSoftware('voorzitterscomputer')),
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxPasswordAttempts ? { maxPasswordAttempts: options.maxPasswordAttempts } : {}),
    ...(options.activationKdf ? { activationKdf: options.activationKdf } : {}),
    ...(options.copies ? { copies: options.copies } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.expertMedium ? { expertMedium: options.expertMedium } : {}),
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
  // The voting computers' signed alarms (@ovs/link vc-alarm.ts): 204 or 400, nothing else.
  const alarm = (req: IncomingMessage, res: ServerResponse): void => {
    void vcAlarmRequest(req).then(async (bytes) => {
      const r = bytes ? await core.vcAlarm(bytes) : { ok: false as const, error: 'malformed' as const };
      res.writeHead(r.ok ? 204 : 400, { 'cache-control': 'no-store', ...(bytes ? {} : { connection: 'close' }) }).end();
      if (!bytes) res.once('finish', () => req.destroy());
    });
  };
  // The link listener takes the alarms too; everything else on it is the box's link.
  const linkServer = createServer((req, res) => (req.url === VC_ALARM_PATH ? alarm(req, res) : link.listener(req, res)));
  const alarmServer = options.alarms
    ? createServer((req, res) => {
        if (req.url === VC_ALARM_PATH) alarm(req, res);
        else res.writeHead(404).end();
      })
    : undefined;
  const url = await listen(uiServer, options.host ?? '127.0.0.1', options.port ?? 0);
  linkUrl = await listen(linkServer, options.link?.host ?? '127.0.0.1', options.link?.port ?? 0);
  const alarmsUrl = alarmServer && options.alarms ? await listen(alarmServer, options.alarms.host, options.alarms.port) : undefined;

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
    alarmsUrl,
    core,
    pairingCode: () => core.pairingCode(),
    checkSticks: () => core.checkSticks(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([close(uiServer), close(linkServer), ...(alarmServer ? [close(alarmServer)] : [])]);
      await core.stop();
    },
  };
}
