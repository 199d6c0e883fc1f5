// The test mode as the technician goes through it: menu → the five touch targets → the devices'
// tests (the screen says which runs and what to do) → the report, printed and shown. The
// technician card opens it and taking the card out closes it, except while a test runs.
import type { PrintResult, SelfTestCheck, SelfTestPhase, Timers } from '@ovs/devices';
import type { StemcomputerTestReport } from './report.ts';
import type { TestActivity } from './run.ts';
import { calibrationCheck, screenLookCheck, screenSizeCheck, touchTargets, type TouchPoint, type TouchTarget, type Viewport } from './touch-targets.ts';
import type { TechnicianAction, TechnicianView } from './view.ts';

export interface TechnicianModeOptions {
  /** The phases the technician may start: both, or the one a command chose. */
  phases: SelfTestPhase[];
  run(phase: SelfTestPhase, screenChecks: readonly SelfTestCheck[], progress: (activity: TestActivity) => void): Promise<StemcomputerTestReport>;
  print(report: StemcomputerTestReport): Promise<PrintResult>;
  timers: Timers;
  /** A target nobody touches within this time counts as not reacting. */
  touchTimeoutMs: number;
  /** The screen changed (the backend numbers it and wakes the page). */
  changed(): void;
  /** The run ended: its report, or undefined when it stopped on an internal error (the CLI waits for this). */
  finished?(report: StemcomputerTestReport | undefined): void;
}

export type TechnicianOutcome = 'done' | 'rejected' | 'leave';

const validViewport = (v: Viewport): boolean =>
  [v.width, v.height].every((n) => Number.isInteger(n) && n >= 320 && n <= 10_000) && Number.isFinite(v.pixelRatio) && v.pixelRatio > 0 && v.pixelRatio <= 8;

export class TechnicianMode {
  #view: TechnicianView;
  #viewport: Viewport | undefined;
  #touches: Array<TouchPoint | null> = [];
  #timer: ReturnType<Timers['setTimeout']> | undefined;
  #last: StemcomputerTestReport | undefined;
  #stopped = false;

  constructor(private readonly o: TechnicianModeOptions) {
    this.#view = { step: 'menu', phases: o.phases, last: undefined, problem: undefined };
  }

  get view(): TechnicianView {
    return this.#view;
  }

  /** A test is under way (touch targets or devices): the card stays in, the screen stays. */
  get busy(): boolean {
    return this.#view.step === 'touch' || this.#view.step === 'running';
  }

  get lastReport(): StemcomputerTestReport | undefined {
    return this.#last;
  }

  act(a: TechnicianAction): TechnicianOutcome {
    const v = this.#view;
    switch (a.type) {
      case 'start':
        if (v.step !== 'menu' && v.step !== 'report') return 'rejected';
        if (!validViewport(a.viewport) || !this.o.phases.includes(a.phase)) return 'rejected';
        this.#viewport = a.viewport;
        this.#touches = [];
        this.#show({ step: 'touch', phase: a.phase, targets: touchTargets(a.viewport), index: 0 });
        this.#armTouchTimeout();
        return 'done';
      case 'touch':
        if (v.step !== 'touch' || !Number.isFinite(a.x) || !Number.isFinite(a.y)) return 'rejected';
        this.#nextTarget(v, { x: a.x, y: a.y });
        return 'done';
      case 'close':
        if (v.step === 'running') return 'rejected';
        if (v.step === 'touch') {
          // Stopped half-way: back to the menu, nothing tested.
          this.#clearTimer();
          this.#show({ step: 'menu', phases: this.o.phases, last: this.#summary(), problem: undefined });
          return 'done';
        }
        return 'leave';
      default:
        return a satisfies never;
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
  }

  #summary(): { phase: SelfTestPhase; passed: boolean } | undefined {
    return this.#last ? { phase: this.#last.phase, passed: this.#last.passed } : undefined;
  }

  #show(view: TechnicianView): void {
    if (this.#stopped) return;
    this.#view = view;
    this.o.changed();
  }

  #clearTimer(): void {
    if (this.#timer) this.o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #armTouchTimeout(): void {
    this.#clearTimer();
    const v = this.#view;
    if (v.step !== 'touch') return;
    const index = v.index;
    this.#timer = this.o.timers.setTimeout(() => {
      const now = this.#view;
      if (now.step === 'touch' && now.index === index) this.#nextTarget(now, null);
    }, this.o.touchTimeoutMs);
  }

  #nextTarget(v: Extract<TechnicianView, { step: 'touch' }>, touch: TouchPoint | null): void {
    this.#touches[v.index] = touch;
    if (v.index + 1 < v.targets.length) {
      this.#show({ ...v, index: v.index + 1 });
      this.#armTouchTimeout();
      return;
    }
    this.#clearTimer();
    const screen = [screenSizeCheck(this.#viewport as Viewport), calibrationCheck(v.targets as TouchTarget[], this.#touches), screenLookCheck];
    void this.#runDevices(v.phase, screen);
  }

  async #runDevices(phase: SelfTestPhase, screenChecks: readonly SelfTestCheck[]): Promise<void> {
    this.#show({ step: 'running', phase, activity: 'package' });
    try {
      const report = await this.o.run(phase, screenChecks, (activity) => this.#show({ step: 'running', phase, activity }));
      this.#show({ step: 'running', phase, activity: 'report' });
      const printed = await this.o.print(report);
      this.#last = report;
      this.#show({ step: 'report', phases: this.o.phases, report, printed: printed.ok ? { ok: true } : { ok: false, error: printed.error.code } });
      this.o.finished?.(report);
    } catch (e) {
      // A bug, not a device failure (those are in the report): say so and allow another try.
      this.#show({ step: 'menu', phases: this.o.phases, last: this.#summary(), problem: `De test stopte onverwacht (${e instanceof Error ? e.message : String(e)}).` });
      this.o.finished?.(undefined);
    }
  }
}
