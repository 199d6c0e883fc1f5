// Who may do what at the hoofdbureau (seed 001 §XII, issue 12). The roles are the bureau's own
// (decree art. 24: the voorzitter, the secretaris, the bijzitters), the other person the
// voorzitter authorises, the typists of the paper counts, and a technical beheerder who sets up
// the server but has no power over the count. One table, so that a test can try every action
// with every role.
import type { NextFunction, Request, Response } from 'express';

export const ROLES = ['voorzitter', 'gemachtigde', 'secretaris', 'bijzitter', 'invoerder', 'beheerder'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  voorzitter: 'voorzitter',
  gemachtigde: 'andere gemachtigde persoon',
  secretaris: 'secretaris',
  bijzitter: 'bijzitter',
  invoerder: 'invoerder',
  beheerder: 'technisch beheerder',
};

/** The person behind a request, set by the session middleware on `res.locals.operator`. */
export interface Operator {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
}

const CHAIR = ['voorzitter', 'gemachtigde'] as const satisfies readonly Role[];
const BUREAU = ['voorzitter', 'gemachtigde', 'secretaris', 'bijzitter'] as const satisfies readonly Role[];
const COUNTING = [...BUREAU, 'invoerder'] as const satisfies readonly Role[];

/** Every action that reads or changes the count, and the roles that may take it. */
export const PERMISSIONS = {
  // Reading
  'results.view': COUNTING,
  'audit.view': [...BUREAU, 'beheerder'],
  // Sticks (digital stations)
  'stick.check': BUREAU,
  'stick.import': BUREAU,
  'stick.accept-other-day': CHAIR,
  'rescan.import': CHAIR,
  // Paper counts (telbureaus)
  'paper.configure': CHAIR,
  'paper.entry': ['invoerder', 'secretaris', 'bijzitter'],
  'paper.resolve': CHAIR,
  'paper.lock': CHAIR,
  // The bureau
  'bureau.composition': CHAIR,
  'staff.manage': CHAIR,
  'pv.print': BUREAU,
  'results.export': BUREAU,
  // The server itself (no power over the count)
  'server.settings': ['beheerder'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

export function operatorOf(res: Response): Operator | undefined {
  return (res.locals as { operator?: Operator }).operator;
}

/** Why a request has no operator, when the session middleware knows (ended elsewhere, idle, a password to change first). */
export const loginProblemOf = (res: Response): string | undefined => (res.locals as { loginProblem?: string }).loginProblem;

/** Express middleware: 401 without a session, 403 for a role that may not; nothing changes. */
export function requireAction(action: Action) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const operator = operatorOf(res);
    if (!operator) {
      res.status(401).json({ error: loginProblemOf(res) ?? 'Meld u eerst aan.' });
      return;
    }
    if (!can(operator.role, action)) {
      res.status(403).json({ error: `Als ${ROLE_NAMES[operator.role]} mag u dit niet doen.` });
      return;
    }
    next();
  };
}
