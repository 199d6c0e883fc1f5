import { readFile, writeFile } from 'node:fs/promises';

/** What a command may do to the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<ReadResult>;
  /** Where results, the PV and exports go with --out; absent in tests that never write. */
  writeFile?(path: string, data: string | Uint8Array): Promise<WriteResult>;
  /** Draw progress bars (stderr is a terminal) instead of one line per stick. */
  readonly stderrIsTTY?: boolean;
  /** HOOFDBUREAU_* configuration; absent = none. */
  readonly env?: NodeJS.ProcessEnv;
}

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export const nodeIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  async writeFile(path, data) {
    try {
      await writeFile(path, data);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  },
  async readFile(path) {
    try {
      return { ok: true, text: await readFile(path, 'utf8') };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  },
};
