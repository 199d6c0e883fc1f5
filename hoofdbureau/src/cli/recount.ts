import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/**
 * `hoofdbureau recount [--db FILE] [--key FILE] [STICK|HERSCAN.json]…`: every stored vote counted
 * again from the database, and compared with the sticks or re-scans given, verified again.
 */
const usage = 'hoofdbureau recount [--db FILE] [--key FILE] [STICK|HERSCAN.json]…';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, COMMON_OPTIONS);
  if (!parsed.ok) {
    io.stderr(`hoofdbureau recount: ${parsed.message} (gebruik: ${usage})\n`);
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
  const sources = parsed.positionals;
  if (sources.length > 0 && !opened.hoofdbureau.canImport) {
    await opened.hoofdbureau.close();
    io.stderr(`hoofdbureau recount: de sticks nakijken vraagt de sleutel van het hoofdbureau: geef --key BESTAND (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  try {
    const r = await opened.hoofdbureau.recount(sources);
    if (r.differences.length === 0) {
      const against =
        sources.length === 0
          ? ' De handtekeningen van de stembiljetten staan op de sticks: geef ze mee (met --key) om ook die na te kijken.'
          : ` Stembureau ${r.verifiedAgainstSources.join(', ')}: elke bewaarde stem is die van een ondertekend stembiljet op de stick of in de herscan.`;
      io.stdout(`Hertelling: ${r.votes} stemmen van ${r.ballots} stembiljetten van ${r.stations} stembureaus opnieuw geteld; alles klopt met de ondertekende afsluitingen, de bewaarde tellingen en de totalen.${against}\n`);
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
  summary: 'hertelling: elke bewaarde stem opnieuw geteld, en vergeleken met de sticks of herscans (audit)',
  run,
};
