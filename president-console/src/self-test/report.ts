// The console's test report (seed 001 §XIV.1: fase 1 at the depot, fase 2 after installation in
// the polling station): the devices' own reports unchanged, and the console's checks of what
// only it can test — the two stick ports, the port for the ballot box's cable, the card written
// by the card writer read back. Like every test report it carries sizes and verdicts only: no
// card content, nothing from a stick but its state.
import type { SelfTestCheck, SelfTestPhase, SelfTestReport } from '@ovs/devices';

export interface ConsoleTestReport {
  device: 'voorzitterscomputer';
  phase: SelfTestPhase;
  /** 'simulated' when a device or the stick ports are simulated: such a report never passes for hardware. */
  implementation: 'simulated' | 'real';
  station: { number: number; name: string | undefined };
  /** Known only when a stick with the election package is in a port. */
  packageShortHash: string | undefined;
  softwareShortHash: string;
  /** When the test ran (ISO 8601). */
  at: string;
  /** The console's own checks; `id` says the part: `stick-A-…`, `stick-B-…`, `link-…`, `card-…`. */
  checks: readonly SelfTestCheck[];
  devices: readonly SelfTestReport[];
  passed: boolean;
}

/** `session-open`: after the envelope password; `session-on-stick`: a stick in a port holds this station's unfinished session. */
export type ConsoleTestRefusal = 'session-open' | 'session-on-stick' | 'busy' | 'not-attached';

/** The outcome of "Technische test": refused before anything ran, or a report (and whether it printed). */
export type ConsoleTestOutcome =
  | { ok: true; report: ConsoleTestReport; printed: { ok: true } | { ok: false; message: string }; message: string }
  | { ok: false; error: ConsoleTestRefusal; message: string };

export const check = (id: string, title: string, outcome: SelfTestCheck['outcome'], detail: string): SelfTestCheck => ({ id, title, outcome, detail });
