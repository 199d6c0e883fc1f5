// A worker thread of the check pool: verifies whole sticks (decryption and signature checks are
// the hot loop) so that both cores work while the main thread reads files and writes to the
// database. The files arrive already read (their buffers transferred, not copied); the ballots
// go back the same way.
import { parentPort } from 'node:worker_threads';
import type { StickFiles } from '@ovs/stick';
import { checkStickDirSync, checkStickFiles, contentBuffers, owns, type CheckKeys, type StickCheck } from './check-job.ts';

export interface CheckRequest {
  id: number;
  dir: string;
  keys: CheckKeys;
  /** The stick's files as read by the main thread; without them the worker reads `dir` itself. */
  files?: StickFiles;
}

export interface CheckReply {
  id: number;
  result?: StickCheck;
  /** A programmer error inside the worker: the stick's check did not complete. */
  crash?: string;
}

const port = parentPort;
if (!port) throw new Error('check-worker: not a worker thread');

// One request at a time, in arrival order (the handler is synchronous); the pool keeps the next
// one queued here so that this thread never waits for the main thread.
port.on('message', (request: CheckRequest) => {
  let result: StickCheck;
  try {
    result = request.files ? checkStickFiles(request.files, request.keys) : checkStickDirSync(request.dir, request.keys);
  } catch (error) {
    port.postMessage({ id: request.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies CheckReply);
    return;
  }
  const transfer: ArrayBuffer[] = [];
  if (result.ok) {
    if (result.content) transfer.push(...contentBuffers(result.content));
    const events = result.summary.raw.events;
    if (events.byteLength > 0 && owns(events)) transfer.push(events.buffer as ArrayBuffer);
  }
  port.postMessage({ id: request.id, result } satisfies CheckReply, transfer);
});
port.postMessage({ id: 0 } satisfies CheckReply);
