import type { ImportReport } from '../import/reports.ts';
import { importLine, refusalWord, warningLines } from '../import/reports.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { toJson } from './json-out.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';
import { progressPrinter } from './progress.ts';
import { expandSticks } from '../stick/stick-folder.ts';

/**
 * `hoofdbureau import <stick-dir>… [--db FILE]`: verifies and imports, one transaction per stick.
 * A folder that is not itself a stick but holds sticks (e.g. every stick of the night copied
 * into one folder) is imported as a bulk, on every core, with a progress bar. The sticks of one
 * polling station are taken in the order given: the first is the original, a later one the copy.
 */
const usage = 'hoofdbureau import <stick-dir>… [--db FILE] [--package DIR] [--key FILE] [--kopie] [--aanvaard-datum] [--workers N] [--json]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, kopie: { type: 'boolean' }, 'aanvaard-datum': { type: 'boolean' }, workers: { type: 'string' }, json: { type: 'boolean' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau import: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`hoofdbureau import: geef minstens één stick (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const workers = v.workers === undefined ? undefined : Number(v.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) {
    io.stderr('hoofdbureau import: --workers moet een geheel getal van 0 tot 64 zijn\n');
    return EXIT.badInput;
  }
  const sticks = (await Promise.all(parsed.positionals.map((p) => expandSticks(p)))).flat();
  // A decision of the voorzitter about one stick, never a blanket one for a night's bulk import.
  const acceptOtherDay = v['aanvaard-datum'] === true;
  if (acceptOtherDay && sticks.length !== 1) {
    io.stderr('hoofdbureau import: --aanvaard-datum geldt voor één stick tegelijk: de voorzitter beslist per stick\n');
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: false, ...(workers === undefined ? {} : { workers }) });
  if (!opened.ok) {
    io.stderr(`hoofdbureau import: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  if (!hb.canImport) {
    await hb.close();
    io.stderr('hoofdbureau import: geen sleutel van het hoofdbureau: geef --key BESTAND (secret/hoofdbureau.key) of HOOFDBUREAU_KEY\n');
    return EXIT.badInput;
  }
  let reports: ImportReport[];
  try {
    if (sticks.length === 1) {
      reports = [await hb.importStick(sticks[0]!, { copy: v.kopie === true, acceptOtherDay })];
    } else {
      const progress = progressPrinter(io);
      reports = await hb.importSticks(sticks, (p) => progress.update(p));
      progress.finish();
    }
  } finally {
    await hb.close();
  }
  if (v.json) io.stdout(`${toJson(reports)}\n`);
  else if (sticks.length === 1) io.stdout(`${[importLine(reports[0]!), ...warningLines(reports[0]!)].join('\n')}\n`);
  const count = (kind: ImportReport['kind']): number => reports.filter((r) => r.kind === kind).length;
  const bad = count('refused') + count('mismatch');
  if (sticks.length > 1) {
    io.stderr(`${count('imported')} ingelezen, ${count('identical')} al ingelezen (identiek), ${count('mismatch')} met verschillen, ${count('refused')} geweigerd\n`);
    for (const r of reports) if (r.kind === 'refused' || r.kind === 'mismatch') io.stderr(`  ${importLine(r)}\n`);
    for (const r of reports) if (r.kind === 'imported') for (const w of warningLines(r)) io.stderr(`  ${r.station.name}: ${w}\n`);
  } else if (bad > 0) {
    const r = reports[0]!;
    if (r.kind === 'refused') io.stderr(`hoofdbureau import: ${refusalWord(r)}: ${r.problem.message}\n  ${r.advice}\n`);
    else io.stderr(`hoofdbureau import: niet ingelezen: verschilt van de reeds ingelezen gegevens\n`);
  }
  return bad > 0 ? EXIT.refused : EXIT.ok;
}

export const importCommand: Command = {
  name: 'import',
  usage,
  summary: 'leest sticks in, atomair per stick; een map met sticks in bulk met voortgangsbalk',
  run,
};
