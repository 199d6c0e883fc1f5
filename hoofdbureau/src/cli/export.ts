import { eml510 } from '../export/eml510.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/** `hoofdbureau export --format eml510 [--out FILE] [--db FILE]`: the count as OASIS EML 510. */
const usage = 'hoofdbureau export --format eml510 [--out FILE] [--db FILE]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, out: { type: 'string' }, format: { type: 'string' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau export: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  if ((v.format ?? 'eml510') !== 'eml510' || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau export: alleen --format eml510 (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: true });
  if (!opened.ok) {
    io.stderr(`hoofdbureau export: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  let xml: string;
  try {
    xml = eml510(hb.results());
  } finally {
    await hb.close();
  }
  if (!v.out) {
    io.stdout(xml);
    return EXIT.ok;
  }
  if (!io.writeFile) throw new Error('export: no writeFile in this CliIo');
  const written = await io.writeFile(v.out, xml);
  if (!written.ok) {
    io.stderr(`hoofdbureau export: ${v.out}: ${written.reason}\n`);
    return EXIT.badInput;
  }
  return EXIT.ok;
}

export const exportCommand: Command = {
  name: 'export',
  usage,
  summary: 'de telling in een open standaard: OASIS EML 510',
  run,
};
