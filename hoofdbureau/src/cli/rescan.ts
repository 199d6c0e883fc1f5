import { decodeRescanFile } from '../import/rescan.ts';
import { importLine } from '../import/reports.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { toJson } from './json-out.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/**
 * `hoofdbureau rescan <scans.json> [--session-from STICK] [--session-from-report SCAN.png] [--db FILE]`:
 * decree art. 24, third paragraph — when neither stick can be imported, every paper ballot of the
 * polling station is scanned again by a ballot box at the hoofdbureau; its scans (format
 * "ovs-herscan/1", see src/import/rescan.ts) are verified one by one as the box does and imported
 * with a note for the PV. The session certificate that checks their signatures comes from the
 * scans file, a stick's session.json, or a scan of the kerncijferrapport's QR code.
 */
const usage = 'hoofdbureau rescan <scans.json> [--session-from STICK-DIR] [--session-from-report KERNCIJFERRAPPORT.png] [--db FILE] [--key FILE] [--json]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, 'session-from': { type: 'string' }, 'session-from-report': { type: 'string' }, json: { type: 'boolean' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau rescan: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr(`hoofdbureau rescan: geef precies één bestand met scans (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const read = await io.readFile(file);
  if (!read.ok) {
    io.stderr(`hoofdbureau rescan: ${file}: ${read.reason}\n`);
    return EXIT.badInput;
  }
  const decoded = decodeRescanFile(read.text);
  if (!decoded.ok) {
    io.stderr(`hoofdbureau rescan: ${file}: ${decoded.message}\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: false });
  if (!opened.ok) {
    io.stderr(`hoofdbureau rescan: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  try {
    if (!hb.canImport) {
      io.stderr('hoofdbureau rescan: geen sleutel van het hoofdbureau: geef --key BESTAND\n');
      return EXIT.badInput;
    }
    const report = await hb.importRescan({
      ...decoded.input,
      path: file,
      ...(v['session-from'] ? { sessionFrom: v['session-from'] } : {}),
      ...(v['session-from-report'] ? { sessionFromReport: v['session-from-report'] } : {}),
    });
    io.stdout(v.json ? `${toJson(report)}\n` : `${importLine(report)}\n${report.kind === 'imported' && report.note ? `${report.note}\n` : ''}`);
    if (report.kind === 'refused') io.stderr(`hoofdbureau rescan: GEWEIGERD: ${report.problem.message}\n  ${report.advice}\n`);
    return report.kind === 'imported' ? EXIT.ok : EXIT.refused;
  } finally {
    await hb.close();
  }
}

export const rescanCommand: Command = {
  name: 'rescan',
  usage,
  summary: 'leest de herscanning van alle stembiljetten van een stembureau in (decreet art. 24)',
  run,
};
