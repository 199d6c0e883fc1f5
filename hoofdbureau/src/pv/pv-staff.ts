// What the staff adds to the hoofdbureau's PV: the bureau's composition as the voorzitter
// recorded it (seed 000: "verschijnen op het PV"), the witnesses per list, and a summary of the
// audit log — how many times each person took each action.
import type Database from 'better-sqlite3';
import { readAudit, type AuditEntry } from '../staff/audit.ts';
import { readComposition, type Composition } from '../staff/composition.ts';
import { ACTION_WORDS } from '../staff/action-words.ts';
import { ROLE_NAMES } from '../staff/permissions.ts';
import type { ResultsDoc } from '../results/compute.ts';
import { describeTime } from '../text/time.ts';
import type { Block } from './pv-content.ts';

export interface PvStaff {
  composition: Composition;
  audit: readonly AuditEntry[];
}

/** What the database holds of the staff for the PV (the web app's and the CLI's PV are the same). */
export const pvStaff = (sqlite: Database.Database): PvStaff => ({ composition: readComposition(sqlite), audit: readAudit(sqlite) });

const BLANK = '______________________';


export function compositionBlocks(c: Composition | undefined, doc: ResultsDoc): Block[] {
  if (!c) return [{ kind: 'paragraph', text: `Voorzitter: ${BLANK}   Bijzitters: ${BLANK}   Secretaris: ${BLANK}` }];
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Voorzitter: ${c.voorzitter || BLANK}` },
    { kind: 'paragraph', text: `Secretaris: ${c.secretaris || BLANK}` },
    { kind: 'paragraph', text: `Bijzitters: ${c.bijzitters.length > 0 ? c.bijzitters.join(', ') : BLANK}` },
  ];
  if (c.witnesses.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Getuigen: geen getuigen aangewezen.' });
    return blocks;
  }
  const listName = (election: string, list: number): string => doc.elections.find((e) => e.id === election)?.lists.find((l) => l.number === list)?.name ?? '';
  const title = (election: string): string => doc.elections.find((e) => e.id === election)?.title ?? election;
  blocks.push({
    kind: 'table',
    columns: [
      { header: 'Verkiezing', width: 8 },
      { header: 'Lijst', width: 10 },
      { header: 'Getuige', width: 10 },
    ],
    rows: c.witnesses.map((w) => [title(w.election), `${w.list} — ${listName(w.election, w.list)}`, w.name]),
  });
  return blocks;
}

export function auditSummary(entries: readonly AuditEntry[]): Block[] {
  const counts = new Map<string, { username: string; role: AuditEntry['role']; action: AuditEntry['action']; n: number }>();
  for (const e of entries) {
    const key = `${e.username}\0${e.action}`;
    const c = counts.get(key) ?? { username: e.username, role: e.role, action: e.action, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  const rows = [...counts.values()].sort((a, b) => a.username.localeCompare(b.username) || a.action.localeCompare(b.action));
  return [
    { kind: 'heading', text: '4. Handelingen volgens het auditlog' },
    {
      kind: 'paragraph',
      text:
        entries.length === 0
          ? 'Het auditlog bevat geen handelingen.'
          : `Het auditlog bevat ${entries.length} handeling(en), van ${describeTime(entries[0]!.at)} tot ${describeTime(entries[entries.length - 1]!.at)}. Per persoon en per handeling:`,
    },
    ...(rows.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            columns: [
              { header: 'Gebruiker', width: 6 },
              { header: 'Rol', width: 6 },
              { header: 'Handeling', width: 10 },
              { header: 'Aantal', width: 3, align: 'right' as const },
            ],
            rows: rows.map((r) => [r.username, ROLE_NAMES[r.role], ACTION_WORDS[r.action], String(r.n)]),
          },
        ]),
  ];
}
