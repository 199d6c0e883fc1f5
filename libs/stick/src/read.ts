// One read per file, no more: the whole stick goes into memory (a station's slot file is a
// few hundred kilobytes), and every check after that is pure.
import { FILES, type StickFile } from './files.ts';
import { createNodeStickIo, type IoError, type StickIo } from './io.ts';

export type StickFiles = Partial<Record<StickFile, Uint8Array>>;

export type ReadFilesResult = { ok: true; files: StickFiles } | { ok: false; file: StickFile; error: IoError };

export async function readStickFiles(io: StickIo): Promise<ReadFilesResult> {
  const files: StickFiles = {};
  for (const name of Object.values(FILES)) {
    const r = await io.readFile(name);
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
