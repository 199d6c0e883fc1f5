// What the devices and the ballot codec report, in the flow's words: pure mappings, one per
// source, each an exhaustive switch, so that a new printer error, alarm reason or ballot error
// must be given a meaning here before it compiles.
import type { Language } from '@ovs/election';
import type { OpenResult } from '@ovs/ballot';
import type { AlarmReason as DeviceAlarmReason, PrintResult, PrinterStatus } from '@ovs/devices';
import type { AlarmReason, PrinterReadiness, Visualisation } from '../flow/index.ts';

/** The alarm output's reason for the flow's alarm. */
export function deviceAlarmReason(reason: AlarmReason): DeviceAlarmReason {
  switch (reason) {
    case 'card-pulled':
      return 'card-pulled';
    case 'too-many-invalid-actions':
      return 'invalid-actions';
    case 'inactivity':
      return 'inactivity';
    case 'printer-paper-out':
    case 'printer-cover-open':
    case 'printer-offline':
    case 'printer-error':
    case 'print-failed':
      return 'printer-fault';
    case 'card-write-failed':
      return 'other';
    default:
      return reason satisfies never;
  }
}

/** Why a print failed, as the flow tells the voter and the president. */
export function printFailure(r: Extract<PrintResult, { ok: false }>): Exclude<PrinterReadiness, 'ready'> {
  switch (r.error.code) {
    case 'paper-out':
      return 'paper-out';
    case 'cover-open':
      return 'cover-open';
    case 'offline':
    case 'timeout':
    case 'write-failed':
      return 'offline';
    case 'printer-error':
    case 'invalid-job':
      return 'error';
    default:
      return r.error.code satisfies never;
  }
}

/** Whether the printer can print a ballot now (asked before a voter starts). */
export function printerReadiness(s: PrinterStatus): PrinterReadiness {
  switch (s.kind) {
    case 'ready':
      return 'ready';
    case 'paper-out':
      return 'paper-out';
    case 'cover-open':
      return 'cover-open';
    case 'offline':
      return 'offline';
    case 'error':
      return 'error';
    default:
      return s satisfies never;
  }
}

/**
 * What the hand scanner's read shows the voter (decree art. 18): the vote, or why not — forged,
 * of another station or election, or unreadable. Without the session key nothing can be checked.
 */
export function visualisationOf(opened: OpenResult | undefined, language: Language): Visualisation {
  if (!opened) return { ok: false, error: 'unreadable' };
  if (opened.ok) return { ok: true, test: opened.value.ballot.test, vote: opened.value.ballot.vote, language };
  switch (opened.error) {
    case 'bad-signature':
      return { ok: false, error: 'forged' };
    case 'wrong-package':
    case 'wrong-station':
    case 'unknown-station':
      return { ok: false, error: 'foreign' };
    case 'too-short':
    case 'bad-version':
    case 'bad-flags':
    case 'no-election':
    case 'index-out-of-range':
    case 'empty-list-vote':
    case 'nonzero-padding':
    case 'bad-length':
      return { ok: false, error: 'unreadable' };
    default:
      return opened.error satisfies never;
  }
}
