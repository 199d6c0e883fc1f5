// For tests and the simulation: a person of a given role logged in at a running hoofdbureau,
// over HTTP exactly as a workstation does it (temporary password, then their own), and a
// snapshot of every table to prove that a refused request changed nothing.
//
//   const voorzitter = await staffClient(running, 'voorzitter');
//   await voorzitter.post('/api/composition', { … });      // cookie + X-OVS-CSRF, from the login
//   const typist = await staffClient(running, 'invoerder', { username: 'typist-1' });
import type Database from 'better-sqlite3';
import { createGuardedClient, type GuardedClient } from '@ovs/web-guard/client';
import type { ScryptParams } from '@ovs/crypto';
import { createAccount } from '../staff/accounts.ts';
import type { Role } from '../staff/permissions.ts';
import type { RunningHoofdbureau } from '../web/server.ts';

/** scrypt at 1 MiB: pass as `startHoofdbureau({ staff: { kdf: TEST_KDF } })` so tests do not pay 32 MiB per login. */
export const TEST_KDF: ScryptParams = { N: 1024, r: 8, p: 1 };

export interface StaffClient extends GuardedClient {
  readonly username: string;
  readonly role: Role;
  /** The password the person chose at the first login. */
  readonly password: string;
  logout(): Promise<Response>;
}

let made = 0;

/** Logs in an existing account with its password; throws when the server refuses (a test's setup). */
export async function loginClient(url: string, username: string, password: string): Promise<GuardedClient & { logout(): Promise<Response> }> {
  const client = createGuardedClient(url);
  const r = await client.post('/api/login', { username, password });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  await r.body?.cancel();
  return { ...client, logout: () => client.post('/api/logout') };
}

/**
 * A new account of `role` (made directly in the server's database, as `hoofdbureau account
 * create` does), logged in over HTTP with its temporary password, which it then changes: the
 * client carries the session cookie and its CSRF token like a workstation's page.
 */
export async function staffClient(running: RunningHoofdbureau, role: Role, o: { username?: string; name?: string } = {}): Promise<StaffClient> {
  const username = o.username ?? `${role}-${++made}`;
  const created = await createAccount(running.hoofdbureau.db.sqlite, { username, name: o.name ?? `Test ${role} ${made}`, role }, 'test', { params: running.staff.kdf });
  if (!created.ok) throw new Error(`account ${username}: ${created.error.message}`);
  const client = createGuardedClient(running.url);
  const login = await client.post('/api/login', { username, password: created.value.temporaryPassword });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  await login.body?.cancel();
  const password = `Lange zin voor de test, nummer ${made}!`;
  const changed = await client.post('/api/password', { current: created.value.temporaryPassword, next: password });
  if (!changed.ok) throw new Error(`password ${username}: ${changed.status} ${await changed.text()}`);
  await changed.body?.cancel();
  return { ...client, username, role, password, logout: () => client.post('/api/logout') };
}

/** Every row of every table, as text: equal before and after means nothing changed. */
export function tableContents(sqlite: Database.Database): Record<string, string[]> {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    out[t] = (sqlite.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))).sort();
  }
  return out;
}
