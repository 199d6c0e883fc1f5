// What the technician screen shows and what the technician can touch on it (the kiosk page
// and the tests use exactly these, through POST /api/technician).
import type { SelfTestPhase } from '@ovs/devices';
import type { StemcomputerTestReport } from './report.ts';
import type { TestActivity } from './run.ts';
import type { TouchTarget, Viewport } from './touch-targets.ts';

export type TechnicianView =
  /** `phases`: the ones offered (one when a command chose it); `problem`: why the last attempt stopped. */
  | { step: 'menu'; phases: SelfTestPhase[]; last: { phase: SelfTestPhase; passed: boolean } | undefined; problem: string | undefined }
  /** The five targets, touched in turn; `index` is the one to touch now. */
  | { step: 'touch'; phase: SelfTestPhase; targets: TouchTarget[]; index: number }
  | { step: 'running'; phase: SelfTestPhase; activity: TestActivity }
  | { step: 'report'; phases: SelfTestPhase[]; report: StemcomputerTestReport; printed: { ok: true } | { ok: false; error: string } };

export type TechnicianAction =
  /** `viewport`: the screen as the kiosk page measures it (the targets are placed on it). */
  | { type: 'start'; phase: SelfTestPhase; viewport: Viewport }
  | { type: 'touch'; x: number; y: number }
  | { type: 'close' };
