// The staff accounts in the database: made by the voorzitter or the gemachtigde (or, to begin
// with, from the server's command line), each with a role, a password kept as its scrypt key, and
// optionally the public key of the person's e-ID card. Expected failures are values.
import type Database from 'better-sqlite3';
import { err, ok, type Result } from '@ovs/basics';
import type { ScryptParams } from '@ovs/crypto';
import { hashPassword, parseParams, temporaryPassword, type PasswordRecord } from './passwords.ts';
import { ROLES, type Operator, type Role } from './permissions.ts';

export interface Account {
  username: string;
  name: string;
  role: Role;
  mustChange: boolean;
  active: boolean;
  hasPassword: boolean;
  hasEid: boolean;
  createdAt: string;
  createdBy: string;
}

export interface StoredAccount extends Account {
  password: PasswordRecord | undefined;
  eidKey: Uint8Array | undefined;
}

interface Row {
  username: string;
  name: string;
  role: Role;
  password_key: Buffer | null;
  password_salt: Buffer | null;
  password_params: string | null;
  must_change: number;
  eid_key: Buffer | null;
  active: number;
  created_at: string;
  created_by: string;
}

const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;

export const usernameProblem = (username: string): string | undefined =>
  USERNAME.test(username) ? undefined : 'Een gebruikersnaam heeft 2 tot 32 tekens: kleine letters, cijfers, punt, streepje of liggend streepje, en begint met een letter (bv. "an.peeters").';

export const personNameProblem = (name: string): string | undefined =>
  name.trim().length === 0 ? 'Vul de naam van de persoon in.' : name.length > 100 ? 'De naam is te lang (hoogstens 100 tekens).' : undefined;

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

function fromRow(r: Row): StoredAccount {
  const params = r.password_params ? parseParams(r.password_params) : undefined;
  const password = r.password_key && r.password_salt && params ? { key: new Uint8Array(r.password_key), salt: new Uint8Array(r.password_salt), params } : undefined;
  return {
    username: r.username,
    name: r.name,
    role: r.role,
    mustChange: r.must_change === 1,
    active: r.active === 1,
    hasPassword: password !== undefined,
    hasEid: r.eid_key !== null,
    createdAt: r.created_at,
    createdBy: r.created_by,
    password,
    eidKey: r.eid_key ? new Uint8Array(r.eid_key) : undefined,
  };
}

/** What the screens and the API show: never the key, the salt or the e-ID key. */
export const publicAccount = (a: StoredAccount): Account => ({
  username: a.username,
  name: a.name,
  role: a.role,
  mustChange: a.mustChange,
  active: a.active,
  hasPassword: a.hasPassword,
  hasEid: a.hasEid,
  createdAt: a.createdAt,
  createdBy: a.createdBy,
});

export const operatorOfAccount = (a: Account): Operator => ({ username: a.username, name: a.name, role: a.role });

export function findAccount(sqlite: Database.Database, username: string): StoredAccount | undefined {
  const row = sqlite.prepare('SELECT * FROM staff_account WHERE username = ?').get(username) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function listAccounts(sqlite: Database.Database): Account[] {
  return (sqlite.prepare('SELECT * FROM staff_account ORDER BY username').all() as Row[]).map((r) => publicAccount(fromRow(r)));
}

export interface NewAccount {
  username: string;
  name: string;
  role: Role;
  /** The e-ID card's authentication key (SPKI, DER), when the person logs in with the card. */
  eidKey?: Uint8Array;
}

export type AccountError = { code: 'bad-username' | 'bad-name' | 'bad-role' | 'exists' | 'unknown' | 'not-allowed'; message: string };

/**
 * A new account with a temporary password (returned once, shown once, never stored): the person
 * chooses their own at the first login. `fixedPassword` only for the virtual polling station's
 * demo, whose guide shows its random password.
 */
export async function createAccount(
  sqlite: Database.Database,
  input: NewAccount,
  by: string,
  o: { params?: ScryptParams; now?: Date; fixedPassword?: string } = {},
): Promise<Result<{ account: Account; temporaryPassword: string }, AccountError>> {
  const problem = usernameProblem(input.username);
  if (problem) return err({ code: 'bad-username', message: problem });
  const nameProblem = personNameProblem(input.name);
  if (nameProblem) return err({ code: 'bad-name', message: nameProblem });
  if (!isRole(input.role)) return err({ code: 'bad-role', message: `Onbekende rol: kies ${ROLES.join(', ')}.` });
  if (findAccount(sqlite, input.username)) return err({ code: 'exists', message: `Er bestaat al een account "${input.username}": kies een andere gebruikersnaam.` });
  const password = o.fixedPassword ?? temporaryPassword();
  const record = await hashPassword(password, o.params);
  const at = (o.now ?? new Date()).toISOString();
  const inserted = sqlite
    .prepare(
      `INSERT INTO staff_account (username, name, role, password_key, password_salt, password_params, must_change, eid_key, active, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (username) DO NOTHING`,
    )
    .run(input.username, input.name.trim(), input.role, Buffer.from(record.key), Buffer.from(record.salt), JSON.stringify(record.params), o.fixedPassword ? 0 : 1, input.eidKey ? Buffer.from(input.eidKey) : null, at, by);
  // Two workstations creating the same name at once: the second finds it taken.
  if (inserted.changes === 0) return err({ code: 'exists', message: `Er bestaat al een account "${input.username}": kies een andere gebruikersnaam.` });
  return ok({ account: publicAccount(findAccount(sqlite, input.username)!), temporaryPassword: password });
}

export function setPassword(sqlite: Database.Database, username: string, record: PasswordRecord, mustChange: boolean): void {
  sqlite
    .prepare('UPDATE staff_account SET password_key = ?, password_salt = ?, password_params = ?, must_change = ? WHERE username = ?')
    .run(Buffer.from(record.key), Buffer.from(record.salt), JSON.stringify(record.params), mustChange ? 1 : 0, username);
}

/** A new temporary password (the person forgot theirs); the old one stops working at once. */
export async function resetPassword(sqlite: Database.Database, username: string, params?: ScryptParams): Promise<Result<string, AccountError>> {
  if (!findAccount(sqlite, username)) return err({ code: 'unknown', message: `Er is geen account "${username}".` });
  const password = temporaryPassword();
  setPassword(sqlite, username, await hashPassword(password, params), true);
  return ok(password);
}

export function setActive(sqlite: Database.Database, username: string, active: boolean): Result<void, AccountError> {
  const r = sqlite.prepare('UPDATE staff_account SET active = ? WHERE username = ?').run(active ? 1 : 0, username);
  return r.changes === 1 ? ok(undefined) : err({ code: 'unknown', message: `Er is geen account "${username}".` });
}

export function setEidKey(sqlite: Database.Database, username: string, key: Uint8Array | undefined): Result<void, AccountError> {
  const r = sqlite.prepare('UPDATE staff_account SET eid_key = ? WHERE username = ?').run(key ? Buffer.from(key) : null, username);
  return r.changes === 1 ? ok(undefined) : err({ code: 'unknown', message: `Er is geen account "${username}".` });
}

/** Whether anyone can chair the bureau yet (the server says how to make the first account when not). */
export const hasChair = (sqlite: Database.Database): boolean =>
  sqlite.prepare("SELECT 1 FROM staff_account WHERE role IN ('voorzitter', 'gemachtigde') AND active = 1 LIMIT 1").get() !== undefined;
