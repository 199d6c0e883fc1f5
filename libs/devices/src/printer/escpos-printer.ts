// The real ESC/POS printer driver, over any byte channel (a serial port, or a USB printer's
// character device such as /dev/usb/lp0). Status before and after every job; a failure is
// a value that says whether paper may have come out. Never logs what it prints.

import { err, ok } from '@ovs/basics';
import type { ByteChannel } from '../serial/channel.ts';
import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';
import type { TimerHandle, Timers } from '../timers.ts';
import { encodeJob } from './escpos-encoder.ts';
import type { PrintJob } from './job.ts';
import { errorForStatus, type PrinterStatus, type PrintResult, type ThermalPrinter } from './printer.ts';
import { printerSelfTest } from './printer-self-test.ts';
import {
  DLE_EOT_ERROR_CAUSE,
  DLE_EOT_OFFLINE_CAUSE,
  DLE_EOT_PAPER,
  DLE_EOT_PRINTER,
  GS_R_PAPER,
  gsRBits,
  interpretStatus,
  isDleEotReply,
  isGsRReply,
  offlineBits,
} from './status-bytes.ts';

export interface EscPosPrinterOptions {
  /** Wait for one real-time status byte. Default 1000 ms. */
  readonly statusTimeoutMs?: number;
  /** Wait for the end-of-job marker; default 5 s plus 0.5 ms per byte (≥ 2 kB/s). */
  readonly jobTimeoutMs?: (bytes: number) => number;
}

interface Waiter {
  readonly accept: (b: number) => boolean;
  readonly resolve: (b: number | null) => void;
  timer: TimerHandle;
}

type Reply = number | 'no-answer' | 'closed' | 'write-failed';

export class EscPosPrinter implements ThermalPrinter {
  readonly implementation = 'real' as const;
  private waiter: Waiter | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statusTimeoutMs: number;
  private readonly jobTimeoutMs: (bytes: number) => number;

  constructor(
    private readonly channel: ByteChannel,
    private readonly timers: Timers,
    options: EscPosPrinterOptions = {},
  ) {
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.jobTimeoutMs = options.jobTimeoutMs ?? ((n) => 5000 + n / 2);
    channel.onData((bytes) => {
      for (const b of bytes) {
        const w = this.waiter;
        // Bytes nobody asked for (a late answer, XON/XOFF) are dropped.
        if (w === null || !w.accept(b)) continue;
        this.waiter = null;
        this.timers.clearTimeout(w.timer);
        w.resolve(b);
      }
    });
  }

  status(): Promise<PrinterStatus> {
    return this.serialised(() => this.readStatus());
  }

  print(job: PrintJob): Promise<PrintResult> {
    return this.serialised(() => this.printNow(job));
  }

  selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    return printerSelfTest(this, options);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.channel.close();
  }

  private serialised<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async printNow(job: PrintJob): Promise<PrintResult> {
    const encoded = encodeJob(job);
    if (!encoded.ok) return err({ code: 'invalid-job', stage: 'before', detail: encoded.error.detail });
    const before = await this.readStatus();
    if (before.kind !== 'ready') return err({ code: errorForStatus(before), stage: 'before' });

    const bytes = new Uint8Array(encoded.value.bytes.length + GS_R_PAPER.length);
    bytes.set(encoded.value.bytes, 0);
    bytes.set(GS_R_PAPER, encoded.value.bytes.length);
    const done = await this.request(bytes, isGsRReply, this.jobTimeoutMs(bytes.length));
    switch (done) {
      case 'closed':
        return err({ code: 'offline', stage: 'during' });
      case 'write-failed':
        return err({ code: 'write-failed', stage: 'during' });
      case 'no-answer': {
        // Stopped part-way: ask why (DLE EOT is answered even by a stopped printer).
        const after = await this.readStatus();
        if (after.kind === 'ready') return err({ code: 'timeout', stage: 'during' });
        return err({ code: errorForStatus(after), stage: 'during' });
      }
      default: {
        const after = await this.readStatus();
        const nearEnd = (done & gsRBits.nearEnd) !== 0 || after.kind !== 'ready' || after.paper === 'near-end';
        return ok({ paper: nearEnd ? 'near-end' : 'ok', substitutions: encoded.value.substitutions });
      }
    }
  }

  private async readStatus(): Promise<PrinterStatus> {
    if (this.channel.state !== 'open') return { kind: 'offline', reason: 'no-port' };
    const printer = await this.request(DLE_EOT_PRINTER, isDleEotReply, this.statusTimeoutMs);
    if (typeof printer !== 'number') return this.noAnswer(printer);
    const offlineCause = await this.request(DLE_EOT_OFFLINE_CAUSE, isDleEotReply, this.statusTimeoutMs);
    if (typeof offlineCause !== 'number') return this.noAnswer(offlineCause);
    const paper = await this.request(DLE_EOT_PAPER, isDleEotReply, this.statusTimeoutMs);
    if (typeof paper !== 'number') return this.noAnswer(paper);
    let errorCause: number | null = null;
    if (offlineCause & offlineBits.error) {
      const e = await this.request(DLE_EOT_ERROR_CAUSE, isDleEotReply, this.statusTimeoutMs);
      if (typeof e !== 'number') return this.noAnswer(e);
      errorCause = e;
    }
    return interpretStatus({ printer, offlineCause, paper, errorCause });
  }

  private noAnswer(r: Exclude<Reply, number>): PrinterStatus {
    return { kind: 'offline', reason: r === 'no-answer' ? 'no-answer' : 'no-port' };
  }

  /**
   * Sends `bytes` and waits for the first byte `accept` takes. The timeout also covers the
   * write itself: a printer holding the line busy (flow control) must not hang the app.
   */
  private request(bytes: Uint8Array, accept: (b: number) => boolean, timeoutMs: number): Promise<Reply> {
    return new Promise<Reply>((resolve) => {
      let settled = false;
      const settle = (r: Reply): void => {
        if (settled) return;
        settled = true;
        if (this.waiter === waiter) this.waiter = null;
        this.timers.clearTimeout(waiter.timer);
        resolve(r);
      };
      const waiter: Waiter = {
        accept,
        resolve: (b) => settle(b ?? 'no-answer'),
        timer: this.timers.setTimeout(() => settle('no-answer'), timeoutMs),
      };
      this.waiter = waiter;
      void this.channel.write(bytes).then((w) => {
        if (!w.ok) settle(w.error === 'closed' ? 'closed' : 'write-failed');
      });
    });
  }
}
