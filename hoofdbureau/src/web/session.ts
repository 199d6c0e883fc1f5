// The session middleware: after the web guard, before every route. It finds the logged-in
// person behind the request and sets res.locals.operator (staff/permissions.ts requireAction
// reads it). A change carries the guard's session id whose CSRF token matched; a read has only
// the cookie — of which a page elsewhere on the host may have added another of the same name, so
// the one that is a live session counts, and two live ones count as none.
import type { NextFunction, Request, Response } from 'express';
import { cookieValues, isSessionId, sessionCookieName } from '@ovs/web-guard';
import { END_MESSAGES, type StaffSession } from '../staff/sessions.ts';
import type { Staff } from '../staff/staff.ts';

/** The header the page's own refresh sends: it does not count as activity (staff/sessions.ts). */
export const POLL_HEADER = 'X-OVS-Poll';

export const MUST_CHANGE_MESSAGE = 'U bent aangemeld met een tijdelijk wachtwoord: kies eerst een nieuw wachtwoord.';

export interface SessionLocals {
  /** The guard's session id of this request (the cookie), logged in or not. */
  sessionId?: string;
  staffSession?: StaffSession;
}

export const staffSessionOf = (res: Response): StaffSession | undefined => (res.locals as SessionLocals).staffSession;
export const sessionIdOf = (res: Response): string | undefined => (res.locals as SessionLocals).sessionId;

function sessionIdFor(req: Request, res: Response, staff: Staff): string | undefined {
  const change = (res.locals as { session?: string }).session;
  if (change !== undefined) return change;
  const ids = cookieValues(req.headers.cookie, sessionCookieName(req.socket.localPort ?? 0)).filter(isSessionId);
  const live = ids.filter((id) => staff.sessions.has(id));
  if (live.length === 1) return live[0];
  return live.length === 0 ? ids[0] : undefined;
}

export function sessionMiddleware(staff: Staff) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const locals = res.locals as SessionLocals & { operator?: unknown; loginProblem?: string };
    const id = sessionIdFor(req, res, staff);
    if (id === undefined) return next();
    locals.sessionId = id;
    const found = staff.sessions.touch(id, req.headers[POLL_HEADER.toLowerCase()] === undefined);
    switch (found.kind) {
      case 'none':
        break;
      case 'ended':
        locals.loginProblem = END_MESSAGES[found.reason];
        break;
      case 'active':
        locals.staffSession = found.session;
        if (found.session.mustChange) locals.loginProblem = MUST_CHANGE_MESSAGE;
        else locals.operator = found.session.operator;
        break;
      default:
        found satisfies never;
    }
    next();
  };
}
