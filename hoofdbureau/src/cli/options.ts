// Shared options of the commands that use the database and the keys.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openHoofdbureau, type Hoofdbureau } from '../hoofdbureau.ts';
import type { CliIo } from './io.ts';

export const DEFAULT_DB = 'hoofdbureau.db';

export const COMMON_OPTIONS = {
  db: { type: 'string' },
  package: { type: 'string' },
  'organiser-key': { type: 'string' },
  key: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type ParseResult<O extends NonNullable<ParseArgsConfig['options']>> =
  | { ok: true; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] }
  | { ok: false; message: string };

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O): ParseResult<O> {
  try {
    const r = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { ok: true as const, values: r.values, positionals: r.positionals };
  } catch (e) {
    return { ok: false as const, message: (e as Error).message.replace(/\s+/g, ' ') };
  }
}

export interface OpenFromCli {
  db?: string | undefined;
  package?: string | undefined;
  'organiser-key'?: string | undefined;
  key?: string | undefined;
}

/**
 * Opens the hoofdbureau for a command. `memoryWhenMissing`: `check` works without a database
 * (then --package is needed); it never writes to an existing one.
 */
export async function openFromCli(values: OpenFromCli, io: CliIo, mode: { readonly: boolean; memoryWhenMissing?: boolean; workers?: number }): Promise<{ ok: true; hoofdbureau: Hoofdbureau } | { ok: false; message: string }> {
  let db = values.db ?? io.env?.HOOFDBUREAU_DB ?? DEFAULT_DB;
  let readonly = mode.readonly;
  if (!existsSync(db)) {
    if (mode.memoryWhenMissing && values.db === undefined) {
      db = ':memory:';
      readonly = false;
    } else if (mode.readonly) {
      return { ok: false, message: `De databank ${db} bestaat niet (nog niets ingelezen?).` };
    }
  }
  return openHoofdbureau({
    db,
    ...(values.package ? { packageDir: values.package } : {}),
    ...(values['organiser-key'] ? { organiserKey: values['organiser-key'] } : {}),
    ...(values.key ? { key: values.key } : {}),
    env: io.env ?? {},
    readonly,
    ...(mode.workers === undefined ? {} : { workers: mode.workers }),
  });
}
