// The virtual polling station's page and its small JSON API, on 127.0.0.1 with node:http.
// The devices keep their own servers (each app's real page, embedded in frames); this one
// serves the page around them, the printed paper as PNG, and the hands (/demo/api/...).
// It listens before the devices start, so that each device can be told the one page that may
// embed its screen; until serve() it answers that it is still starting. The web guard in front
// (@ovs/web-guard) answers only to the page's own address and takes a hand's move only from the
// page itself with the session's token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebGuard, type WebGuard } from '@ovs/web-guard';
import { buildPage } from './bundle.ts';
import type { Result, Room } from './room.ts';
import type { ActionAnswer } from './types.ts';
import { appPage } from '@ovs/ui/page';

export interface DeviceUrls {
  console: string;
  box: string;
  hoofdbureau: string;
}

export interface DemoServer {
  url: string;
  /** The page's origin, by address and as localhost: exactly these may embed the devices' screens. */
  origins: string[];
  /** From now on the page and the hands work. `frames`: every device page the page embeds. */
  serve(room: Room, urls: DeviceUrls, frames: readonly string[]): void;
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  port: number;
  host?: string;
}

/** An origin by address and by the name localhost, for a browser that opened either. */
export function originsOf(url: string): string[] {
  const u = new URL(url);
  return [u.origin, `${u.protocol}//localhost:${u.port}`];
}

const PAGE = appPage({ title: 'Virtueel stembureau — Vlindermeer', script: '/demo.js', style: '/demo.css' });

type Body = Record<string, unknown>;
type Handler = (params: string[], body: Body) => Promise<Result & Record<string, unknown>>;

class BadRequest extends Error {}

const port = (p: string | undefined): 'A' | 'B' => {
  if (p === 'A' || p === 'B') return p;
  throw new BadRequest('stick A of B');
};
const int = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new BadRequest('geen getal');
  return n;
};
const str = (v: unknown): string => {
  if (typeof v !== 'string' || v === '') throw new BadRequest('tekst ontbreekt');
  return v;
};

/** POST routes: a pattern with (…) captures, and what the hands do. */
function routes(room: Room): Array<[RegExp, Handler]> {
  return [
    [/^\/demo\/api\/cards\/([\w-]+)\/insert$/, ([id], b) => room.insertCard(str(id), int(b.booth))],
    [/^\/demo\/api\/cards\/([\w-]+)\/return$/, ([id]) => room.returnCard(str(id))],
    [/^\/demo\/api\/booths\/(\d+)\/remove-card$/, ([n]) => room.removeCard(int(n))],
    [/^\/demo\/api\/booths\/(\d+)\/take$/, ([n]) => room.takeBallot(int(n))],
    [
      /^\/demo\/api\/booths\/(\d+)\/paper$/,
      ([n], b) => {
        if (b.paper !== 'ok' && b.paper !== 'out') throw new BadRequest('paper: "ok" of "out"');
        return room.setPaper(int(n), b.paper);
      },
    ],
    [
      /^\/demo\/api\/console\/paper$/,
      (_m, b) => {
        if (b.paper !== 'ok' && b.paper !== 'out') throw new BadRequest('paper: "ok" of "out"');
        return room.setConsolePaper(b.paper);
      },
    ],
    [/^\/demo\/api\/ballots\/([\w-]+)\/scan$/, ([id]) => room.scanAtBox(str(id))],
    [/^\/demo\/api\/ballots\/([\w-]+)\/damage$/, ([id]) => room.damage(str(id))],
    [/^\/demo\/api\/ballots\/([\w-]+)\/hand-scanner$/, ([id]) => room.handScanner(str(id))],
    [/^\/demo\/api\/ballots\/([\w-]+)\/envelope$/, ([id]) => room.toEnvelope(str(id))],
    [/^\/demo\/api\/box\/pair$/, () => room.pairBox()],
    [/^\/demo\/api\/box\/deposit$/, () => room.deposit()],
    [/^\/demo\/api\/box\/replace$/, () => room.replaceBox()],
    [/^\/demo\/api\/sticks\/([AB])\/pull$/, ([p]) => room.pullStick(port(p))],
    [/^\/demo\/api\/sticks\/([AB])\/insert$/, ([p]) => room.insertStick(port(p))],
    [/^\/demo\/api\/sticks\/carry$/, () => room.carrySticks()],
    [/^\/demo\/api\/hoofdbureau\/sticks\/([\w-]+)\/check$/, ([name]) => room.checkStick(str(name))],
    [/^\/demo\/api\/hoofdbureau\/sticks\/([\w-]+)\/import$/, ([name], b) => room.importStick(str(name), b.copy === true)],
  ];
}

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const page = buildPage();
  let ready: { room: Room; urls: DeviceUrls; post: Array<[RegExp, Handler]> } | undefined;
  // Replaced at serve(), when the devices it frames are known.
  let guard: WebGuard = createWebGuard();

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array): void => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown): void => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const checked = await guard.check(req, res);
    if (!checked.ok) return;
    if (!ready) return json(res, 503, { ok: false, message: 'Het virtuele stembureau start nog; herlaad de pagina zo meteen.' });
    const { room, urls, post } = ready;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/') return send(res, 200, 'text/html; charset=utf-8', PAGE);
      if (path === '/demo.js') return send(res, 200, 'text/javascript; charset=utf-8', (await page).js);
      if (path === '/demo.css') return send(res, 200, 'text/css; charset=utf-8', (await page).css);
      if (path === '/demo/api/state') return json(res, 200, room.state(urls));
      const ticket = /^\/demo\/tickets\/([\w-]+)\.png$/.exec(path);
      if (ticket) {
        const png = room.ticketPng(ticket[1] ?? '');
        return png ? send(res, 200, 'image/png', png) : json(res, 404, { ok: false, message: 'Geen afdruk met dat nummer.' });
      }
      return json(res, 404, { ok: false, message: 'Niet gevonden.' });
    }
    if (req.method !== 'POST') return json(res, 405, { ok: false, message: 'Alleen GET en POST.' });
    for (const [pattern, handler] of post) {
      const m = pattern.exec(path);
      if (!m) continue;
      try {
        if (!isObject(checked.body)) throw new BadRequest('geen JSON-object');
        const result = await handler(m.slice(1), checked.body);
        const answer: ActionAnswer & Record<string, unknown> = { ...result, state: room.state(urls) };
        return json(res, result.ok ? 200 : 409, answer);
      } catch (e) {
        if (e instanceof BadRequest) return json(res, 400, { ok: false, message: `Ongeldige vraag: ${e.message}.` });
        throw e;
      }
    }
    return json(res, 404, { ok: false, message: 'Niet gevonden.' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('virtueel stembureau:', e);
      if (!res.headersSent) json(res, 500, { ok: false, message: 'Interne fout; zie de terminal.' });
      else res.destroy();
    });
  });
  const listen = (p: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  // The usual port may be taken (a second demo, another program): any free port will do.
  await listen(options.port).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE' || options.port === 0) throw e;
    return listen(0);
  });
  const a = server.address() as AddressInfo;
  const url = `http://${a.address}:${a.port}/`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    origins: originsOf(url),
    serve(room, urls, frames) {
      guard = createWebGuard({ frames });
      ready = { room, urls, post: routes(room) };
    },
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
