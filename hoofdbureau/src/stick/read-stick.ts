// One read of each stick file, synchronously: in a worker thread blocking is free, and it saves
// the promise and thread-pool round trips of @ovs/stick's readStickDir (about a millisecond per
// stick; see the report). Same outcome: a missing file is simply absent (the verifier names it),
// any other read error names the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES, type StickFile, type StickFiles } from '@ovs/stick';

export type ReadStickResult = { ok: true; files: StickFiles } | { ok: false; file: StickFile; detail: string };

export function readStickFilesSync(dir: string): ReadStickResult {
  const files: StickFiles = {};
  for (const name of Object.values(FILES)) {
    try {
      const b = readFileSync(join(dir, name));
      files[name] = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      return { ok: false, file: name, detail: `${code ?? ''} ${(e as Error).message}`.trim() };
    }
  }
  return { ok: true, files };
}
