// Reading one file of a stick under the rules of file-rules.ts: opened without following a
// symbolic link and without blocking (O_NOFOLLOW | O_NONBLOCK: a FIFO can never block the open),
// checked on the open handle (fstat: a regular file, no larger than its format allows), then read
// in chunks. Asynchronously every step has a time-out; the synchronous twin, for worker threads,
// applies the same rules but cannot interrupt a stalled read (its callers read from the main
// thread's copy, see the hoofdbureau's check pool).
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { err, ok } from '@ovs/basics';
import { kindOf, notRegular, readPlan, slotReadPlan, timedOut, type FileKind, type StatsLike } from './file-rules.ts';
import { classifyError, type IoError, type IoResult } from './io.ts';
import { SLOT_HEADER_BYTES } from './slot-file.ts';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** What a stalled stick gets before it is given up: per step (open, fstat, one chunk read). */
export const READ_TIMEOUT_MS = 10_000;

const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ReadHandle {
  stat(): Promise<StatsLike & { size: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** The file system calls the reader makes (node:fs by default; a test gives one that stalls). */
export interface FileOps {
  open(path: string, flags: number): Promise<ReadHandle>;
  lstat(path: string): Promise<StatsLike>;
}

export const nodeFileOps: FileOps = { open: (path, flags) => fs.open(path, flags), lstat: (path) => fs.lstat(path) };

export interface ReadOptions {
  /** Per step; default READ_TIMEOUT_MS. */
  timeoutMs?: number;
  fileOps?: FileOps;
}

export type Timed<T> = { done: true; value: T } | { done: false };

/**
 * `work`, or `{ done: false }` after `ms`. What arrives too late goes to `late` (to close a handle
 * that opened after all); a rejection is passed on only in time.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, late?: (value: T) => void): Promise<Timed<T>> {
  return new Promise((resolve, reject) => {
    let over = false;
    const timer = setTimeout(() => {
      over = true;
      resolve({ done: false });
    }, ms);
    work.then(
      (value) => {
        if (over) late?.(value);
        else {
          clearTimeout(timer);
          resolve({ done: true, value });
        }
      },
      (e: unknown) => {
        if (over) return;
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Why an open failed: a link (O_NOFOLLOW gives ELOOP), what lstat saw, or what the error says. */
function openFailure(name: string, e: unknown, kind: FileKind | undefined): IoError {
  if ((e as NodeJS.ErrnoException)?.code === 'ELOOP') return notRegular(name, 'symlink');
  if (kind && kind !== 'file') return notRegular(name, kind);
  return classifyError(e);
}

interface ReadStep {
  buffer: Uint8Array;
  offset: number;
  length: number;
}

/**
 * The read loop of both readers, under the rules: yields the reads to make (at `offset` in the
 * file and the buffer), receives the bytes each read returned, returns the file or the refusal.
 */
function* readSteps(name: string, kind: FileKind, size: number): Generator<ReadStep, IoResult<Uint8Array>, number> {
  const first = readPlan(name, kind, size);
  if (!first.ok) return first;
  let plan = first.value;
  // Every byte is read into it before it is returned (a short read returns a copy of what was read).
  const slow = Buffer.allocUnsafeSlow(plan.read);
  const out = new Uint8Array(slow.buffer, slow.byteOffset, slow.byteLength);
  let got = 0;
  while (got < plan.read) {
    const length = plan.headerFirst ? SLOT_HEADER_BYTES - got : Math.min(CHUNK_BYTES, plan.read - got);
    const n = yield { buffer: out, offset: got, length };
    // Shorter than fstat said (changed while read): what is there; the verifier names the fault.
    if (n === 0) return ok(out.slice(0, got));
    got += n;
    if (plan.headerFirst && got >= SLOT_HEADER_BYTES) {
      const rest = slotReadPlan(out.subarray(0, SLOT_HEADER_BYTES), size);
      if (!rest.ok) return rest;
      plan = rest.value;
      if (plan.read < out.length) return ok(out.slice(0, plan.read));
    }
  }
  return ok(out);
}

/** One file of a stick, whole, under the rules; `name` is its name on the stick (for the limits and messages). */
export async function readRegularFile(path: string, name: string, options: ReadOptions = {}): Promise<IoResult<Uint8Array>> {
  const ms = options.timeoutMs ?? READ_TIMEOUT_MS;
  const ops = options.fileOps ?? nodeFileOps;
  let handle: ReadHandle;
  try {
    const opened = await withDeadline(ops.open(path, OPEN_FLAGS), ms, (h) => void h.close().catch(() => undefined));
    if (!opened.done) return err(timedOut(name, ms));
    handle = opened.value;
  } catch (e) {
    const seen = needsLstat(e) ? await withDeadline(ops.lstat(path), ms).catch(() => undefined) : undefined;
    return err(openFailure(name, e, seen?.done ? kindOf(seen.value) : undefined));
  }
  // After a time-out the handle is closed without waiting: node's close waits for the stalled call.
  let stalled = false;
  try {
    const stat = await withDeadline(handle.stat(), ms);
    if (!stat.done) {
      stalled = true;
      return err(timedOut(name, ms));
    }
    const steps = readSteps(name, kindOf(stat.value), stat.value.size);
    for (let step = steps.next(0); ; ) {
      if (step.done) return step.value;
      const { buffer, offset, length } = step.value;
      const r = await withDeadline(handle.read(buffer, offset, length, offset), ms);
      if (!r.done) {
        stalled = true;
        return err(timedOut(name, ms));
      }
      step = steps.next(r.value.bytesRead);
    }
  } catch (e) {
    return err(classifyError(e));
  } finally {
    const closing = handle.close().catch(() => undefined);
    if (!stalled) await closing;
  }
}

/** readRegularFile without the event loop (no time-out: a blocking read cannot be interrupted). */
export function readRegularFileSync(path: string, name: string): IoResult<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    let kind: FileKind | undefined;
    try {
      kind = needsLstat(e) ? kindOf(lstatSync(path)) : undefined;
    } catch {
      kind = undefined;
    }
    return err(openFailure(name, e, kind));
  }
  try {
    const steps = readSteps(name, ...kindAndSize(fstatSync(fd)));
    for (let step = steps.next(0); ; ) {
      if (step.done) return step.value;
      const { buffer, offset, length } = step.value;
      step = steps.next(readSync(fd, buffer, offset, length, offset));
    }
  } catch (e) {
    return err(classifyError(e));
  } finally {
    closeSync(fd);
  }
}

const kindAndSize = (s: StatsLike & { size: number }): [FileKind, number] => [kindOf(s), s.size];

/** A socket cannot be opened (ENXIO); only lstat says that is what it is. */
const needsLstat = (e: unknown): boolean => ['ENXIO', 'EOPNOTSUPP'].includes((e as NodeJS.ErrnoException)?.code ?? '');
