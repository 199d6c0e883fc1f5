import { RECEIPT_ITEMS } from '../receipts/receipts.ts';
import { recordReceipt, receiptStatus } from '../receipts/receipts.ts';
import { missingText, receiptText } from '../receipts/receipt-text.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/**
 * `hoofdbureau receipt --station N --brought-by NAME --received-by NAME [--items …]`: records that
 * a station's envelope and its two sticks came in (decree art. 22, seed 002 III.5.3) and prints
 * the ontvangstbewijs. `hoofdbureau receipts`: what has not come in yet.
 */
const usage = `hoofdbureau receipt --station N --brought-by NAME --received-by NAME [--items ${RECEIPT_ITEMS.join(',')}] [--db FILE]`;
const listUsage = 'hoofdbureau receipts [--db FILE] [--json]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, station: { type: 'string' }, items: { type: 'string' }, 'brought-by': { type: 'string' }, 'received-by': { type: 'string' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau receipt: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  const station = Number(v.station);
  if (!v.station || !Number.isInteger(station) || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau receipt: --station met het nummer van het stembureau (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: false });
  if (!opened.ok) {
    io.stderr(`hoofdbureau receipt: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  try {
    const items = (v.items ?? RECEIPT_ITEMS.join(',')).split(',').map((s) => s.trim()).filter((s) => s !== '');
    const r = recordReceipt(hb.db, { station, items, broughtBy: v['brought-by'] ?? '', receivedBy: v['received-by'] ?? '', at: new Date().toISOString() });
    if (!r.ok) {
      io.stderr(`hoofdbureau receipt: ${r.error.message}\n`);
      return EXIT.badInput;
    }
    const e = hb.db.pkg.election;
    io.stdout(receiptText(r.value, e.municipality.name, e.hoofdbureau.name));
    return EXIT.ok;
  } finally {
    await hb.close();
  }
}

async function runList(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, json: { type: 'boolean' } });
  if (!parsed.ok || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau receipts: ${parsed.ok ? 'onverwacht argument' : parsed.message} (gebruik: ${listUsage})\n`);
    return EXIT.badInput;
  }
  if (parsed.values.help) {
    io.stdout(`gebruik: ${listUsage}\n`);
    return EXIT.ok;
  }
  const opened = await openFromCli(parsed.values, io, { readonly: true });
  if (!opened.ok) {
    io.stderr(`hoofdbureau receipts: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  try {
    const status = receiptStatus(hb.db);
    io.stdout(parsed.values.json ? `${JSON.stringify(status, null, 2)}\n` : missingText(status));
    return EXIT.ok;
  } finally {
    await hb.close();
  }
}

export const receiptCommand: Command = { name: 'receipt', usage, summary: 'ontvangst van de omslag en de twee sticks van een stembureau (ontvangstbewijs)', run };
export const receiptsCommand: Command = { name: 'receipts', usage: listUsage, summary: 'welke omslagen en sticks nog niet ontvangen zijn', run: runList };
