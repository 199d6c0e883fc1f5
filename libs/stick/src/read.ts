// One read per file, no more: the whole stick goes into memory (a station's slot file is a
// few hundred kilobytes), and every check after that is pure. Each file is read under the rules
// of file-rules.ts (regular files only, size limits, a time-out), asynchronously or not.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '@ovs/basics';
import { FILES, type StickFile } from './files.ts';
import { createNodeStickIo, type IoError, type StickIo } from './io.ts';
import { problem, type StickProblem } from './problems.ts';
import { readRegularFileSync, type ReadOptions } from './regular-file.ts';

export type StickFiles = Partial<Record<StickFile, Uint8Array>>;

/** The first file that could not be read, and why (a missing file is no failure). */
export interface ReadFailure {
  file: StickFile;
  io: IoError;
}

export type ReadFilesResult = Result<StickFiles, ReadFailure>;

const NAMES = Object.values(FILES);

/** Every file of the stick, read in parallel; a missing file is simply absent (the verifier names it). */
export async function readStickFiles(io: StickIo): Promise<ReadFilesResult> {
  const read = await Promise.all(NAMES.map((name) => io.readFile(name)));
  const files: StickFiles = {};
  for (const [i, name] of NAMES.entries()) {
    const r = read[i]!;
    if (r.ok) files[name] = r.value;
    else if (r.error.code !== 'not-found') return err({ file: name, io: r.error });
  }
  return ok(files);
}

export async function readStickDir(dir: string, options: ReadOptions = {}): Promise<ReadFilesResult> {
  const io = createNodeStickIo(dir, options);
  try {
    return await readStickFiles(io);
  } finally {
    await io.close();
  }
}

/**
 * readStickDir, synchronously: for a worker thread, where blocking costs nothing and the
 * promise and thread-pool round trips of ten asynchronous reads do. Same outcome.
 */
export function readStickDirSync(dir: string): ReadFilesResult {
  const files: StickFiles = {};
  for (const name of NAMES) {
    const r = readRegularFileSync(join(dir, name), name);
    if (r.ok) files[name] = r.value;
    else if (r.error.code !== 'not-found') return err({ file: name, io: r.error });
    else if (!directoryPresent(dir)) return err({ file: name, io: { code: 'absent', detail: `${dir} ontbreekt` } });
  }
  return ok(files);
}

/** What a failed read means for the stick, as a problem naming the file. */
export function readProblem(file: StickFile, error: IoError): StickProblem {
  switch (error.code) {
    case 'not-regular':
      return { code: 'not-regular-file', file, message: error.detail };
    case 'too-large':
      return { code: 'file-too-large', file, message: error.detail };
    case 'timeout':
      return { code: 'stick-timeout', file, message: error.detail };
    case 'absent':
      return problem('missing-file', file, undefined, `kan niet gelezen worden (${error.detail}).`);
    case 'not-found':
    case 'read-only':
    case 'full':
    case 'io':
      return problem('unreadable', file, undefined, `kan niet gelezen worden (${error.detail}).`);
    default: {
      const never: never = error.code;
      throw new Error(`readProblem: ${String(never)}`);
    }
  }
}

function directoryPresent(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
