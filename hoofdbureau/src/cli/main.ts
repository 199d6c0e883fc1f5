import type { Command } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { nodeIo, type CliIo } from './io.ts';
import { seatsCommand } from './seats.ts';
import { checkCommand } from './check.ts';
import { importCommand } from './import.ts';
import { resultsCommand } from './results.ts';
import { rescanCommand } from './rescan.ts';
import { pvCommand } from './pv.ts';
import { exportCommand } from './export.ts';
import { serveCommand } from './serve.ts';
import { recountCommand } from './recount.ts';
import { accountCommand } from './account.ts';
import { receiptCommand, receiptsCommand } from './receipt.ts';

/** `hoofdbureau <command> [args]`: a small dispatcher. Each command lives in its own file. */
export const commands: readonly Command[] = [checkCommand, importCommand, rescanCommand, resultsCommand, pvCommand, exportCommand, recountCommand, receiptCommand, receiptsCommand, serveCommand, accountCommand, seatsCommand];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'usage: hoofdbureau <command> [args]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'exit codes: 0 done, 1 internal error, 2 bad usage or malformed input, 3 the law needs data the input lacks,',
    '            4 stick or re-scan refused (invalid, or different from what is already imported)',
    '',
  ].join('\n');
}

export async function main(args: readonly string[], io: CliIo = nodeIo): Promise<ExitCode> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.stderr(usage());
    return EXIT.badInput;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`hoofdbureau: unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')})\n`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`hoofdbureau ${name}: internal error: ${message.replace(/\s+/g, ' ')}\n`);
    return EXIT.internal;
  }
}
