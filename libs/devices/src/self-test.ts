// The structured result of a device self-test. Technicians run these in fase 1 (months
// before the election, at the supplier) and fase 2 (after installation in the polling
// station); the apps turn them into the test reports. No clock here: the app stamps them.

export type SelfTestPhase = 'fase-1' | 'fase-2';

export type DeviceKind = 'printer' | 'card-reader' | 'ballot-box' | 'scanner' | 'hand-scanner' | 'alarm';

/**
 * `operator`: the machine did its part and a person must confirm what only a person can
 * see or hear (a printed test page, a beep, a flap movement). The report says what to look for.
 */
export type CheckOutcome = 'pass' | 'fail' | 'operator';

export interface SelfTestCheck {
  readonly id: string;
  readonly title: string;
  readonly outcome: CheckOutcome;
  readonly detail: string;
}

export interface DeviceIdentity {
  readonly model: string;
  readonly firmware: string;
  readonly serial: string;
}

export interface SelfTestReport {
  readonly device: DeviceKind;
  /** Which implementation answered: a report from a simulator must never pass for hardware. */
  readonly implementation: 'simulated' | 'real';
  readonly phase: SelfTestPhase;
  readonly identity: DeviceIdentity | null;
  readonly checks: readonly SelfTestCheck[];
  /** True when no check failed (operator checks still need a person's confirmation). */
  readonly passed: boolean;
}

export interface SelfTestOptions {
  readonly phase: SelfTestPhase;
}

export function check(id: string, title: string, outcome: CheckOutcome, detail: string): SelfTestCheck {
  return { id, title, outcome, detail };
}

export function report(
  device: DeviceKind,
  implementation: 'simulated' | 'real',
  phase: SelfTestPhase,
  identity: DeviceIdentity | null,
  checks: readonly SelfTestCheck[],
): SelfTestReport {
  return { device, implementation, phase, identity, checks, passed: checks.every((c) => c.outcome !== 'fail') };
}
