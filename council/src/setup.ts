// A municipality's own meeting from one JSON file (`council setup --db FILE --meeting FILE`):
// the meeting, its members, its agenda with the ballots, and the accounts with their first
// passwords. Checked whole before anything is stored: a file with one mistake stores nothing.
import { err, ok, type Result } from '@ovs/basics';
import type { Member } from '@ovs/council-rules';
import { createAccount } from './accounts.ts';
import type { Council } from './council.ts';
import type { Role } from './roles.ts';
import { ROLES } from './roles.ts';
import { parseBallot } from './web/parse.ts';

const SETUP = { username: 'setup', name: 'Installatie', role: 'secretariaat' as const, memberId: null };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function setUpMeetingFromJson(council: Council, data: unknown): Promise<Result<{ members: number; items: number; accounts: number }, string>> {
  if (council.sqlite.prepare('SELECT 1 FROM meeting').get()) return err('De databank bevat al een zitting: gebruik een nieuwe databank.');
  if (!isObject(data) || !isObject(data.meeting) || !Array.isArray(data.members) || !Array.isArray(data.items) || !Array.isArray(data.accounts)) {
    return err('Het bestand heeft de velden meeting, members, items en accounts nodig (zie council/README.md, "Een eigen zitting").');
  }
  const m = data.meeting;
  if (typeof m.title !== 'string' || typeof m.date !== 'string' || (m.body !== 'gemeenteraad' && m.body !== 'OCMW-raad')) return err('meeting: geef title, date (JJJJ-MM-DD) en body ("gemeenteraad" of "OCMW-raad").');
  const members: Member[] = [];
  for (const [i, x] of data.members.entries()) {
    if (!isObject(x) || typeof x.id !== 'string' || typeof x.name !== 'string' || typeof x.fraction !== 'string') return err(`members[${i}]: geef id, name en fraction.`);
    members.push({ id: x.id, name: x.name, fraction: x.fraction, weight: typeof x.weight === 'number' ? x.weight : 1, present: x.present !== false, leader: x.leader === true });
  }
  const items: Array<{ title: string; description: string; thirdConvocation: boolean; ballots: unknown[] }> = [];
  for (const [i, x] of data.items.entries()) {
    if (!isObject(x) || typeof x.title !== 'string') return err(`items[${i}]: geef een title.`);
    const ballots = Array.isArray(x.ballots) ? x.ballots : [];
    for (const [j, b] of ballots.entries()) {
      const p = parseBallot({ spec: b });
      if (!p.ok) return err(`items[${i}].ballots[${j}]: ${p.error}`);
    }
    items.push({ title: x.title, description: typeof x.description === 'string' ? x.description : '', thirdConvocation: x.thirdConvocation === true, ballots });
  }
  const accounts: Array<{ username: string; name: string; role: Role; memberId: string | null; password: string }> = [];
  for (const [i, x] of data.accounts.entries()) {
    if (!isObject(x) || typeof x.username !== 'string' || typeof x.name !== 'string' || !ROLES.includes(x.role as Role) || typeof x.password !== 'string') {
      return err(`accounts[${i}]: geef username, name, role (voorzitter, secretariaat of raadslid) en password.`);
    }
    const memberId = typeof x.memberId === 'string' ? x.memberId : null;
    if (memberId && !members.some((y) => y.id === memberId)) return err(`accounts[${i}]: het raadslid ${memberId} staat niet bij members.`);
    if (x.role === 'raadslid' && !memberId) return err(`accounts[${i}]: een raadslid-account hoort bij een raadslid (memberId).`);
    accounts.push({ username: x.username, name: x.name, role: x.role as Role, memberId, password: x.password });
  }
  // Everything read; now stored under one savepoint, released on success and rolled back as a
  // whole on the first refusal or error.
  const stored = await (async (): Promise<Result<void, string>> => {
    council.sqlite.exec('SAVEPOINT setup');
    {
      council.setUpMeeting({ body: m.body as string, title: m.title as string, date: m.date as string });
      const set = council.setMembers(SETUP, members);
      if (!set.ok) return err(`members: ${set.error.message}`);
      for (const [i, item] of items.entries()) {
        const added = council.addItem(SETUP, item);
        if (!added.ok) return err(`items[${i}]: ${added.error.message}`);
        for (const [j, b] of item.ballots.entries()) {
          const p = parseBallot({ spec: b });
          const created = p.ok ? council.createBallot(SETUP, added.value.id, p.value) : undefined;
          if (!created?.ok) return err(`items[${i}].ballots[${j}]: ${created ? created.error.message : p.ok ? '' : p.error}`);
        }
      }
      for (const [i, a] of accounts.entries()) {
        const r = await createAccount(council.sqlite, a);
        if (!r.ok) return err(`accounts[${i}]: ${r.error.message}`);
      }
      return ok(undefined);
    }
  })().then(
    (r) => {
      council.sqlite.exec(r.ok ? 'RELEASE setup' : 'ROLLBACK TO setup; RELEASE setup');
      return r;
    },
    (e: unknown) => {
      council.sqlite.exec('ROLLBACK TO setup; RELEASE setup');
      throw e;
    },
  );
  if (!stored.ok) return stored;
  return ok({ members: members.length, items: items.length, accounts: accounts.length });
}
