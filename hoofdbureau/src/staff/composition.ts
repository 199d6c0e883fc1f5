// The bureau's composition (seed 000, "Configuratie van het hoofdbureau": recorded by the
// voorzitter and the gemachtigde, printed on the PV): the voorzitter, the secretaris, the
// bijzitters, and the witnesses each list designated. Saved as a whole: a new composition
// replaces the old one in one transaction.
import type Database from 'better-sqlite3';
import { err, ok, type Result } from '@ovs/basics';
import type { ElectionPackage } from '@ovs/election';
import { personNameProblem } from './accounts.ts';

export interface Witness {
  election: string;
  list: number;
  name: string;
}

export interface Composition {
  voorzitter: string;
  secretaris: string;
  bijzitters: string[];
  witnesses: Witness[];
}

export const EMPTY_COMPOSITION: Composition = { voorzitter: '', secretaris: '', bijzitters: [], witnesses: [] };

// LPKD: the hoofdbureau has a voorzitter, (at least) four bijzitters and a secretaris; a list
// may designate witnesses. Generous bounds, so that bad input is refused and real input never.
const MAX_BIJZITTERS = 12;
const MAX_WITNESSES_PER_LIST = 4;

interface Row {
  kind: 'voorzitter' | 'secretaris' | 'bijzitter' | 'getuige';
  name: string;
  election: string | null;
  list: number | null;
}

export function readComposition(sqlite: Database.Database): Composition {
  const rows = sqlite.prepare('SELECT kind, name, election, list FROM bureau_member ORDER BY seq').all() as Row[];
  return {
    voorzitter: rows.find((r) => r.kind === 'voorzitter')?.name ?? '',
    secretaris: rows.find((r) => r.kind === 'secretaris')?.name ?? '',
    bijzitters: rows.filter((r) => r.kind === 'bijzitter').map((r) => r.name),
    witnesses: rows.filter((r) => r.kind === 'getuige').map((r) => ({ election: r.election!, list: r.list!, name: r.name })),
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

/** The composition a request sent, checked against the package's elections and lists; or what is wrong. */
export function parseComposition(body: unknown, election: ElectionPackage): Result<Composition, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  const voorzitter = text(b.voorzitter ?? '');
  const secretaris = text(b.secretaris ?? '');
  if (voorzitter === undefined || secretaris === undefined) return err('De voorzitter en de secretaris zijn namen (tekst).');
  for (const [label, name] of [['voorzitter', voorzitter], ['secretaris', secretaris]] as const) {
    if (name !== '' && personNameProblem(name)) return err(`${label}: ${personNameProblem(name)!}`);
  }
  if (!Array.isArray(b.bijzitters ?? []) || !Array.isArray(b.witnesses ?? [])) return err('Bijzitters en getuigen zijn lijsten.');
  const bijzitters: string[] = [];
  for (const [i, v] of ((b.bijzitters ?? []) as unknown[]).entries()) {
    const name = text(v);
    if (name === undefined || personNameProblem(name)) return err(`Bijzitter ${i + 1}: ${name === undefined ? 'geen naam' : personNameProblem(name)!}`);
    bijzitters.push(name);
  }
  if (bijzitters.length > MAX_BIJZITTERS) return err(`Hoogstens ${MAX_BIJZITTERS} bijzitters.`);
  const witnesses: Witness[] = [];
  for (const [i, v] of ((b.witnesses ?? []) as unknown[]).entries()) {
    const w = (v ?? {}) as Record<string, unknown>;
    const e = election.elections.find((x) => x.id === w.election);
    if (!e) return err(`Getuige ${i + 1}: onbekende verkiezing.`);
    const list = e.lists.find((l) => l.number === w.list);
    if (!list) return err(`Getuige ${i + 1}: ${e.title} heeft geen lijst ${String(w.list)}.`);
    const name = text(w.name);
    if (name === undefined || personNameProblem(name)) return err(`Getuige ${i + 1} (lijst ${list.number}): ${name === undefined ? 'geen naam' : personNameProblem(name)!}`);
    witnesses.push({ election: e.id, list: list.number, name });
    if (witnesses.filter((x) => x.election === e.id && x.list === list.number).length > MAX_WITNESSES_PER_LIST) {
      return err(`${e.title}, lijst ${list.number}: hoogstens ${MAX_WITNESSES_PER_LIST} getuigen.`);
    }
  }
  return ok({ voorzitter, secretaris, bijzitters, witnesses });
}

export function saveComposition(sqlite: Database.Database, c: Composition): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM bureau_member').run();
    const add = sqlite.prepare('INSERT INTO bureau_member (kind, name, election, list) VALUES (?, ?, ?, ?)');
    if (c.voorzitter) add.run('voorzitter', c.voorzitter, null, null);
    if (c.secretaris) add.run('secretaris', c.secretaris, null, null);
    for (const b of c.bijzitters) add.run('bijzitter', b, null, null);
    for (const w of c.witnesses) add.run('getuige', w.name, w.election, w.list);
  }).immediate();
}
