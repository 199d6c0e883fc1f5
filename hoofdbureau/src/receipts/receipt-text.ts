// The receipt as the person who brought the envelope takes it home (ontvangstbewijs), and the
// list of what has not come in — plain text, for the CLI and for printing.
import { describeTime } from '../text/time.ts';
import { RECEIPT_ITEM_NAMES, type Receipt, type StationReceipts } from './receipts.ts';

export function receiptText(r: Receipt, municipality: string, hoofdbureau: string): string {
  return [
    'ONTVANGSTBEWIJS',
    hoofdbureau.includes(municipality) ? hoofdbureau : `${hoofdbureau} — ${municipality}`,
    `Stembureau ${r.station}: ${r.stationName}`,
    `Ontvangen: ${r.items.map((i) => RECEIPT_ITEM_NAMES[i]).join(', ')}`,
    `Op ${describeTime(r.at)}`,
    `Gebracht door: ${r.broughtBy}`,
    `Ontvangen door: ${r.receivedBy}`,
    '',
    'Handtekening van wie brengt:    ______________________',
    'Handtekening van wie ontvangt:  ______________________',
    '',
  ].join('\n');
}

export function missingText(status: readonly StationReceipts[]): string {
  const open = status.filter((s) => s.missing.length > 0);
  const lines = [`Ontvangen: ${status.length - open.length} van ${status.length} stembureaus volledig (omslag, stick A en stick B).`];
  if (open.length === 0) return `${lines[0]}\nAlles is binnen.\n`;
  lines.push('Nog niet ontvangen:');
  for (const s of open) lines.push(`  Stembureau ${s.station} (${s.name}): ${s.missing.map((i) => RECEIPT_ITEM_NAMES[i]).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
