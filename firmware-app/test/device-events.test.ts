// The voting computer's device-event mappers, alone: every value each device or codec can report
// has its meaning for the flow (the compiler makes the switches exhaustive; these pin the choice).
import t from 'tap';
import { ok } from '@ovs/basics';
import type { OpenError } from '@ovs/ballot';
import type { PrintError, PrintResult, PrinterStatus } from '@ovs/devices';
import { deviceAlarmReason, printerReadiness, printFailure, visualisationOf } from '../src/backend/device-events.ts';
import type { AlarmReason } from '../src/flow/index.ts';

t.test('the alarm output hears one of its own reasons for every alarm of the flow', (t) => {
  const expected: Record<AlarmReason, ReturnType<typeof deviceAlarmReason>> = {
    'card-pulled': 'card-pulled',
    'too-many-invalid-actions': 'invalid-actions',
    inactivity: 'inactivity',
    'printer-paper-out': 'printer-fault',
    'printer-cover-open': 'printer-fault',
    'printer-offline': 'printer-fault',
    'printer-error': 'printer-fault',
    'print-failed': 'printer-fault',
    'card-write-failed': 'other',
  };
  for (const [reason, out] of Object.entries(expected)) t.equal(deviceAlarmReason(reason as AlarmReason), out, reason);
  t.end();
});

t.test('a failed print and the printer status, in the flow\'s words', (t) => {
  const failures: Record<PrintError, string> = {
    'paper-out': 'paper-out',
    'cover-open': 'cover-open',
    offline: 'offline',
    timeout: 'offline',
    'write-failed': 'offline',
    'printer-error': 'error',
    'invalid-job': 'error',
  };
  for (const [error, out] of Object.entries(failures)) t.equal(printFailure({ ok: false, error: { code: error, stage: 'before' } } as Extract<PrintResult, { ok: false }>), out, error);
  const statuses: Array<[PrinterStatus['kind'], string]> = [
    ['ready', 'ready'],
    ['paper-out', 'paper-out'],
    ['cover-open', 'cover-open'],
    ['offline', 'offline'],
    ['error', 'error'],
  ];
  for (const [kind, out] of statuses) t.equal(printerReadiness({ kind } as PrinterStatus), out, kind);
  t.end();
});

t.test('what the hand scanner shows for each way a scanned ballot opens or not', (t) => {
  const errors: Record<OpenError, 'forged' | 'foreign' | 'unreadable'> = {
    'bad-signature': 'forged',
    'wrong-package': 'foreign',
    'wrong-station': 'foreign',
    'unknown-station': 'foreign',
    'too-short': 'unreadable',
    'bad-version': 'unreadable',
    'bad-flags': 'unreadable',
    'no-election': 'unreadable',
    'index-out-of-range': 'unreadable',
    'empty-list-vote': 'unreadable',
    'nonzero-padding': 'unreadable',
    'bad-length': 'unreadable',
  };
  for (const [error, out] of Object.entries(errors)) t.same(visualisationOf({ ok: false, error: error as OpenError }, 'nl'), { ok: false, error: out }, error);
  t.same(visualisationOf(undefined, 'nl'), { ok: false, error: 'unreadable' }, 'without the session key nothing is shown');
  const vote = { elections: [{ election: 'G', choice: { kind: 'blank' as const } }] };
  t.same(visualisationOf(ok({ ballot: { test: true, pollingStation: 3, ballotId: new Uint8Array(16), vote }, payload: new Uint8Array() }), 'fr'), { ok: true, test: true, vote, language: 'fr' });
  t.end();
});
