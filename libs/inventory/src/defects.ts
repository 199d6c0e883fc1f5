// The report per municipality (seed 001 §XIV.1): every case with what is defect, missing or
// not checked off, and every device whose fase-1 test report is missing or failed — the list
// the supplier repairs or replaces from, under its service level agreement.
import { ITEM_NAMES, MAIN_DEVICE, STATE_NAMES, type Inventory } from './koffer.ts';

export interface DefectRow {
  koffer: string;
  station: string;
  item: string;
  serial: string;
  problem: string;
  note: string;
}

export interface InventorySummary {
  koffers: number;
  items: number;
  checked: number;
  /** Cases with nothing to report. */
  inOrder: number;
  rows: DefectRow[];
}

export function defects(inv: Inventory): InventorySummary {
  const rows: DefectRow[] = [];
  let items = 0;
  let checked = 0;
  let inOrder = 0;
  for (const k of inv.koffers) {
    const before = rows.length;
    const station = k.station !== undefined ? String(k.station) : '';
    for (const i of k.items) {
      items++;
      if (i.state !== 'unchecked') checked++;
      if (i.state !== 'ok') rows.push({ koffer: k.id, station, item: ITEM_NAMES[i.kind], serial: i.serial, problem: STATE_NAMES[i.state], note: i.note ?? '' });
    }
    const main = k.items.find((i) => i.kind === MAIN_DEVICE[k.kind])!;
    const fase1 = k.reports.filter((r) => r.phase === 'fase-1').at(-1);
    const base = { koffer: k.id, station, item: ITEM_NAMES[main.kind], serial: main.serial };
    if (!fase1) rows.push({ ...base, problem: 'geen testrapport fase 1', note: '' });
    else if (fase1.implementation === 'simulated') rows.push({ ...base, problem: 'testrapport van een simulatie: geldt niet als test', note: '' });
    else if (!fase1.passed) for (const f of fase1.failures.length > 0 ? fase1.failures : ['niet geslaagd']) rows.push({ ...base, problem: 'test fase 1 niet geslaagd', note: f });
    if (rows.length === before) inOrder++;
  }
  return { koffers: inv.koffers.length, items, checked, inOrder, rows };
}

/** A spreadsheet cell: quoted when needed, and never read as a formula. */
function cell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Semicolons, as a Belgian spreadsheet opens them; CRLF lines. */
export function defectsCsv(rows: readonly DefectRow[]): string {
  const header = ['koffer', 'stembureau', 'onderdeel', 'serienummer', 'probleem', 'opmerking'];
  return [header, ...rows.map((r) => [r.koffer, r.station, r.item, r.serial, r.problem, r.note])].map((line) => line.map(cell).join(';')).join('\r\n') + '\r\n';
}
