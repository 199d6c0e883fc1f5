// The council's web server: Express behind the web guard (own Host only, no CORS, every change
// same-origin JSON with the session's CSRF token), the Preact screens, the JSON API over the
// core, live updates by Server-Sent Events, and the documents. A person logs in with a password
// (a fresh login token in an HttpOnly cookie each time); the projector has a read-only link with
// a random key. startCouncil({ file, port }) → { url, council, stop() }.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import type { Result } from '@ovs/basics';
import { cookieValues, createWebGuard, type WebGuardOptions } from '@ovs/web-guard';
import { actorForToken, login, logout, newLogin } from '../accounts.ts';
import type { Clock } from '../clock.ts';
import { openCouncil, type Council } from '../council.ts';
import { ballotPdf, votesCsv, votesPdf } from '../documents.ts';
import { HTTP_STATUS, type CouncilError } from '../errors.ts';
import { readMeeting } from '../meeting.ts';
import { can, type Actor } from '../roles.ts';
import { uiBundle } from './bundle.ts';
import { createLive, viewFor, type Audience } from './live.ts';
import { PAGE, PAGE_CSS } from './page.ts';
import { parseBallot, parseCounts, parseId, parseVote } from './parse.ts';

export interface StartOptions {
  file: string;
  port?: number;
  host?: string;
  clock?: Clock;
  log?: (line: string) => void;
  guard?: WebGuardOptions;
  /** Demo only: `/demo/<token>` logs in as the account (the addresses `council serve --demo` prints). */
  demoLinks?: Map<string, string>;
  /** Use an open council instead of opening one (not closed by stop()). */
  council?: Council;
}

export interface RunningCouncil {
  url: string;
  council: Council;
  stop(): Promise<void>;
}

export async function startCouncil(options: StartOptions): Promise<RunningCouncil> {
  let council = options.council;
  const owned = council === undefined;
  if (!council) {
    const opened = openCouncil({ file: options.file, ...(options.clock ? { clock: options.clock } : {}), ...(options.log ? { log: options.log } : {}) });
    if (!opened.ok) throw new Error(opened.error);
    council = opened.value;
  }
  const c = council;
  const live = createLive(c);
  const app = express();
  app.disable('x-powered-by');
  app.use(createWebGuard(options.guard).express);

  let port = 0;
  const cookieName = (): string => `council-login-${port}`;
  const tokenOf = (req: Request): string | undefined => cookieValues(req.headers.cookie, cookieName()).find((v) => /^[0-9a-f]{64}$/.test(v));
  const actorOf = (req: Request): Actor | undefined => actorForToken(c.sqlite, tokenOf(req));
  const setLogin = (res: Response, token: string): void => void res.setHeader('Set-Cookie', `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`);

  const refuse = (res: Response, e: CouncilError): void => void res.status(HTTP_STATUS[e.code]).json({ ok: false, error: e.code, message: e.message });
  const answer = <T>(res: Response, r: Result<T, CouncilError>): void => {
    if (r.ok) res.json({ ok: true, value: r.value ?? null });
    else refuse(res, r.error);
  };
  /** The logged-in person, or a 401 already sent. */
  const who = (req: Request, res: Response): Actor | undefined => {
    const a = actorOf(req);
    if (!a) refuse(res, { code: 'not-logged-in', message: 'Meld u eerst aan (uw aanmelding is verlopen of werd op een ander toestel beëindigd).' });
    return a;
  };
  const bad = (res: Response, message: string): void => refuse(res, { code: 'bad-input', message });
  const idParam = (req: Request<{ id: string }>, res: Response): number | undefined => {
    const id = parseId(req.params.id);
    if (id === undefined) bad(res, 'Dat nummer bestaat niet.');
    return id;
  };
  const projectorKey = (key: string): boolean => readMeeting(c.sqlite)?.projectorKey === key;
  const audienceOf = (a: Actor): Audience => (a.role === 'raadslid' ? { kind: 'member', memberId: a.memberId } : { kind: 'control' });

  app.get('/', (_req, res) => void res.type('html').send(PAGE));
  app.get('/projectie/:key', (_req, res) => void res.type('html').send(PAGE));
  app.get('/app.js', async (_req, res) => void res.type('application/javascript').send(await uiBundle()));
  app.get('/app.css', (_req, res) => void res.type('text/css').send(PAGE_CSS));

  app.get('/demo/:token', (req: Request<{ token: string }>, res) => {
    const username = options.demoLinks?.get(req.params.token);
    if (!username) return void res.status(404).type('text/plain; charset=utf-8').send('Deze demolink is onbekend.');
    setLogin(res, newLogin(c.sqlite, username, c.clock.now()));
    res.redirect(303, '/');
  });

  app.get('/api/me', (req, res) => {
    const a = actorOf(req);
    res.json({ ok: true, value: a ? { username: a.username, name: a.name, role: a.role, memberId: a.memberId } : null });
  });
  app.post('/api/login', async (req, res) => {
    const body = req.body as { username?: unknown; password?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string' || body.username.length > 40 || body.password.length > 200) return bad(res, 'Vul uw gebruikersnaam en wachtwoord in.');
    const r = await login(c.sqlite, body.username.trim().toLowerCase(), body.password, c.clock.now());
    if (!r.ok) return refuse(res, r.error);
    c.audit(r.value.actor, 'aangemeld', '');
    setLogin(res, r.value.token);
    res.json({ ok: true, value: { username: r.value.actor.username, name: r.value.actor.name, role: r.value.actor.role, memberId: r.value.actor.memberId } });
  });
  app.post('/api/logout', (req, res) => {
    const token = tokenOf(req);
    if (token) logout(c.sqlite, token);
    res.setHeader('Set-Cookie', `${cookieName()}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.json({ ok: true, value: null });
  });

  app.get('/api/view', (req, res) => {
    const a = who(req, res);
    if (a) res.json({ ok: true, value: viewFor(c, audienceOf(a)) });
  });
  app.get('/api/events', (req, res) => {
    const a = who(req, res);
    if (a) live.subscribe(res, audienceOf(a));
  });
  app.get('/api/projectie/:key/events', (req: Request<{ key: string }>, res) => {
    if (!projectorKey(req.params.key)) return refuse(res, { code: 'forbidden', message: 'Deze projectielink is niet (meer) geldig: vraag het secretariaat de juiste link.' });
    live.subscribe(res, { kind: 'projector' });
  });

  app.post('/api/rounds/:id/vote', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    const id = a && idParam(req, res);
    if (!a || id === undefined) return;
    const p = parseVote(req.body);
    if (!p.ok) return bad(res, p.error);
    answer(res, c.vote(a, id, p.value.vote, p.value.key));
  });
  app.post('/api/ballots/:id/open', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    const id = a && idParam(req, res);
    if (!a || id === undefined) return;
    const limit = (req.body as { limitSeconds?: unknown }).limitSeconds;
    if (limit !== undefined && limit !== null && typeof limit !== 'number') return bad(res, 'De tijdslimiet is een aantal seconden.');
    answer(res, c.openRound(a, id, typeof limit === 'number' ? { limitSeconds: limit } : {}));
  });
  for (const [path, act] of [
    ['close', (a: Actor, id: number) => c.closeRound(a, id)],
    ['release', (a: Actor, id: number) => c.releaseRound(a, id)],
    ['reset', (a: Actor, id: number) => c.resetRound(a, id)],
  ] as const) {
    app.post(`/api/rounds/:id/${path}`, (req: Request<{ id: string }>, res) => {
      const a = who(req, res);
      const id = a && idParam(req, res);
      if (a && id !== undefined) answer(res, act(a, id));
    });
  }
  app.post('/api/ballots/:id/manual', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    const id = a && idParam(req, res);
    if (!a || id === undefined) return;
    const p = parseCounts(req.body);
    if (!p.ok) return bad(res, p.error);
    answer(res, c.enterManual(a, id, p.value));
  });
  app.post('/api/items', (req, res) => {
    const a = who(req, res);
    if (!a) return;
    const b = req.body as { title?: unknown; description?: unknown; thirdConvocation?: unknown };
    if (typeof b.title !== 'string' || (b.description !== undefined && typeof b.description !== 'string')) return bad(res, 'Geef het agendapunt een titel.');
    answer(res, c.addItem(a, { title: b.title, description: typeof b.description === 'string' ? b.description : '', thirdConvocation: b.thirdConvocation === true }));
  });
  app.post('/api/items/:id/ballots', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    const id = a && idParam(req, res);
    if (!a || id === undefined) return;
    const p = parseBallot(req.body);
    if (!p.ok) return bad(res, p.error);
    answer(res, c.createBallot(a, id, p.value));
  });
  app.post('/api/ballots/:id', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    const id = a && idParam(req, res);
    if (!a || id === undefined) return;
    const p = parseBallot(req.body);
    if (!p.ok) return bad(res, p.error);
    answer(res, c.updateBallot(a, id, p.value));
  });
  app.post('/api/ballots/:id/delete', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    const id = a && idParam(req, res);
    if (a && id !== undefined) answer(res, c.deleteBallot(a, id));
  });
  app.post('/api/members/:id/presence', (req: Request<{ id: string }>, res) => {
    const a = who(req, res);
    if (!a) return;
    const present = (req.body as { present?: unknown }).present;
    if (typeof present !== 'boolean') return bad(res, 'Zeg of het raadslid aanwezig is (ja of nee).');
    answer(res, c.setPresence(a, req.params.id, present));
  });
  app.post('/api/pointer', (req, res) => {
    const a = who(req, res);
    if (!a) return;
    const itemId = (req.body as { itemId?: unknown }).itemId;
    if (itemId !== null && (typeof itemId !== 'number' || !Number.isInteger(itemId))) return bad(res, 'Kies een agendapunt.');
    answer(res, c.setPointer(a, itemId));
  });

  const documentsAllowed = (req: Request, res: Response): Actor | undefined => {
    const a = who(req, res);
    if (a && !can(a, 'meeting.export')) {
      refuse(res, { code: 'forbidden', message: 'Alleen de voorzitter en het secretariaat kunnen de stemmingen exporteren.' });
      return undefined;
    }
    return a;
  };
  app.get('/api/ballots/:id/stembrief.pdf', async (req: Request<{ id: string }>, res) => {
    const a = documentsAllowed(req, res);
    const id = a && idParam(req, res);
    if (!a || id === undefined) return;
    const doc = ballotPdf(c.sqlite, id);
    if (!doc) return refuse(res, { code: 'unknown-ballot', message: 'Die stembrief bestaat niet (meer).' });
    c.audit(a, 'stembrief als pdf', `stembrief ${id}`);
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="stembrief-${id}.pdf"`);
    res.send(await doc);
  });
  app.get('/export/stemmingen.csv', (req, res) => {
    const a = documentsAllowed(req, res);
    if (!a) return;
    c.audit(a, 'stemmingen geëxporteerd', 'csv');
    res.attachment('stemmingen.csv').type('text/csv; charset=utf-8').send(votesCsv(c.sqlite));
  });
  app.get('/export/stemmingen.pdf', async (req, res) => {
    const a = documentsAllowed(req, res);
    if (!a) return;
    c.audit(a, 'stemmingen geëxporteerd', 'pdf');
    res.type('application/pdf').setHeader('Content-Disposition', 'inline; filename="stemmingen.pdf"');
    res.send(await votesPdf(c.sqlite));
  });
  app.get('/api/audit', (req, res) => {
    const a = who(req, res);
    if (!a) return;
    if (!can(a, 'audit.view')) return refuse(res, { code: 'forbidden', message: 'Alleen de voorzitter en het secretariaat lezen het auditlogboek.' });
    res.json({ ok: true, value: c.sqlite.prepare('SELECT seq, at, username, role, action, detail FROM audit ORDER BY seq DESC LIMIT 200').all() });
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    council: c,
    async stop() {
      live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (owned) c.close();
    },
  };
}
