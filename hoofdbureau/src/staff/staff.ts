// The staff of one hoofdbureau server: accounts (database), sessions, the login limit and the
// e-ID challenges (memory), and the rules of who may manage whom. The web layer
// (web/staff-routes.ts) turns requests into these calls; every change is in the audit log.
import type Database from 'better-sqlite3';
import { err, ok, type Result } from '@ovs/basics';
import { canonicalEnvelopePassword, type ScryptParams } from '@ovs/crypto';
import {
  createAccount,
  findAccount,
  isRole,
  operatorOfAccount,
  publicAccount,
  resetPassword,
  setActive,
  setEidKey,
  setPassword,
  type Account,
  type AccountError,
  type NewAccount,
} from './accounts.ts';
import { recordAudit } from './audit.ts';
import { eidMessage, EidChallenges, eidKeyProblem, verifyEidSignature } from './eid.ts';
import { hashPassword, newPasswordProblem, passwordMatches, STAFF_SCRYPT, wastePasswordCheck } from './passwords.ts';
import { ROLE_NAMES, type Operator } from './permissions.ts';
import { LoginLimiter, type RateLimitOptions } from './rate-limit.ts';
import { SessionStore, type StaffSession } from './sessions.ts';

export interface StaffOptions {
  /** scrypt parameters for new passwords (tests and the demo: cheap ones). Default STAFF_SCRYPT. */
  kdf?: ScryptParams;
  /** Idle limit of a session in ms (default 15 minutes). */
  idleMs?: number;
  rateLimit?: Omit<RateLimitOptions, 'now'>;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

export type LoginError = { code: 'wrong' | 'limited' | 'inactive' | 'no-eid'; message: string };

const WRONG: LoginError = { code: 'wrong', message: 'Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters; na 5 mislukte pogingen wacht u 15 minuten.' };

export interface LoggedIn {
  operator: Operator;
  mustChange: boolean;
}

export class Staff {
  readonly sessions: SessionStore;
  readonly limiter: LoginLimiter;
  readonly challenges: EidChallenges;
  readonly kdf: ScryptParams;
  readonly #sqlite: Database.Database;
  readonly #now: () => number;

  constructor(sqlite: Database.Database, o: StaffOptions = {}) {
    this.#sqlite = sqlite;
    this.#now = o.now ?? Date.now;
    this.kdf = o.kdf ?? STAFF_SCRYPT;
    this.sessions = new SessionStore({ now: this.#now, ...(o.idleMs === undefined ? {} : { idleMs: o.idleMs }) });
    this.limiter = new LoginLimiter({ now: this.#now, ...o.rateLimit });
    this.challenges = new EidChallenges(this.#now);
  }

  date(): Date {
    return new Date(this.#now());
  }

  audit(operator: Operator, action: Parameters<typeof recordAudit>[2], detail: string): void {
    recordAudit(this.#sqlite, operator, action, detail, this.date());
  }

  /** The password check of a login; the session is started by the caller under a fresh id. */
  async checkPassword(username: string, password: string, address: string): Promise<Result<LoggedIn, LoginError>> {
    const admitted = this.limiter.admit(username, address);
    if (!admitted.ok) return err(limited(admitted.retryAfterMs, admitted.what));
    const account = findAccount(this.#sqlite, username);
    if (!account?.password) {
      await wastePasswordCheck(password, this.kdf);
      this.limiter.failed(username, address);
      return err(WRONG);
    }
    // A temporary password may be typed as printed, with or without dashes, in any case.
    const typed = account.mustChange ? (canonicalEnvelopePassword(password) ?? password) : password;
    if (!(await passwordMatches(typed, account.password))) {
      this.limiter.failed(username, address);
      return err(WRONG);
    }
    if (!account.active) return err({ code: 'inactive', message: 'Uw account is uitgeschakeld. Vraag de voorzitter van het hoofdbureau om het weer in te schakelen.' });
    this.limiter.succeeded(username);
    return ok({ operator: operatorOfAccount(account), mustChange: account.mustChange });
  }

  /** The e-ID login: the signature over this session's challenge, under the account's card key. */
  checkEid(username: string, session: string, host: string, signature: Uint8Array, address: string): Result<LoggedIn, LoginError> {
    const admitted = this.limiter.admit(username, address);
    if (!admitted.ok) return err(limited(admitted.retryAfterMs, admitted.what));
    const challenge = this.challenges.take(session);
    const account = findAccount(this.#sqlite, username);
    if (!challenge) return err({ code: 'wrong', message: 'De aanmelding met de e-ID duurde te lang of werd al gebruikt. Probeer opnieuw.' });
    if (!account?.eidKey || !verifyEidSignature(account.eidKey, eidMessage(challenge, host), signature)) {
      this.limiter.failed(username, address);
      return err({ code: 'no-eid', message: 'De e-ID-kaart hoort niet bij deze gebruikersnaam (of de handtekening klopt niet). Controleer de naam en de kaart in de lezer.' });
    }
    if (!account.active) return err({ code: 'inactive', message: 'Uw account is uitgeschakeld. Vraag de voorzitter van het hoofdbureau om het weer in te schakelen.' });
    this.limiter.succeeded(username);
    // The card proves who it is: no password to change first.
    return ok({ operator: operatorOfAccount(account), mustChange: false });
  }

  /** The person's own new password, after the current one (the temporary one at the first login). */
  async changePassword(session: StaffSession, current: string, next: string): Promise<Result<void, string>> {
    const account = findAccount(this.#sqlite, session.username);
    if (!account?.password) return err('Uw account bestaat niet meer.');
    const typed = account.mustChange ? (canonicalEnvelopePassword(current) ?? current) : current;
    if (!(await passwordMatches(typed, account.password))) return err('Het huidige wachtwoord klopt niet.');
    const problem = newPasswordProblem(next, { username: account.username, previous: typed });
    if (problem) return err(problem);
    setPassword(this.#sqlite, account.username, await hashPassword(next, this.kdf), false);
    session.mustChange = false;
    this.audit(operatorOfAccount(account), 'staff.manage', `eigen wachtwoord gewijzigd (${account.username})`);
    return ok(undefined);
  }

  account(username: string): Account | undefined {
    const a = findAccount(this.#sqlite, username);
    return a ? publicAccount(a) : undefined;
  }

  // ---- managing the others (staff.manage: voorzitter and gemachtigde) ---------------------------

  /** Only the voorzitter makes or changes the chair's accounts; nobody changes their own here. */
  #mayManage(by: Operator, target: { username?: string; role: Account['role'] }): AccountError | undefined {
    if (target.username === by.username) return { code: 'not-allowed', message: 'Uw eigen account wijzigt u niet hier (uw wachtwoord wijzigt u via "Wachtwoord wijzigen").' };
    if ((target.role === 'voorzitter' || target.role === 'gemachtigde') && by.role !== 'voorzitter') {
      return { code: 'not-allowed', message: `Alleen de voorzitter maakt of wijzigt een account van ${ROLE_NAMES[target.role]}.` };
    }
    return undefined;
  }

  async create(by: Operator, input: NewAccount): Promise<Result<{ account: Account; temporaryPassword: string }, AccountError>> {
    if (!isRole(input.role)) return err({ code: 'bad-role', message: 'Kies een rol.' });
    const refused = this.#mayManage(by, { role: input.role });
    if (refused) return err(refused);
    if (input.eidKey && eidKeyProblem(input.eidKey)) return err({ code: 'bad-name', message: eidKeyProblem(input.eidKey)! });
    const made = await createAccount(this.#sqlite, input, by.username, { params: this.kdf, now: this.date() });
    if (made.ok) this.audit(by, 'staff.manage', `account ${input.username} (${ROLE_NAMES[input.role]}, ${input.name.trim()}) aangemaakt`);
    return made;
  }

  async resetPassword(by: Operator, username: string): Promise<Result<string, AccountError>> {
    const target = findAccount(this.#sqlite, username);
    if (!target) return err({ code: 'unknown', message: `Er is geen account "${username}".` });
    const refused = this.#mayManage(by, target);
    if (refused) return err(refused);
    const reset = await resetPassword(this.#sqlite, username, this.kdf);
    if (reset.ok) {
      this.sessions.endUser(username, 'account-changed');
      this.audit(by, 'staff.manage', `tijdelijk wachtwoord voor ${username}`);
    }
    return reset;
  }

  setActive(by: Operator, username: string, active: boolean): Result<void, AccountError> {
    const target = findAccount(this.#sqlite, username);
    if (!target) return err({ code: 'unknown', message: `Er is geen account "${username}".` });
    const refused = this.#mayManage(by, target);
    if (refused) return err(refused);
    const r = setActive(this.#sqlite, username, active);
    if (r.ok) {
      if (!active) this.sessions.endUser(username, 'account-changed');
      this.audit(by, 'staff.manage', `account ${username} ${active ? 'ingeschakeld' : 'uitgeschakeld'}`);
    }
    return r;
  }

  setEid(by: Operator, username: string, key: Uint8Array | undefined): Result<void, AccountError> {
    const target = findAccount(this.#sqlite, username);
    if (!target) return err({ code: 'unknown', message: `Er is geen account "${username}".` });
    const refused = this.#mayManage(by, target);
    if (refused) return err(refused);
    if (key && eidKeyProblem(key)) return err({ code: 'bad-name', message: eidKeyProblem(key)! });
    const r = setEidKey(this.#sqlite, username, key);
    if (r.ok) this.audit(by, 'staff.manage', key ? `e-ID geregistreerd voor ${username}` : `e-ID verwijderd voor ${username}`);
    return r;
  }
}

function limited(retryAfterMs: number, what: 'user' | 'address'): LoginError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  const wait = minutes === 1 ? '1 minuut' : `${minutes} minuten`;
  return {
    code: 'limited',
    message:
      what === 'user'
        ? `Te veel mislukte aanmeldpogingen voor deze gebruikersnaam. Wacht ${wait}, of vraag de voorzitter om een tijdelijk wachtwoord.`
        : `Te veel mislukte aanmeldpogingen vanaf deze werkpost. Wacht ${wait}.`,
  };
}
