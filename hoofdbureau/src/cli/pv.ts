import { readIncidents } from '../pv/incidents.ts';
import { pvDocument } from '../pv/pv-content.ts';
import { softwareLine } from '@ovs/release';
import { renderPvPdf } from '../pv/pv-pdf.ts';
import { pvStaff } from '../pv/pv-staff.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/**
 * `hoofdbureau pv --out FILE.pdf [--db FILE] [--ontwerp]`: the hoofdbureau's PV (decree art. 25)
 * with, after it, the initiatiefrecht document (form G86). Art. 25: only once every polling
 * station is registered; before that only a draft, marked ONTWERP, with --ontwerp.
 */
const usage = 'hoofdbureau pv --out FILE.pdf [--db FILE] [--ontwerp]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, out: { type: 'string' }, ontwerp: { type: 'boolean' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau pv: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  if (!v.out || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau pv: --out FILE.pdf ontbreekt (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: true });
  if (!opened.ok) {
    io.stderr(`hoofdbureau pv: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  let pdf: Buffer;
  try {
    const doc = hb.results();
    if (!doc.complete && !v.ontwerp) {
      io.stderr(`hoofdbureau pv: ${doc.stationsImported} van de ${doc.stationsExpected} stembureaus zijn ingelezen; het PV volgt pas als alle resultaten geregistreerd zijn (art. 25). Een ontwerp: --ontwerp\n`);
      return EXIT.undecided;
    }
    pdf = await renderPvPdf(pvDocument(doc, readIncidents(hb.db), { staff: pvStaff(hb.db.sqlite), software: softwareLine(hb.software) }));
  } finally {
    await hb.close();
  }
  if (!io.writeFile) throw new Error('pv: no writeFile in this CliIo');
  const written = await io.writeFile(v.out, pdf);
  if (!written.ok) {
    io.stderr(`hoofdbureau pv: ${v.out}: ${written.reason}\n`);
    return EXIT.badInput;
  }
  io.stdout(`${v.out}\n`);
  return EXIT.ok;
}

export const pvCommand: Command = {
  name: 'pv',
  usage,
  summary: 'het proces-verbaal van het hoofdbureau met het initiatiefrecht (G86) als PDF',
  run,
};
