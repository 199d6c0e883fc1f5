// Fixtures for the council tests: the demo meeting in a fresh database in /dev/shm, cheap scrypt,
// a manual clock, the server's log captured, and the actors of its accounts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorForUsername } from '../src/accounts.ts';
import { ManualClock } from '../src/clock.ts';
import { openCouncil, type Council } from '../src/council.ts';
import { setUpDemo, type DemoAccount } from '../src/demo.ts';
import type { Actor } from '../src/roles.ts';

export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

interface Teardown {
  teardown(fn: () => unknown): void;
}

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function tempDir(t: Teardown, label = 'council'): Promise<string> {
  const dir = await mkdtemp(join(base, `ovs-${label}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Fixture {
  council: Council;
  file: string;
  clock: ManualClock;
  log: string[];
  accounts: DemoAccount[];
  actor(username: string): Actor;
  /** The actor of the member with id `m01`…`m31`. */
  member(n: number): Actor;
  chair: Actor;
  secretariat: Actor;
  reopen(): Council;
}

export async function demoCouncil(t: Teardown): Promise<Fixture> {
  const file = join(await tempDir(t), 'council.db');
  const clock = new ManualClock(new Date('2026-12-16T19:30:00Z'));
  const log: string[] = [];
  const opened = openCouncil({ file, clock, log: (l) => log.push(l) });
  if (!opened.ok) throw new Error(opened.error);
  let council = opened.value;
  t.teardown(() => {
    try {
      council.close();
    } catch {
      // already closed by the test
    }
  });
  const accounts = await setUpDemo(council, FAST_SCRYPT);
  if (!accounts.ok) throw new Error(accounts.error);
  const actor = (username: string): Actor => {
    const a = actorForUsername(council.sqlite, username);
    if (!a) throw new Error(`no account ${username}`);
    return a;
  };
  return {
    get council() {
      return council;
    },
    file,
    clock,
    log,
    accounts: accounts.value,
    actor,
    member: (n) => actor(`raadslid${String(n).padStart(2, '0')}`),
    chair: actor('voorzitter'),
    secretariat: actor('secretariaat'),
    reopen() {
      council.close();
      const again = openCouncil({ file, clock, log: (l) => log.push(l) });
      if (!again.ok) throw new Error(again.error);
      council = again.value;
      return council;
    },
  };
}

/** The demo ballot ids, in agenda order. */
export const BALLOT = { notulen: 1, vertegenwoordiger: 2, meerjarenplan: 3, directeur: 4, reglement: 5 } as const;

/** A fresh 64-hex-character key, as a member's tablet makes one for a secret round. */
export const key = (n: number): string => n.toString(16).padStart(64, 'a');

/** Every row of every table, for "nothing changed". */
export function fingerprint(council: Council): string {
  const tables = (council.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  return JSON.stringify(tables.map((name) => [name, council.sqlite.prepare(`SELECT * FROM ${name}`).all()]));
}
