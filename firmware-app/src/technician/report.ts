// The voting computer's test report: the devices' own reports unchanged and the machine's own
// checks (package, screen, touch calibration, test ballot read back). Sizes and verdicts only:
// never a barcode's bytes, a card's content or printed text.
import type { SelfTestCheck, SelfTestPhase, SelfTestReport } from '@ovs/devices';

export interface StemcomputerTestReport {
  device: 'stemcomputer';
  phase: SelfTestPhase;
  /** 'simulated' when any device answered from a simulator: such a report never passes for hardware. */
  implementation: 'simulated' | 'real';
  station: { number: number; name: string };
  packageShortHash: string;
  /** The software hash and whether it is the package's release. */
  software: string;
  /** This machine has the polling station's hand scanner. */
  handScanner: boolean;
  /** When the test ran (ISO 8601). */
  at: string;
  checks: readonly SelfTestCheck[];
  devices: readonly SelfTestReport[];
  passed: boolean;
}

export const check = (id: string, title: string, outcome: SelfTestCheck['outcome'], detail: string): SelfTestCheck => ({ id, title, outcome, detail });
