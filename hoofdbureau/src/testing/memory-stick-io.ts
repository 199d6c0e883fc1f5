// A StickIo that keeps its files in memory: the real stick writer (openStickPair, register,
// close) runs against it at CPU speed, and dumpTo() then writes the files to a folder. Tests
// and the import bench use it to produce sticks byte for byte as the console writes them,
// without paying two fdatasyncs per ballot.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { done, err, ok } from '@ovs/basics';
import type { IoResult, StickIo } from '@ovs/stick';

export interface MemoryStickIo extends StickIo {
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Writes every file to `dir` (created when missing). */
  dumpTo(dir: string): Promise<void>;
}

const notFound = (name: string): IoResult<never> => err({ code: 'not-found', detail: `${name} bestaat niet` });

export function createMemoryStickIo(root = 'memory', initial?: ReadonlyMap<string, Uint8Array>): MemoryStickIo {
  const files = new Map<string, Uint8Array>(initial ? [...initial].map(([k, v]) => [k, new Uint8Array(v)]) : []);
  const spares = new Map<string, { buffer: ArrayBuffer; view: Uint8Array }>();
  return {
    root,
    files,
    readFile: async (name) => {
      const f = files.get(name);
      return f ? ok(new Uint8Array(f)) : notFound(name);
    },
    exists: async (name) => ok(files.has(name)),
    writeAt: async (name, offset, bytes) => {
      const f = files.get(name);
      if (!f) return notFound(name);
      if (offset + bytes.length > f.length) return err({ code: 'io', detail: `${name}: schrijven voorbij het einde` });
      f.set(bytes, offset);
      return done;
    },
    append: async (name, bytes) => {
      // Grow by doubling into a spare buffer so that a day of appends stays linear.
      const f = files.get(name) ?? new Uint8Array(0);
      let spare = spares.get(name);
      if (!spare || spare.buffer.byteLength < f.length + bytes.length || spare.view !== f) {
        const buffer = new ArrayBuffer(Math.max(1024, 2 * (f.length + bytes.length)));
        new Uint8Array(buffer).set(f, 0);
        spare = { buffer, view: f };
      }
      new Uint8Array(spare.buffer).set(bytes, f.length);
      const grown = new Uint8Array(spare.buffer, 0, f.length + bytes.length);
      spare.view = grown;
      spares.set(name, spare);
      files.set(name, grown);
      return done;
    },
    truncate: async (name, length) => {
      const f = files.get(name);
      if (!f) return notFound(name);
      files.set(name, f.slice(0, length));
      return done;
    },
    sync: async () => done,
    replace: async (name, bytes) => {
      files.set(name, new Uint8Array(bytes));
      return done;
    },
    createZeroed: async (name, size) => {
      files.set(name, new Uint8Array(size));
      return done;
    },
    erase: async (name) => {
      files.delete(name);
      return done;
    },
    freeBytes: async () => ok(Number.MAX_SAFE_INTEGER),
    probeWritable: async () => done,
    close: async () => undefined,
    async dumpTo(dir) {
      await mkdir(dir, { recursive: true });
      for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
    },
  };
}
