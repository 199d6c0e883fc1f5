// The receipt of each polling station's envelope with its two sticks (seed 002 III.5.3 and
// Bijlage III: handed over at the hoofdbureau against an ontvangstbewijs; decree art. 22): what
// came in, when and from whom — and what has not come in yet. A table of its own, made on first
// use, so that it adds nothing to the counted tables and needs no change of schema.
import { err, ok, type Result } from '@ovs/basics';
import type { HoofdbureauDb } from '../db/open-db.ts';

/** What a station hands over: the envelope (decree art. 22), and in it stick A and stick B. */
export const RECEIPT_ITEMS = ['envelope', 'stick-a', 'stick-b'] as const;
export type ReceiptItem = (typeof RECEIPT_ITEMS)[number];

export const RECEIPT_ITEM_NAMES: Record<ReceiptItem, string> = {
  envelope: 'verzegelde omslag',
  'stick-a': 'stick A',
  'stick-b': 'stick B',
};

const TABLE = `CREATE TABLE IF NOT EXISTS stick_receipt (
  station INTEGER NOT NULL,
  item TEXT NOT NULL CHECK (item IN ('envelope', 'stick-a', 'stick-b')),
  received_at TEXT NOT NULL,
  -- who brought it (the president or the designated bijzitter, seed 002 III.5.3) and who took it in
  brought_by TEXT NOT NULL,
  received_by TEXT NOT NULL,
  PRIMARY KEY (station, item)
)`;

export interface ReceiptInput {
  station: number;
  items: readonly string[];
  broughtBy: string;
  receivedBy: string;
  at: string;
}

export interface Receipt {
  station: number;
  stationName: string;
  items: ReceiptItem[];
  broughtBy: string;
  receivedBy: string;
  at: string;
}

export type ReceiptError = { code: 'unknown-station' | 'bad-item' | 'no-items' | 'no-name' | 'already-received'; message: string };

export interface StationReceipts {
  station: number;
  name: string;
  received: Array<{ item: ReceiptItem; at: string; broughtBy: string; receivedBy: string }>;
  missing: ReceiptItem[];
}

const hasTable = (db: HoofdbureauDb): boolean => db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stick_receipt'").get() !== undefined;

/** Records what a station handed over. Bad input changes nothing; an item already received is refused (its first receipt stands). */
export function recordReceipt(db: HoofdbureauDb, input: ReceiptInput): Result<Receipt, ReceiptError> {
  const station = db.pkg.election.pollingStations.find((s) => s.number === input.station);
  if (!station) return err({ code: 'unknown-station', message: `Stembureau ${input.station} bestaat niet in het verkiezingspakket.` });
  if (input.items.length === 0) return err({ code: 'no-items', message: 'Kies wat u ontvangt: de omslag, stick A, stick B.' });
  const bad = input.items.find((i) => !(RECEIPT_ITEMS as readonly string[]).includes(i));
  if (bad !== undefined) return err({ code: 'bad-item', message: `Onbekend stuk "${bad}": kies uit omslag, stick-a en stick-b.` });
  const broughtBy = input.broughtBy.trim();
  const receivedBy = input.receivedBy.trim();
  if (broughtBy === '' || receivedBy === '' || broughtBy.length > 100 || receivedBy.length > 100) return err({ code: 'no-name', message: 'Vul in wie de stukken brengt en wie ze ontvangt (hoogstens 100 tekens).' });
  const items = RECEIPT_ITEMS.filter((i) => input.items.includes(i));
  db.sqlite.exec(TABLE);
  const tx = db.sqlite.transaction((): Result<Receipt, ReceiptError> => {
    const known = db.sqlite.prepare('SELECT item, received_at FROM stick_receipt WHERE station = ?').all(input.station) as Array<{ item: ReceiptItem; received_at: string }>;
    const twice = items.find((i) => known.some((k) => k.item === i));
    if (twice) return err({ code: 'already-received', message: `${RECEIPT_ITEM_NAMES[twice]} van stembureau ${input.station} werd al ontvangen (${known.find((k) => k.item === twice)?.received_at}).` });
    const insert = db.sqlite.prepare('INSERT INTO stick_receipt (station, item, received_at, brought_by, received_by) VALUES (?, ?, ?, ?, ?)');
    for (const item of items) insert.run(input.station, item, input.at, broughtBy, receivedBy);
    return ok({ station: input.station, stationName: station.name, items, broughtBy, receivedBy, at: input.at });
  });
  return tx();
}

/** Every station of the package with what it handed over and what is still missing. */
export function receiptStatus(db: HoofdbureauDb): StationReceipts[] {
  const rows = hasTable(db) ? (db.sqlite.prepare('SELECT station, item, received_at, brought_by, received_by FROM stick_receipt').all() as Array<{ station: number; item: ReceiptItem; received_at: string; brought_by: string; received_by: string }>) : [];
  return [...db.pkg.election.pollingStations]
    .sort((a, b) => a.number - b.number)
    .map((s) => {
      const mine = rows.filter((r) => r.station === s.number);
      return {
        station: s.number,
        name: s.name,
        received: RECEIPT_ITEMS.flatMap((item) => mine.filter((r) => r.item === item).map((r) => ({ item, at: r.received_at, broughtBy: r.brought_by, receivedBy: r.received_by }))),
        missing: RECEIPT_ITEMS.filter((item) => !mine.some((r) => r.item === item)),
      };
    });
}
