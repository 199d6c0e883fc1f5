// What every alarm output shares: the set of reasons and the status derived from it. The
// outputs (simulated, GPIO, serial module) only differ in how they switch light and buzzer.

import { check, report, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import { sleep, type Timers } from '../timers.ts';
import type { Alarm, AlarmReason, AlarmResult, AlarmStatus } from './alarm.ts';

export abstract class AlarmBase implements Alarm {
  abstract readonly implementation: 'simulated' | 'real';
  private reasons: AlarmReason[] = [];
  private failure: 'disconnected' | 'write-failed' | null = null;
  private readonly listeners = new Set<(s: AlarmStatus) => void>();

  constructor(protected readonly timers: Timers) {}

  /** Switch the physical output; a failure is a value. */
  protected abstract drive(on: boolean): Promise<AlarmResult>;

  status(): AlarmStatus {
    if (this.failure !== null) return { kind: 'fault', error: this.failure, reasons: [...this.reasons] };
    return this.reasons.length === 0 ? { kind: 'quiet' } : { kind: 'raised', reasons: [...this.reasons] };
  }

  onChange(listener: (status: AlarmStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async raise(reason: AlarmReason): Promise<AlarmResult> {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
    return this.apply(await this.drive(true));
  }

  async reset(): Promise<AlarmResult> {
    this.reasons = [];
    return this.apply(await this.drive(false));
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const was = this.reasons.length > 0;
    const on = await this.drive(true);
    await sleep(this.timers, 2000);
    const off = await this.drive(was);
    const checks = [
      check('output', 'Alarm output can be switched', on.ok && off.ok ? 'pass' : 'fail', on.ok ? (off.ok ? 'on and off' : off.error) : on.error),
    ];
    if (on.ok) checks.push(check('perceived', 'Light and buzzer noticed', 'operator', 'the alarm light lit and the buzzer sounded for 2 seconds'));
    return report('alarm', this.implementation, options.phase, null, checks);
  }

  abstract close(): Promise<void>;

  private apply(r: AlarmResult): AlarmResult {
    this.failure = r.ok ? null : r.error;
    const s = this.status();
    for (const l of this.listeners) l(s);
    return r;
  }
}
