// Accounts and logins. Passwords are kept as scrypt hashes (@ovs/crypto, parameters stored with
// each hash); a login is a random 256-bit token in an HttpOnly cookie, kept in the database only
// as its SHA-256 (a stolen database opens no session), and a fresh one at every login (no session
// fixation). Logins survive a restart of the server: a member mid-round is not thrown out.
import type Database from 'better-sqlite3';
import { err, ok, type Result } from '@ovs/basics';
import { bytesEqual, deriveKeyFromPassword, randomBytes, sha256, toHex, utf8, validScryptParams, type ScryptParams } from '@ovs/crypto';
import { refusal, type CouncilError } from './errors.ts';
import type { Actor, Role } from './roles.ts';

/** 32 MiB, a tenth of a second here: a login is rare, a guess expensive. */
export const ACCOUNT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

export interface NewAccount {
  username: string;
  name: string;
  role: Role;
  memberId: string | null;
  password: string;
}

const kdfText = (p: ScryptParams): string => `scrypt:${p.N}:${p.r}:${p.p}`;
function kdfParams(text: string): ScryptParams | undefined {
  const m = /^scrypt:(\d+):(\d+):(\d+)$/.exec(text);
  if (!m) return undefined;
  const p = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  return validScryptParams(p) ? p : undefined;
}

export async function createAccount(sqlite: Database.Database, a: NewAccount, params: ScryptParams = ACCOUNT_SCRYPT): Promise<Result<void, CouncilError>> {
  if (!/^[a-z0-9._-]{2,40}$/.test(a.username)) return err(refusal('bad-input', 'Een gebruikersnaam telt 2 tot 40 kleine letters, cijfers, punten of streepjes.'));
  if (a.password.length < 8) return err(refusal('bad-input', 'Een wachtwoord telt minstens 8 tekens.'));
  const salt = randomBytes(16);
  const hash = await deriveKeyFromPassword(a.password, salt, params);
  try {
    sqlite
      .prepare('INSERT INTO account (username, name, role, member_id, salt, hash, kdf) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.username, a.name, a.role, a.memberId, Buffer.from(salt), Buffer.from(hash), kdfText(params));
  } catch {
    return err(refusal('bad-input', `De gebruikersnaam ${a.username} bestaat al of het raadslid is onbekend.`));
  }
  return ok(undefined);
}

interface AccountRow {
  username: string;
  name: string;
  role: Role;
  member_id: string | null;
  salt: Buffer;
  hash: Buffer;
  kdf: string;
}

// An unknown name costs the same scrypt as a known one: the answer time tells nothing.
const DUMMY_SALT = new Uint8Array(16);

export async function login(sqlite: Database.Database, username: string, password: string, now: Date): Promise<Result<{ token: string; actor: Actor }, CouncilError>> {
  const row = sqlite.prepare('SELECT username, name, role, member_id, salt, hash, kdf FROM account WHERE username = ?').get(username) as AccountRow | undefined;
  const params = (row && kdfParams(row.kdf)) ?? ACCOUNT_SCRYPT;
  const derived = await deriveKeyFromPassword(password, row ? new Uint8Array(row.salt) : DUMMY_SALT, params);
  if (!row || !bytesEqual(derived, new Uint8Array(row.hash))) return err(refusal('bad-login', 'Gebruikersnaam of wachtwoord klopt niet. Probeer opnieuw of vraag het secretariaat om een nieuw wachtwoord.'));
  return ok({ token: newLogin(sqlite, row.username, now), actor: actorOf(row) });
}

const actorOf = (row: Pick<AccountRow, 'username' | 'name' | 'role' | 'member_id'>): Actor => ({ username: row.username, name: row.name, role: row.role, memberId: row.member_id });

export function actorForToken(sqlite: Database.Database, token: string | undefined): Actor | undefined {
  if (!token || !/^[0-9a-f]{64}$/.test(token)) return undefined;
  const row = sqlite
    .prepare('SELECT a.username, a.name, a.role, a.member_id FROM login l JOIN account a ON a.username = l.username WHERE l.token_hash = ?')
    .get(Buffer.from(sha256(utf8(token)))) as Pick<AccountRow, 'username' | 'name' | 'role' | 'member_id'> | undefined;
  return row ? actorOf(row) : undefined;
}

export function logout(sqlite: Database.Database, token: string): void {
  sqlite.prepare('DELETE FROM login WHERE token_hash = ?').run(Buffer.from(sha256(utf8(token))));
}

/** The account of a member, for a demo login link. */
export function actorForUsername(sqlite: Database.Database, username: string): Actor | undefined {
  const row = sqlite.prepare('SELECT username, name, role, member_id FROM account WHERE username = ?').get(username) as Pick<AccountRow, 'username' | 'name' | 'role' | 'member_id'> | undefined;
  return row ? actorOf(row) : undefined;
}

export function newLogin(sqlite: Database.Database, username: string, now: Date): string {
  const token = toHex(randomBytes(32));
  sqlite.prepare('INSERT INTO login (token_hash, username, created) VALUES (?, ?, ?)').run(Buffer.from(sha256(utf8(token))), username, now.toISOString());
  return token;
}
