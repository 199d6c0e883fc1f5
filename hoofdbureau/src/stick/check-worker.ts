// A worker thread of the check pool: verifies whole sticks (decryption and signature checks are
// the hot loop) so that both cores work while the main thread writes to the database.
import { parentPort } from 'node:worker_threads';
import { checkStickDir, type CheckKeys, type StickCheck } from './check-job.ts';

export interface CheckRequest {
  id: number;
  dir: string;
  keys: CheckKeys;
}

export interface CheckReply {
  id: number;
  result?: StickCheck;
  /** A programmer error inside the worker: the stick's check did not complete. */
  crash?: string;
}

const port = parentPort;
if (!port) throw new Error('check-worker: not a worker thread');

// Requests are handled one at a time in arrival order; the pool keeps the next one queued here so
// that this thread never waits for the main thread (busy committing the previous stick).
let chain: Promise<void> = Promise.resolve();

port.on('message', (request: CheckRequest) => {
  chain = chain.then(() =>
    checkStickDir(request.dir, request.keys).then(
      (result) => {
        const transfer = result.ok && result.content ? [result.content.ids.buffer, result.content.signed.buffer, result.content.offsets.buffer] : [];
        port.postMessage({ id: request.id, result } satisfies CheckReply, transfer as ArrayBuffer[]);
      },
      (error: unknown) => port.postMessage({ id: request.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies CheckReply),
    ),
  );
});
port.postMessage({ id: 0 } satisfies CheckReply);
