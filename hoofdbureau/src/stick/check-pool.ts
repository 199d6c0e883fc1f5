// Verifying sticks on every core: a pool of worker threads, one per core, each checking whole
// sticks. The main thread only reads files (asynchronously: the disk works while the workers
// compute) and writes to the database; the files go to a worker and the packed ballots come back
// as transferred buffers, never copied. A bulk import keeps the pool busy while the main thread
// inserts the previous stick, so the hot loop (one AEAD open and one Ed25519 verification per
// ballot) runs on every core.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readStickDir } from '@ovs/stick';
import { checkStickDir, noStick, owns, unreadable, type CheckKeys, type StickCheck } from './check-job.ts';
import type { CheckReply, CheckRequest } from './check-worker.ts';

export interface StickChecker {
  check(dir: string, keys: CheckKeys): Promise<StickCheck>;
  /** How many checks can usefully be in flight at once. */
  readonly size: number;
  /** Resolves when every thread has loaded its code. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Checks on the calling thread: for one stick at a time (no worker start-up). */
export const inlineChecker: StickChecker = {
  check: checkStickDir,
  size: 1,
  ready: async () => undefined,
  close: async () => undefined,
};

/** Checks queued per worker: one running, one waiting, so a worker never idles between sticks. */
const DEPTH = 2;

const YOUNG_MB = 48;

interface Pending {
  resolve: (r: StickCheck) => void;
  reject: (e: Error) => void;
}

export function createCheckPool(size = availableParallelism()): StickChecker {
  const workers: Worker[] = [];
  const queue: Array<{ request: CheckRequest; transfer: ArrayBuffer[]; pending: Pending }> = [];
  const inFlight = new Map<Worker, Map<number, Pending>>();
  const started: Array<Promise<void>> = [];
  let next = 1;
  let closed = false;

  const dispatch = (): void => {
    for (;;) {
      if (queue.length === 0) return;
      let best: Worker | undefined;
      for (const w of workers) if ((inFlight.get(w)?.size ?? 0) < DEPTH && (!best || inFlight.get(w)!.size < inFlight.get(best)!.size)) best = w;
      if (!best) return;
      const job = queue.shift()!;
      inFlight.get(best)!.set(job.request.id, job.pending);
      best.postMessage(job.request, job.transfer);
    }
  };

  for (let i = 0; i < Math.max(1, size); i++) {
    // A larger young generation: the hot loop's short-lived objects (node:crypto's cipher and
    // its output) die in fewer, cheaper scavenges.
    const worker = new Worker(new URL('./check-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    inFlight.set(worker, new Map());
    started.push(
      new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (reply: CheckReply) => {
          if (reply.id === 0) {
            resolve();
            return;
          }
          const jobs = inFlight.get(worker)!;
          const pending = jobs.get(reply.id);
          jobs.delete(reply.id);
          // Hand out the next job before the caller's continuation runs (it may block on a commit).
          dispatch();
          if (!pending) return;
          if (reply.result) pending.resolve(reply.result);
          else pending.reject(new Error(`controle in een werkdraad mislukt: ${reply.crash ?? 'onbekend'}`));
        });
      }),
    );
    worker.on('error', (error) => {
      const jobs = inFlight.get(worker)!;
      for (const pending of jobs.values()) pending.reject(error);
      jobs.clear();
    });
    workers.push(worker);
  }

  return {
    size: workers.length * DEPTH,
    ready: async () => {
      await Promise.all(started);
    },
    async check(dir, keys) {
      if (closed) throw new Error('check pool closed');
      const absent = await noStick(dir);
      if (absent) return absent;
      const read = await readStickDir(dir);
      if (!read.ok) return unreadable(read.error.file, read.error.io);
      const transfer = Object.values(read.value)
        .filter(owns)
        .map((b) => b.buffer as ArrayBuffer);
      if (closed) throw new Error('check pool closed');
      return new Promise<StickCheck>((resolve, reject) => {
        queue.push({ request: { id: next++, dir, keys, files: read.value }, transfer, pending: { resolve, reject } });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.pending.reject(new Error('check pool closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export { checkStickDir };
