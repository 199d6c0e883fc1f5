import { resultsCsv } from '../results/csv.ts';
import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { COMMON_OPTIONS, openFromCli, parse } from './options.ts';

/**
 * `hoofdbureau results [--db FILE] --format json|csv [--out FILE]`: the results per election
 * (totals, seats, elected, substitutes, initiatiefrecht order), per publication unit and
 * deelgebied (500-voter rule) and, in JSON, the state and tallies of every polling station.
 * While polling stations are missing it is an intermediate result ("complete": false).
 */
const usage = 'hoofdbureau results [--db FILE] --format json|csv [--out FILE]';

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parse(args, { ...COMMON_OPTIONS, format: { type: 'string' }, out: { type: 'string' } });
  if (!parsed.ok) {
    io.stderr(`hoofdbureau results: ${parsed.message} (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`gebruik: ${usage}\n`);
    return EXIT.ok;
  }
  const format = v.format ?? 'json';
  if ((format !== 'json' && format !== 'csv') || parsed.positionals.length > 0) {
    io.stderr(`hoofdbureau results: --format json of csv (gebruik: ${usage})\n`);
    return EXIT.badInput;
  }
  const opened = await openFromCli(v, io, { readonly: true });
  if (!opened.ok) {
    io.stderr(`hoofdbureau results: ${opened.message}\n`);
    return EXIT.badInput;
  }
  const hb = opened.hoofdbureau;
  let text: string;
  let complete: boolean;
  try {
    const doc = hb.results();
    complete = doc.complete;
    text = format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : resultsCsv(doc);
  } finally {
    await hb.close();
  }
  if (v.out) {
    if (!io.writeFile) throw new Error('results: no writeFile in this CliIo');
    const written = await io.writeFile(v.out, text);
    if (!written.ok) {
      io.stderr(`hoofdbureau results: ${v.out}: ${written.reason}\n`);
      return EXIT.badInput;
    }
  } else {
    io.stdout(text);
  }
  if (!complete) io.stderr('hoofdbureau results: tussentijds resultaat: nog niet alle stembureaus zijn ingelezen\n');
  return EXIT.ok;
}

export const resultsCommand: Command = {
  name: 'results',
  usage,
  summary: 'resultaten, zetels, verkozenen, opvolgers, initiatiefrecht; per publicatie-eenheid en deelgebied',
  run,
};
