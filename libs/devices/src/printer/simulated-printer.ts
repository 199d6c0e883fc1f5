// The printer simulator: same interface as the real driver. It encodes each job with the
// real encoder, keeps the exact bytes, and renders those bytes to paper with the ESC/POS
// interpreter, so a test or the demo sees (and can scan) what a printer would produce.
// Faults are switched on by hand: paper out, cover open, offline, and a roll that runs out
// part-way through a job. For tests and the demo only: it holds printed ballots in memory.

import { err, ok } from '@ovs/basics';
import type { Bitmap } from '../bitmap.ts';
import { bitmapToPng } from '../image.ts';
import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';
import { encodeJob } from './escpos-encoder.ts';
import { PAPER, type PrintJob } from './job.ts';
import type { PrinterStatus, PrintResult, ThermalPrinter } from './printer.ts';
import { printerSelfTest } from './printer-self-test.ts';
import { renderEscPos } from './render.ts';

export interface SimulatedTicket {
  /** The ESC/POS bytes of the job this ticket came from. */
  readonly bytes: Uint8Array;
  readonly image: Bitmap;
  /** False when the paper ran out before the job's end: the ticket is cut short. */
  readonly complete: boolean;
  png(): Buffer;
}

export interface SimulatedPrinterOptions {
  /** Paper on the roll. Default 80 m. */
  readonly paperMm?: number;
  /** The near-end sensor trips with this much left. Default 1500 mm. */
  readonly nearEndMm?: number;
  /** Called for every ticket that comes out (the demo shows it). */
  readonly onTicket?: (ticket: SimulatedTicket) => void;
}

export class SimulatedPrinter implements ThermalPrinter {
  readonly implementation = 'simulated' as const;
  readonly tickets: SimulatedTicket[] = [];
  private readonly chunks: Uint8Array[] = [];
  private paperDots: number;
  private readonly nearEndDots: number;
  private coverOpen = false;
  private offline = false;

  constructor(private readonly options: SimulatedPrinterOptions = {}) {
    this.paperDots = Math.round((options.paperMm ?? 80_000) * PAPER.dotsPerMm);
    this.nearEndDots = Math.round((options.nearEndMm ?? 1500) * PAPER.dotsPerMm);
  }

  /** Every byte the printer has received, in order. */
  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks.flatMap((c) => [...c]));
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  /** Paper left on the roll; 0 = paper out. Use a few mm to make the next job run out part-way. */
  setPaperMm(mm: number): void {
    this.paperDots = Math.max(0, Math.round(mm * PAPER.dotsPerMm));
  }

  get paperMm(): number {
    return this.paperDots / PAPER.dotsPerMm;
  }

  status(): Promise<PrinterStatus> {
    return Promise.resolve(this.currentStatus());
  }

  print(job: PrintJob): Promise<PrintResult> {
    return Promise.resolve(this.printNow(job));
  }

  selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    return printerSelfTest(this, options);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private currentStatus(): PrinterStatus {
    if (this.offline) return { kind: 'offline', reason: 'no-answer' };
    if (this.coverOpen) return { kind: 'cover-open' };
    if (this.paperDots <= 0) return { kind: 'paper-out' };
    return { kind: 'ready', paper: this.paperDots <= this.nearEndDots ? 'near-end' : 'ok' };
  }

  private printNow(job: PrintJob): PrintResult {
    const encoded = encodeJob(job);
    if (!encoded.ok) return err({ code: 'invalid-job', stage: 'before', detail: encoded.error.detail });
    const before = this.currentStatus();
    switch (before.kind) {
      case 'ready':
        break;
      case 'offline':
        return err({ code: 'offline', stage: 'before' });
      case 'cover-open':
        return err({ code: 'cover-open', stage: 'before' });
      case 'paper-out':
        return err({ code: 'paper-out', stage: 'before' });
      case 'error':
        return err({ code: 'printer-error', stage: 'before' });
      default:
        return before satisfies never;
    }
    this.chunks.push(encoded.value.bytes);
    const rendered = renderEscPos(encoded.value.bytes, { widthDots: PAPER.widthDots });
    for (const t of rendered.tickets) {
      if (t.image.height === 0) continue;
      if (t.image.height > this.paperDots) {
        const cutShort = { ...t.image, height: this.paperDots, data: t.image.data.slice(0, this.paperDots * t.image.bytesPerRow) };
        this.paperDots = 0;
        this.emit(encoded.value.bytes, cutShort, false);
        return err({ code: 'paper-out', stage: 'during' });
      }
      this.paperDots -= t.image.height;
      this.emit(encoded.value.bytes, t.image, t.cut !== 'none');
    }
    return ok({ paper: this.paperDots <= this.nearEndDots ? 'near-end' : 'ok', substitutions: encoded.value.substitutions });
  }

  private emit(bytes: Uint8Array, image: Bitmap, complete: boolean): void {
    const ticket: SimulatedTicket = { bytes, image, complete, png: () => bitmapToPng(image) };
    this.tickets.push(ticket);
    this.options.onTicket?.(ticket);
  }
}
