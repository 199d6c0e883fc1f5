// Every byte that reaches a stick goes through a StickIo. Failures a stick can really have on
// election day (pulled out, read-only, full, I/O error) come back as values; the console
// halts voting on them. The node implementation keeps file handles open so that a ballot
// costs one pwrite and one fdatasync per stick, nothing more.
import { constants as fsConstants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '@ovs/basics';
import { readRegularFile, type ReadOptions } from './regular-file.ts';

export type IoErrorCode =
  | 'absent'
  | 'not-found'
  | 'read-only'
  | 'full'
  | 'io'
  /** Not a regular file (a link, device, FIFO, socket or folder): refused unread (file-rules.ts). */
  | 'not-regular'
  /** Larger than the file's format allows: refused unread. */
  | 'too-large'
  /** The stick did not answer in time. */
  | 'timeout';

export interface IoError {
  code: IoErrorCode;
  /** For not-regular, too-large and timeout: a whole Dutch sentence naming the file. */
  detail: string;
}

export type IoResult<T = void> = Result<T, IoError>;

export interface StickIo {
  /** Where the stick is mounted (for messages). */
  readonly root: string;
  /**
   * The whole file; `not-found` when it does not exist; `not-regular`, `too-large` or `timeout`
   * under the rules of file-rules.ts (a stick is hostile input).
   */
  readFile(name: string): Promise<IoResult<Uint8Array>>;
  exists(name: string): Promise<IoResult<boolean>>;
  /** Overwrite bytes inside an existing file (never extends it). */
  writeAt(name: string, offset: number, bytes: Uint8Array): Promise<IoResult>;
  /** Append to a file, creating it when missing. */
  append(name: string, bytes: Uint8Array): Promise<IoResult>;
  truncate(name: string, length: number): Promise<IoResult>;
  /** Data of `name` durably on the stick (fdatasync). */
  sync(name: string): Promise<IoResult>;
  /** Atomic replace: temporary file, fsync, rename, fsync of the directory. */
  replace(name: string, bytes: Uint8Array): Promise<IoResult>;
  /** Create a file of `size` zero bytes and fsync it (preallocation of the slot file). */
  createZeroed(name: string, size: number, chunk?: Uint8Array): Promise<IoResult>;
  /** Overwrite with zeros, fsync, then unlink (best effort erasure of secrets). */
  erase(name: string): Promise<IoResult>;
  freeBytes(): Promise<IoResult<number>>;
  /** Write, fsync and remove a probe file: tells a writable stick from a read-only one. */
  probeWritable(): Promise<IoResult>;
  /** Close every open handle (the stick is about to be pulled or the console stops). */
  close(): Promise<void>;
}

export function classifyError(e: unknown): IoError {
  const errno = e as NodeJS.ErrnoException;
  const code = errno?.code ?? '';
  const detail = `${code} ${errno?.message ?? String(e)}`.trim();
  switch (code) {
    case 'ENOENT':
      return { code: 'not-found', detail };
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return { code: 'read-only', detail };
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return { code: 'full', detail };
    case 'ENODEV':
    case 'ENXIO':
    case 'ESTALE':
    case 'ENOTCONN':
      return { code: 'absent', detail };
    default:
      return { code: 'io', detail };
  }
}

/**
 * StickIo on a mounted file system (a real stick, or a folder for the simulator and tests).
 * `read` sets the time-out of every read step (and, in tests, the file system calls).
 */
export function createNodeStickIo(root: string, read: ReadOptions = {}): StickIo {
  const handles = new Map<string, fs.FileHandle>();
  const appendHandles = new Map<string, fs.FileHandle>();

  async function rootPresent(): Promise<IoError | undefined> {
    try {
      const s = await fs.stat(root);
      return s.isDirectory() ? undefined : { code: 'absent', detail: `${root} is geen map` };
    } catch (e) {
      const error = classifyError(e);
      return error.code === 'not-found' ? { code: 'absent', detail: `${root} ontbreekt` } : error;
    }
  }

  async function handle(name: string): Promise<fs.FileHandle> {
    let h = handles.get(name);
    if (!h) {
      h = await fs.open(join(root, name), fsConstants.O_RDWR);
      handles.set(name, h);
    }
    return h;
  }

  async function forget(name: string): Promise<void> {
    for (const map of [handles, appendHandles]) {
      const h = map.get(name);
      map.delete(name);
      if (h) await h.close().catch(() => undefined);
    }
  }

  async function guarded<T>(name: string | undefined, fn: () => Promise<T>): Promise<IoResult<T>> {
    try {
      return ok(await fn());
    } catch (e) {
      if (name) await forget(name);
      const error = classifyError(e);
      // A file that vanished together with its directory means the stick is gone.
      if (error.code === 'not-found' || error.code === 'io') {
        const gone = await rootPresent();
        if (gone) return err(gone);
      }
      return err(error);
    }
  }

  return {
    root,
    readFile: async (name) => {
      const r = await readRegularFile(join(root, name), name, read);
      if (!r.ok && (r.error.code === 'not-found' || r.error.code === 'io')) {
        const gone = await rootPresent();
        if (gone) return err(gone);
      }
      return r;
    },
    exists: async (name) => {
      const gone = await rootPresent();
      if (gone) return err(gone);
      return guarded(undefined, async () => {
        try {
          await fs.access(join(root, name));
          return true;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
          throw e;
        }
      });
    },
    writeAt: (name, offset, bytes) =>
      guarded(name, async () => {
        const h = await handle(name);
        const { size } = await h.stat();
        if (offset + bytes.length > size) throw Object.assign(new Error(`write past the end of ${name}`), { code: 'EIO' });
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await h.write(bytes, done, bytes.length - done, offset + done);
          done += bytesWritten;
        }
      }),
    append: (name, bytes) =>
      guarded(name, async () => {
        let h = appendHandles.get(name);
        if (!h) {
          h = await fs.open(join(root, name), fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT, 0o644);
          appendHandles.set(name, h);
        }
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await h.write(bytes, done, bytes.length - done);
          done += bytesWritten;
        }
      }),
    truncate: (name, length) =>
      guarded(name, async () => {
        await forget(name);
        await fs.truncate(join(root, name), length);
      }),
    sync: (name) =>
      guarded(name, async () => {
        const hs = [handles.get(name), appendHandles.get(name)].filter((h): h is fs.FileHandle => h !== undefined);
        if (hs.length === 0) hs.push(await handle(name));
        for (const h of hs) await h.datasync();
      }),
    replace: (name, bytes) =>
      guarded(name, async () => {
        await forget(name);
        const tmp = join(root, `.${name}.tmp`);
        const h = await fs.open(tmp, 'w', 0o644);
        try {
          await h.writeFile(bytes);
          await h.sync();
        } finally {
          await h.close();
        }
        await fs.rename(tmp, join(root, name));
        await syncDirectory(root);
      }),
    createZeroed: (name, size, chunk = new Uint8Array(1 << 20)) =>
      guarded(name, async () => {
        await forget(name);
        const h = await fs.open(join(root, name), 'w', 0o644);
        try {
          // Real zeros, not a sparse file: the space must exist on the stick before voting.
          for (let at = 0; at < size; at += chunk.length) {
            const n = Math.min(chunk.length, size - at);
            await h.write(chunk, 0, n, at);
          }
          await h.sync();
        } finally {
          await h.close();
        }
        await syncDirectory(root);
      }),
    erase: (name) =>
      guarded(name, async () => {
        await forget(name);
        const path = join(root, name);
        let size: number;
        try {
          size = (await fs.stat(path)).size;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw e;
        }
        const h = await fs.open(path, 'r+');
        try {
          await h.write(new Uint8Array(size), 0, size, 0);
          await h.sync();
        } finally {
          await h.close();
        }
        await fs.unlink(path);
        await syncDirectory(root);
      }),
    freeBytes: () =>
      guarded(undefined, async () => {
        const s = await fs.statfs(root);
        return Number(s.bavail) * Number(s.bsize);
      }),
    probeWritable: () =>
      guarded(undefined, async () => {
        const path = join(root, '.ovs-probe');
        const h = await fs.open(path, 'w');
        try {
          await h.write(new Uint8Array([1]));
          await h.sync();
        } finally {
          await h.close();
        }
        await fs.unlink(path);
      }),
    close: async () => {
      for (const name of [...new Set([...handles.keys(), ...appendHandles.keys()])]) await forget(name);
    },
  };
}

async function syncDirectory(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r');
  try {
    await h.sync();
  } catch {
    // Some file systems (vfat) refuse fsync on a directory; the rename is then as durable as
    // the file system makes it, and reconciliation covers the rest.
  } finally {
    await h.close();
  }
}
