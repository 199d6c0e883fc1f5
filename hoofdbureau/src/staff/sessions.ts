// Who is logged in where: the server's memory, keyed by the web guard's session id (its cookie;
// a fresh id at every login, so a cookie planted before the login is worth nothing after it).
// One session per person: a new login ends the old one. A session that stays idle longer than
// the limit ends. A restart ends every session, as it ends every CSRF token of the guard.
// The clock is passed in, so that tests say "16 minutes later" instead of waiting.

import type { Operator } from './permissions.ts';

export type EndReason = 'elsewhere' | 'idle' | 'logout' | 'account-changed';

export const END_MESSAGES: Record<EndReason, string> = {
  elsewhere: 'U bent afgemeld: met uw account werd op een andere werkpost aangemeld. Meld u opnieuw aan (dan eindigt de sessie daar).',
  idle: 'U bent afgemeld omdat de werkpost te lang niet gebruikt werd. Meld u opnieuw aan.',
  logout: 'U bent afgemeld. Meld u aan om verder te werken.',
  'account-changed': 'U bent afgemeld: uw account werd gewijzigd (nieuw wachtwoord of uitgeschakeld). Meld u opnieuw aan.',
};

export interface StaffSession {
  readonly id: string;
  readonly username: string;
  readonly operator: Operator;
  /** A temporary password: only the password change is open. */
  mustChange: boolean;
  readonly since: number;
  lastSeen: number;
}

export type Lookup = { kind: 'active'; session: StaffSession } | { kind: 'ended'; reason: EndReason } | { kind: 'none' };

export interface SessionStoreOptions {
  /** Idle limit in ms; default 15 minutes. */
  idleMs?: number;
  now?: () => number;
}

export const DEFAULT_IDLE_MS = 15 * 60 * 1000;
// Ended ids are remembered only to say why (bounded: a flood of logins cannot fill the memory).
const ENDED_KEPT = 1000;

export class SessionStore {
  readonly idleMs: number;
  readonly #now: () => number;
  readonly #byId = new Map<string, StaffSession>();
  readonly #byUser = new Map<string, string>();
  readonly #ended = new Map<string, EndReason>();

  constructor(o: SessionStoreOptions = {}) {
    this.idleMs = o.idleMs ?? DEFAULT_IDLE_MS;
    this.#now = o.now ?? Date.now;
  }

  now(): number {
    return this.#now();
  }

  /** A new session for `username` under `id`; the person's earlier session ends ('elsewhere'). */
  start(id: string, operator: Operator, mustChange: boolean): StaffSession {
    const username = operator.username;
    const earlier = this.#byUser.get(username);
    if (earlier !== undefined) this.#end(earlier, 'elsewhere');
    const t = this.#now();
    const session: StaffSession = { id, username, operator, mustChange, since: t, lastSeen: t };
    this.#byId.set(id, session);
    this.#byUser.set(username, id);
    return session;
  }

  /**
   * The session under `id`. A person's request restarts its idle time; the page's own refresh
   * every few seconds (`activity: false`) does not, or an unattended workstation never ends.
   */
  touch(id: string, activity = true): Lookup {
    const session = this.#byId.get(id);
    if (!session) {
      const reason = this.#ended.get(id);
      return reason ? { kind: 'ended', reason } : { kind: 'none' };
    }
    const t = this.#now();
    if (t - session.lastSeen > this.idleMs) {
      this.#end(id, 'idle');
      return { kind: 'ended', reason: 'idle' };
    }
    if (activity) session.lastSeen = t;
    return { kind: 'active', session };
  }

  end(id: string, reason: EndReason): void {
    if (this.#byId.has(id)) this.#end(id, reason);
  }

  /** Ends the person's session, if any (password reset, account switched off). */
  endUser(username: string, reason: EndReason): void {
    const id = this.#byUser.get(username);
    if (id !== undefined) this.#end(id, reason);
  }

  /** Without ending or touching anything: whether `id` is a live session (several cookies of one name). */
  has(id: string): boolean {
    const s = this.#byId.get(id);
    return s !== undefined && this.#now() - s.lastSeen <= this.idleMs;
  }

  /** Who is logged in (for the staff screen); idle sessions are ended first. */
  active(): StaffSession[] {
    const t = this.#now();
    for (const s of [...this.#byId.values()]) if (t - s.lastSeen > this.idleMs) this.#end(s.id, 'idle');
    return [...this.#byId.values()];
  }

  #end(id: string, reason: EndReason): void {
    const session = this.#byId.get(id);
    this.#byId.delete(id);
    if (session && this.#byUser.get(session.username) === id) this.#byUser.delete(session.username);
    this.#ended.set(id, reason);
    if (this.#ended.size > ENDED_KEPT) this.#ended.delete(this.#ended.keys().next().value!);
  }
}
