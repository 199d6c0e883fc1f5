import type { ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';

/** One subcommand of `hoofdbureau`. Add a file per command and list it in main.ts. */
export interface Command {
  readonly name: string;
  /** One line, e.g. `hoofdbureau seats <input.json>`. */
  readonly usage: string;
  /** One line saying what it does. */
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
