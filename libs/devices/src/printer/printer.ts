// The one interface every app uses to print, whatever answers it (printer or simulator).

import type { Result } from '@ovs/basics';
import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';
import type { PrintJob } from './job.ts';

export type PrinterStatus =
  | { readonly kind: 'ready'; readonly paper: 'ok' | 'near-end' }
  | { readonly kind: 'paper-out' }
  | { readonly kind: 'cover-open' }
  | { readonly kind: 'error'; readonly cause: 'cutter' | 'unrecoverable' | 'recoverable' | 'auto-recoverable' | 'unknown' }
  | { readonly kind: 'offline'; readonly reason: 'no-port' | 'no-answer' | 'printer-offline' };

export type PrintError = 'paper-out' | 'cover-open' | 'offline' | 'write-failed' | 'timeout' | 'printer-error' | 'invalid-job';

/**
 * `stage` tells the app whether paper may have come out: 'before' means nothing was sent
 * (no ballot exists), 'during' means part of the job may be printed (a partial ballot
 * exists and must be annulled, decree art. 17 §2).
 */
export interface Printed {
  readonly paper: 'ok' | 'near-end';
  /** Characters printed differently from the job's text (accent dropped, or '?'): codepage.ts. */
  readonly substitutions: number;
}

/** `detail`: what is wrong with an 'invalid-job'. */
export interface PrintFailure {
  readonly code: PrintError;
  readonly stage: 'before' | 'during';
  readonly detail?: string;
}

export type PrintResult = Result<Printed, PrintFailure>;

export interface ThermalPrinter {
  readonly implementation: 'simulated' | 'real';
  status(): Promise<PrinterStatus>;
  print(job: PrintJob): Promise<PrintResult>;
  selfTest(options: SelfTestOptions): Promise<SelfTestReport>;
  close(): Promise<void>;
}

/** The print failure a status that is not ready stands for. */
export function errorForStatus(s: Exclude<PrinterStatus, { kind: 'ready' }>): PrintError {
  switch (s.kind) {
    case 'paper-out':
      return 'paper-out';
    case 'cover-open':
      return 'cover-open';
    case 'error':
      return 'printer-error';
    case 'offline':
      return 'offline';
    default:
      return s satisfies never;
  }
}
