// The staff's routes: login (password or e-ID), logout, the own password, who am I; staff
// management, the bureau's composition, the audit log and the server's settings. Every change
// is in the audit log; every route but the login's is behind requireAction.
import type Database from 'better-sqlite3';
import type { Express, Request, Response } from 'express';
import { fromBase64, toBase64 } from '@ovs/crypto';
import type { ElectionPackage } from '@ovs/election';
import type { WebGuard } from '@ovs/web-guard';
import { isRole, listAccounts } from '../staff/accounts.ts';
import { readAudit } from '../staff/audit.ts';
import { parseComposition, readComposition, saveComposition } from '../staff/composition.ts';
import { ACTIONS, can, operatorOf, requireAction, ROLE_NAMES, type Operator } from '../staff/permissions.ts';
import type { Staff } from '../staff/staff.ts';
import { sessionIdOf, staffSessionOf } from './session.ts';

export interface StaffRoutesContext {
  staff: Staff;
  guard: WebGuard;
  sqlite: Database.Database;
  election: ElectionPackage;
  /** What the beheerder sees of the server's set-up. */
  server: () => Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bodyOf = (req: Request): Record<string, unknown> => (req.body ?? {}) as Record<string, unknown>;
const address = (req: Request): string => req.socket.remoteAddress ?? '';

/** The person as the page sees them: name, role, what they may do. */
export const whoAmI = (operator: Operator | undefined, mustChange: boolean, loginProblem: string | undefined) => ({
  operator: operator ?? null,
  roleName: operator ? ROLE_NAMES[operator.role] : null,
  mustChange,
  allowed: operator ? ACTIONS.filter((a) => can(operator.role, a)) : [],
  ...(loginProblem ? { problem: loginProblem } : {}),
});

export function staffRoutes(app: Express, c: StaffRoutesContext): void {
  const { staff, guard } = c;

  /** A logged-in person gets a fresh guard session id (no fixation) and the session under it. */
  const startSession = (req: Request, res: Response, operator: Operator, mustChange: boolean): void => {
    const old = sessionIdOf(res);
    if (old !== undefined) staff.sessions.end(old, 'logout');
    const fresh = guard.newSession(req, res);
    staff.sessions.start(fresh.session, operator, mustChange);
    res.json({ ok: true, ...whoAmI(mustChange ? undefined : operator, mustChange, undefined), name: operator.name, csrf: fresh.csrf });
  };

  app.get('/api/me', (_req, res) => {
    const session = staffSessionOf(res);
    const problem = (res.locals as { loginProblem?: string }).loginProblem;
    res.json({ ...whoAmI(operatorOf(res), session?.mustChange ?? false, session?.mustChange ? undefined : problem), ...(session ? { name: session.operator.name, username: session.username } : {}), idleMinutes: staff.sessions.idleMs / 60_000 });
  });

  app.post('/api/login', async (req, res) => {
    const b = bodyOf(req);
    const username = str(b.username).trim().toLowerCase();
    const password = str(b.password);
    if (username === '' || password === '') return void res.status(400).json({ error: 'Vul uw gebruikersnaam en uw wachtwoord in.' });
    const r = await staff.checkPassword(username, password, address(req));
    if (!r.ok) return void res.status(r.error.code === 'limited' ? 429 : 401).json({ error: r.error.message });
    startSession(req, res, r.value.operator, r.value.mustChange);
  });

  app.post('/api/login/eid/challenge', (_req, res) => {
    const session = sessionIdOf(res);
    if (session === undefined) return void res.status(400).json({ error: 'Geen sessie: herlaad de pagina.' });
    res.json({ challenge: toBase64(staff.challenges.issue(session)) });
  });

  app.post('/api/login/eid', (req, res) => {
    const b = bodyOf(req);
    const username = str(b.username).trim().toLowerCase();
    const signature = fromBase64(str(b.signature));
    const session = sessionIdOf(res);
    if (username === '' || !signature || session === undefined) return void res.status(400).json({ error: 'Vul uw gebruikersnaam in en laat de e-ID de uitdaging ondertekenen.' });
    const r = staff.checkEid(username, session, req.headers.host ?? '', signature, address(req));
    if (!r.ok) return void res.status(r.error.code === 'limited' ? 429 : 401).json({ error: r.error.message });
    startSession(req, res, r.value.operator, false);
  });

  app.post('/api/logout', (_req, res) => {
    // The id stays dead in the store (which says why); the next login gives a fresh one.
    const session = sessionIdOf(res);
    if (session !== undefined) staff.sessions.end(session, 'logout');
    res.json({ ok: true });
  });

  app.post('/api/password', async (req, res) => {
    const session = staffSessionOf(res);
    if (!session) return void res.status(401).json({ error: 'Meld u eerst aan.' });
    const b = bodyOf(req);
    const r = await staff.changePassword(session, str(b.current), str(b.next));
    if (!r.ok) return void res.status(400).json({ error: r.error });
    res.json({ ok: true, ...whoAmI(session.operator, false, undefined) });
  });

  // ---- staff management ------------------------------------------------------------------------

  app.get('/api/staff', requireAction('staff.manage'), (_req, res) => {
    const active = new Map(staff.sessions.active().map((s) => [s.username, s.lastSeen]));
    const lastSeen = (username: string): string | null => {
      const t = active.get(username);
      return t === undefined ? null : new Date(t).toISOString();
    };
    res.json({ accounts: listAccounts(c.sqlite).map((a) => ({ ...a, lastSeen: lastSeen(a.username) })) });
  });

  app.post('/api/staff', requireAction('staff.manage'), async (req, res) => {
    const b = bodyOf(req);
    const role = b.role;
    if (!isRole(role)) return void res.status(400).json({ error: 'Kies een rol.' });
    const eidKey = b.eidKey === undefined || b.eidKey === '' ? undefined : fromBase64(str(b.eidKey));
    if (eidKey === undefined && b.eidKey !== undefined && b.eidKey !== '') return void res.status(400).json({ error: 'De e-ID-sleutel is geen base64.' });
    const r = await staff.create(operatorOf(res)!, { username: str(b.username).trim().toLowerCase(), name: str(b.name), role, ...(eidKey ? { eidKey } : {}) });
    if (!r.ok) return void res.status(r.error.code === 'not-allowed' ? 403 : 400).json({ error: r.error.message });
    res.json({ account: r.value.account, temporaryPassword: r.value.temporaryPassword });
  });

  app.post('/api/staff/:username/reset', requireAction('staff.manage'), async (req: Request<{ username: string }>, res) => {
    const r = await staff.resetPassword(operatorOf(res)!, req.params.username);
    if (!r.ok) return void res.status(r.error.code === 'not-allowed' ? 403 : r.error.code === 'unknown' ? 404 : 400).json({ error: r.error.message });
    res.json({ temporaryPassword: r.value });
  });

  app.post('/api/staff/:username/active', requireAction('staff.manage'), (req: Request<{ username: string }>, res) => {
    const active = bodyOf(req).active;
    if (typeof active !== 'boolean') return void res.status(400).json({ error: 'Zeg of het account in- of uitgeschakeld wordt (active: true of false).' });
    const r = staff.setActive(operatorOf(res)!, req.params.username, active);
    if (!r.ok) return void res.status(r.error.code === 'not-allowed' ? 403 : 404).json({ error: r.error.message });
    res.json({ ok: true });
  });

  app.post('/api/staff/:username/eid', requireAction('staff.manage'), (req: Request<{ username: string }>, res) => {
    const raw = bodyOf(req).key;
    const key = raw === null ? undefined : fromBase64(str(raw));
    if (raw !== null && !key) return void res.status(400).json({ error: 'Geef de publieke sleutel van de e-ID in base64 (of null om ze te verwijderen).' });
    const r = staff.setEid(operatorOf(res)!, req.params.username, key);
    if (!r.ok) return void res.status(r.error.code === 'not-allowed' ? 403 : r.error.code === 'unknown' ? 404 : 400).json({ error: r.error.message });
    res.json({ ok: true });
  });

  // ---- the bureau -------------------------------------------------------------------------------

  app.get('/api/composition', requireAction('results.view'), (_req, res) => {
    res.json({
      composition: readComposition(c.sqlite),
      elections: c.election.elections.map((e) => ({ id: e.id, title: e.title, lists: e.lists.map((l) => ({ number: l.number, name: l.name })) })),
    });
  });

  app.post('/api/composition', requireAction('bureau.composition'), (req, res) => {
    const parsed = parseComposition(req.body, c.election);
    if (!parsed.ok) return void res.status(400).json({ error: parsed.error });
    saveComposition(c.sqlite, parsed.value);
    const p = parsed.value;
    staff.audit(operatorOf(res)!, 'bureau.composition', `samenstelling: voorzitter ${p.voorzitter || '—'}, secretaris ${p.secretaris || '—'}, ${p.bijzitters.length} bijzitter(s), ${p.witnesses.length} getuige(n)`);
    res.json({ composition: readComposition(c.sqlite) });
  });

  app.get('/api/audit', requireAction('audit.view'), (_req, res) => {
    res.json({ entries: readAudit(c.sqlite) });
  });

  app.get('/api/server', requireAction('server.settings'), (_req, res) => {
    res.json(c.server());
  });
}
