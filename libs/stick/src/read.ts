// One read per file, no more: the whole stick goes into memory (a station's slot file is a
// few hundred kilobytes), and every check after that is pure.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FILES, type StickFile } from './files.ts';
import { classifyError, createNodeStickIo, type IoError, type StickIo } from './io.ts';

export type StickFiles = Partial<Record<StickFile, Uint8Array>>;

export type ReadFilesResult = { ok: true; files: StickFiles } | { ok: false; file: StickFile; error: IoError };

const NAMES = Object.values(FILES);

/** Every file of the stick, read in parallel; a missing file is simply absent (the verifier names it). */
export async function readStickFiles(io: StickIo): Promise<ReadFilesResult> {
  const read = await Promise.all(NAMES.map((name) => io.readFile(name)));
  const files: StickFiles = {};
  for (const [i, name] of NAMES.entries()) {
    const r = read[i]!;
    if (r.ok) files[name] = r.value;
    else if (r.error.code !== 'not-found') return { ok: false, file: name, error: r.error };
  }
  return { ok: true, files };
}

export async function readStickDir(dir: string): Promise<ReadFilesResult> {
  const io = createNodeStickIo(dir);
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
    try {
      const b = readFileSync(join(dir, name));
      files[name] = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      const error = classifyError(e);
      if (error.code !== 'not-found') return { ok: false, file: name, error };
      if (!directoryPresent(dir)) return { ok: false, file: name, error: { code: 'absent', detail: `${dir} ontbreekt` } };
    }
  }
  return { ok: true, files };
}

function directoryPresent(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
