// The voting computer's alarm (seed 002 II.C.3.2): light and buzzer until the president
// resets it. Reasons are kept so the console can say why; they never carry vote content.

import type { Result } from '@ovs/basics';
import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';

export type AlarmReason = 'card-pulled' | 'invalid-actions' | 'printer-fault' | 'inactivity' | 'tamper' | 'other';

export type AlarmStatus =
  | { readonly kind: 'quiet' }
  | { readonly kind: 'raised'; readonly reasons: readonly AlarmReason[] }
  /** The output could not be driven: the app must show the alarm on screen and at the console. */
  | { readonly kind: 'fault'; readonly error: 'disconnected' | 'write-failed'; readonly reasons: readonly AlarmReason[] };

export type AlarmResult = Result<void, 'disconnected' | 'write-failed'>;

export interface Alarm {
  readonly implementation: 'simulated' | 'real';
  status(): AlarmStatus;
  onChange(listener: (status: AlarmStatus) => void): () => void;
  raise(reason: AlarmReason): Promise<AlarmResult>;
  /** Only the president does this (the app checks who asks). */
  reset(): Promise<AlarmResult>;
  selfTest(options: SelfTestOptions): Promise<SelfTestReport>;
  close(): Promise<void>;
}
