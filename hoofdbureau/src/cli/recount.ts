import { recount } from '../audit/recount.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/** `hoofdbureau recount [--db FILE]`: every stored ballot verified, decoded and counted again. */
const usage = 'hoofdbureau recount [--db FILE]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, COMMON_OPTIONS);
  if (!parsed.ok || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau recount: ${parsed.ok ? 'onverwacht argument' : parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  if (parsed.values.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  const opened = await openFromCli(parsed.values, io, { readonly: true });
  if (!opened.ok) {
    io.stderr(`hoofdbureau recount: ${opened.message}\n`);
    return EXIT.badInput;
  }
  try {
    const r = recount(opened.hoofdbureau.db);
    if (r.differences.length === 0) {
      io.stdout(`Hertelling: ${r.ballots} stembiljetten van ${r.stations} stembureaus opnieuw geverifieerd en geteld; alles klopt met de bewaarde tellingen en totalen.\n`);
      return EXIT.ok;
    }
    io.stdout(`Hertelling: VERSCHILLEN\n${r.differences.map((d) => `  - ${d}`).join('\n')}\n`);
    return EXIT.refused;
  } finally {
    await opened.hoofdbureau.close();
  }
}

export const recountCommand: Command = {
  name: 'recount',
  usage,
  summary: 'hertelling uit de databank: elk stembiljet opnieuw geverifieerd en geteld (audit)',
  run,
};
