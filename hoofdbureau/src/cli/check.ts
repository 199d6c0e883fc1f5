import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { toJson } from './json-out.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';
import { renderCheck } from './render-check.ts';

/**
 * `hoofdbureau check <stick-dir>`: seed 000's "controle van de inhoud van de sleutel" — every
 * file verified and, with the key, every ballot opened and counted, without importing anything
 * (an existing database is opened read-only, only to say whether the stick is already in).
 */
const usage = 'hoofdbureau check <stick-dir> [--db FILE] [--package DIR] [--key FILE] [--json]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, json: { type: 'boolean' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau check: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  if (parsed.values.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  const [dir, ...extra] = parsed.positionals;
  if (dir === undefined || extra.length > 0) {
    io.stderr(`hoofdbureau check: geef precies één stick (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(parsed.values, io, { readonly: true, memoryWhenMissing: true });
  if (!opened.ok) {
    io.stderr(`hoofdbureau check: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  try {
    const report = await hb.checkStick(dir);
    io.stdout(parsed.values.json ? `${toJson(report)}\n` : renderCheck(report, hb.db.pkg.election));
    if (!report.ok) {
      io.stderr(`hoofdbureau check: ONGELDIG: ${report.problem.message}\n`);
      return EXIT.refused;
    }
    if (report.summary.software.kind === 'mismatch') {
      io.stderr(`hoofdbureau check: WAARSCHUWING: de software op de stick (${report.summary.software.shortHash}) is niet de release ${report.summary.software.version} van het verkiezingspakket (${report.summary.software.expectedShortHash})\n`);
    }
    const offDay = report.summary.warnings.find((w) => w.code === 'opened-on-other-day');
    if (offDay && report.prior?.kind !== 'identical') {
      io.stderr(`hoofdbureau check: niet op de verkiezingsdag geopend: inlezen vraagt een beslissing van de voorzitter van het hoofdbureau (import --aanvaard-datum)\n`);
      return EXIT.refused;
    }
    if (report.prior?.kind === 'mismatch') {
      io.stderr(`hoofdbureau check: de stick verschilt van wat voor stembureau ${report.summary.station.number} al ingelezen is\n`);
      return EXIT.refused;
    }
    return EXIT.ok;
  } finally {
    await hb.close();
  }
}

export const checkCommand: Command = {
  name: 'check',
  usage,
  summary: 'controleert een stick zonder in te lezen: stembureau, kerncijfers, controlecode stembiljetten, resultaten',
  run,
};
