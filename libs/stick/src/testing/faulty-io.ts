// Fault injection for the stick write protocol: counts every mutating step over all sticks
// that share a plan, and at a chosen step either returns an error (a pulled stick, a read-only
// or full stick) or "crashes" — throws SimulatedCrash, optionally after writing only part of
// the bytes (a torn write), and refuses everything afterwards like a dead process. powerCut()
// then undoes every write that was not followed by a sync, as a power failure would.
import { err, ok } from '@ovs/basics';
import type { IoError, IoResult, StickIo } from '../io.ts';

export class SimulatedCrash extends Error {
  constructor(step: number) {
    super(`simulated crash at step ${step}`);
    this.name = 'SimulatedCrash';
  }
}

export type StepKind = 'writeAt' | 'append' | 'truncate' | 'sync' | 'replace' | 'createZeroed' | 'erase';

export interface StepRecord {
  step: number;
  stick: string;
  kind: StepKind;
  name: string;
}

export interface FaultPlan {
  /** Mutating steps so far, over every stick of the plan. */
  steps: number;
  /** Every step, for choosing where to crash in the next run. */
  log: StepRecord[];
  crashAt?: number;
  /** At the crash step, write a prefix of the bytes first (writeAt and append only). */
  tear?: boolean;
  /** At this step return `error` instead of writing (from then on for that stick: `sticky`). */
  failAt?: { step: number; error: IoError; tear?: boolean; sticky?: boolean };
  crashed: boolean;
}

export const createFaultPlan = (options: Partial<Pick<FaultPlan, 'crashAt' | 'tear' | 'failAt'>> = {}): FaultPlan => ({ steps: 0, log: [], crashed: false, ...options });

interface Pending {
  name: string;
  undo: () => Promise<unknown>;
}

export interface FaultyIo extends StickIo {
  /** Undo every write of this stick not yet followed by a sync of its file. */
  powerCut(): Promise<void>;
}

export function createFaultyIo(inner: StickIo, plan: FaultPlan, stick: string): FaultyIo {
  const pending: Pending[] = [];
  let failedFor = false;

  async function before(kind: StepKind, name: string): Promise<'go' | 'tear-crash' | { fail: IoError; tear: boolean }> {
    if (plan.crashed) throw new SimulatedCrash(plan.steps);
    if (failedFor && plan.failAt?.sticky) return { fail: plan.failAt.error, tear: false };
    plan.steps++;
    plan.log.push({ step: plan.steps, stick, kind, name });
    if (plan.crashAt === plan.steps) {
      plan.crashed = true;
      if (plan.tear && (kind === 'writeAt' || kind === 'append')) return 'tear-crash';
      throw new SimulatedCrash(plan.steps);
    }
    if (plan.failAt?.step === plan.steps) {
      failedFor = true;
      return { fail: plan.failAt.error, tear: plan.failAt.tear ?? false };
    }
    return 'go';
  }

  const half = (bytes: Uint8Array): Uint8Array => bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));

  async function rememberWrite(name: string, offset: number, length: number): Promise<void> {
    const current = await inner.readFile(name);
    if (!current.ok) return;
    const old = current.value.slice(offset, offset + length);
    pending.push({ name, undo: () => inner.writeAt(name, offset, old) });
  }

  async function rememberAppend(name: string): Promise<void> {
    const current = await inner.readFile(name);
    const size = current.ok ? current.value.length : 0;
    pending.push({ name, undo: () => inner.truncate(name, size) });
  }

  return {
    root: inner.root,
    readFile: (name) => (plan.crashed ? Promise.reject(new SimulatedCrash(plan.steps)) : inner.readFile(name)),
    exists: (name) => (plan.crashed ? Promise.reject(new SimulatedCrash(plan.steps)) : inner.exists(name)),
    freeBytes: () => inner.freeBytes(),
    probeWritable: async () => {
      if (failedFor && plan.failAt?.sticky) return err(plan.failAt.error);
      return inner.probeWritable();
    },
    close: () => inner.close(),
    async writeAt(name, offset, bytes) {
      const go = await before('writeAt', name);
      await rememberWrite(name, offset, bytes.length);
      if (go === 'tear-crash') {
        await inner.writeAt(name, offset, half(bytes));
        throw new SimulatedCrash(plan.steps);
      }
      if (go !== 'go') {
        if (go.tear) await inner.writeAt(name, offset, half(bytes));
        return err(go.fail);
      }
      return inner.writeAt(name, offset, bytes);
    },
    async append(name, bytes) {
      const go = await before('append', name);
      await rememberAppend(name);
      if (go === 'tear-crash') {
        await inner.append(name, half(bytes));
        throw new SimulatedCrash(plan.steps);
      }
      if (go !== 'go') {
        if (go.tear) await inner.append(name, half(bytes));
        return err(go.fail);
      }
      return inner.append(name, bytes);
    },
    async truncate(name, length) {
      const go = await before('truncate', name);
      if (go !== 'go') return go === 'tear-crash' ? err({ code: 'io', detail: 'unreachable' }) : err(go.fail);
      return inner.truncate(name, length);
    },
    async sync(name) {
      const go = await before('sync', name);
      if (go !== 'go') return go === 'tear-crash' ? err({ code: 'io', detail: 'unreachable' }) : err(go.fail);
      const r = await inner.sync(name);
      if (r.ok) for (let i = pending.length - 1; i >= 0; i--) if (pending[i]?.name === name) pending.splice(i, 1);
      return r;
    },
    async replace(name, bytes) {
      const go = await before('replace', name);
      if (go !== 'go') return go === 'tear-crash' ? err({ code: 'io', detail: 'unreachable' }) : err(go.fail);
      return inner.replace(name, bytes);
    },
    async createZeroed(name, size, chunk) {
      const go = await before('createZeroed', name);
      if (go !== 'go') return go === 'tear-crash' ? err({ code: 'io', detail: 'unreachable' }) : err(go.fail);
      return inner.createZeroed(name, size, chunk);
    },
    async erase(name) {
      const go = await before('erase', name);
      if (go !== 'go') return go === 'tear-crash' ? err({ code: 'io', detail: 'unreachable' }) : err(go.fail);
      return inner.erase(name);
    },
    async powerCut() {
      while (pending.length > 0) await pending.pop()?.undo();
    },
  };
}

/** A stick whose write-protect switch is on: reads work, every write fails with read-only. */
export function createReadOnlyIo(inner: StickIo): StickIo {
  const refused = async (): Promise<IoResult> => err({ code: 'read-only', detail: 'EROFS: read-only file system' });
  return { ...inner, writeAt: refused, append: refused, truncate: refused, sync: refused, replace: refused, createZeroed: refused, erase: refused, probeWritable: refused };
}

/** A stick with only `bytes` free: appends and new files beyond that fail with full. */
export function createNearlyFullIo(inner: StickIo, bytes: number): StickIo {
  let left = bytes;
  const full = (): IoResult => err({ code: 'full', detail: 'ENOSPC: no space left on device' });
  return {
    ...inner,
    freeBytes: async () => ok(left),
    append: async (name, data) => {
      if (data.length > left) return full();
      left -= data.length;
      return inner.append(name, data);
    },
    replace: async (name, data) => {
      if (data.length > left) return full();
      left -= data.length;
      return inner.replace(name, data);
    },
    createZeroed: async (name, size, chunk) => (size > left ? full() : inner.createZeroed(name, size, chunk)),
  };
}
