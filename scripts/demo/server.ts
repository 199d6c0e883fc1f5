// The virtual polling station's page and its small JSON API, on 127.0.0.1 with node:http.
// The devices keep their own servers (each app's real page, embedded in frames); this one
// serves the page around them, the printed paper as PNG, and the hands (/demo/api/...).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPage } from './bundle.ts';
import type { Result, Room } from './room.ts';
import type { ActionAnswer } from './types.ts';

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  port: number;
  host?: string;
  room: Room;
  urls: { console: string; box: string; hoofdbureau: string };
}

const PAGE = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Virtueel stembureau — Vlindermeer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo.css">
<script type="module" src="/demo.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`;

type Body = Record<string, unknown>;
type Handler = (params: string[], body: Body) => Promise<Result & Record<string, unknown>>;

class BadRequest extends Error {}

const MAX_BODY = 16 * 1024;

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new BadRequest('te groot'));
      else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        const v: unknown = JSON.parse(text);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) resolve(v as Body);
        else reject(new BadRequest('geen JSON-object'));
      } catch {
        reject(new BadRequest('geen JSON'));
      }
    });
    req.on('error', reject);
  });
}

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
    [/^\/demo\/api\/ballots\/([\w-]+)\/scan$/, ([id]) => room.scanAtBox(str(id))],
    [/^\/demo\/api\/ballots\/([\w-]+)\/damage$/, ([id]) => room.damage(str(id))],
    [/^\/demo\/api\/ballots\/([\w-]+)\/hand-scanner$/, ([id]) => room.handScanner(str(id))],
    [/^\/demo\/api\/ballots\/([\w-]+)\/envelope$/, ([id]) => room.toEnvelope(str(id))],
    [/^\/demo\/api\/box\/pair$/, () => room.pairBox()],
    [/^\/demo\/api\/box\/deposit$/, () => room.deposit()],
    [/^\/demo\/api\/sticks\/([AB])\/pull$/, ([p]) => room.pullStick(port(p))],
    [/^\/demo\/api\/sticks\/([AB])\/insert$/, ([p]) => room.insertStick(port(p))],
    [/^\/demo\/api\/sticks\/carry$/, () => room.carrySticks()],
    [/^\/demo\/api\/hoofdbureau\/sticks\/([\w-]+)\/check$/, ([name]) => room.checkStick(str(name))],
    [/^\/demo\/api\/hoofdbureau\/sticks\/([\w-]+)\/import$/, ([name], b) => room.importStick(str(name), b.copy === true)],
  ];
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const { room, urls } = options;
  const page = await buildPage();
  const post = routes(room);

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown): void => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET') {
      if (path === '/') return send(res, 200, 'text/html; charset=utf-8', PAGE);
      if (path === '/demo.js') return send(res, 200, 'text/javascript; charset=utf-8', page.js);
      if (path === '/demo.css') return send(res, 200, 'text/css; charset=utf-8', page.css);
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
        const result = await handler(m.slice(1), await readBody(req));
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
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${a.address}:${a.port}/`,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
