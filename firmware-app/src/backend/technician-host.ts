// The technician's test mode (fase 1 / fase 2) as the voting computer hosts it: entering and
// leaving, the touches on its screen, the test run on the real devices and its report. The
// voting computer sees only this interface; it decides when the mode may open (never beside a
// session key) and routes the screen, the touches and the card events here while it is open.
import type { BallotContext } from '@ovs/ballot';
import type { Language, VerifiedPackage } from '@ovs/election';
import { findStation } from '@ovs/election';
import type { CardReaderEvent, SelfTestCheck, SelfTestPhase, Timers } from '@ovs/devices';
import type { StemcomputerTestReport } from '../technician/report.ts';
import { reportTicket } from '../technician/report-ticket.ts';
import { runStemcomputerTest, type TestActivity } from '../technician/run.ts';
import { sharedDecoder } from '../technician/decoder.ts';
import { TechnicianMode } from '../technician/technician-mode.ts';
import type { TechnicianAction, TechnicianView } from '../technician/view.ts';
import type { Logger } from './log.ts';
import type { TechnicianOptions, VotingComputerDevices } from './voting-computer.ts';

export interface TechnicianHost {
  /** The mode is open (its screen covers the "not activated" screen). */
  readonly open: boolean;
  readonly view: TechnicianView | undefined;
  /** A test is running: the card belongs to it. */
  readonly busy: boolean;
  readonly lastReport: StemcomputerTestReport | undefined;
  enter(via: 'card' | 'command', phases: SelfTestPhase[]): void;
  leave(): void;
  /** One touch on its screen: `leave` when the technician closed the mode. */
  act(action: TechnicianAction): 'done' | 'rejected' | 'leave' | 'not-open';
  /** A card event while open: `leave` when the card came out between tests. */
  cardEvent(e: CardReaderEvent): 'stay' | 'leave';
  /** The report of the next run that ends (undefined if it stopped or the mode was left). */
  nextReport(): Promise<StemcomputerTestReport | undefined>;
  stop(): void;
}

export interface TechnicianHostDeps {
  verified: VerifiedPackage;
  station: number;
  context: BallotContext;
  devices: VotingComputerDevices;
  timers: Timers;
  options: TechnicianOptions;
  log: Logger;
  /** The screen changed (the voting computer numbers it and wakes its UI). */
  changed(): void;
}

export function createTechnicianHost(d: TechnicianHostDeps): TechnicianHost {
  let mode: TechnicianMode | undefined;
  let last: StemcomputerTestReport | undefined;
  const waiters = new Set<(report: StemcomputerTestReport | undefined) => void>();
  const settle = (report: StemcomputerTestReport | undefined): void => {
    for (const w of [...waiters]) w(report);
    waiters.clear();
  };

  function run(phase: SelfTestPhase, screenChecks: readonly SelfTestCheck[], progress: (activity: TestActivity) => void): Promise<StemcomputerTestReport> {
    const o = d.options;
    const pkg = d.verified.election;
    const station = findStation(pkg, d.station);
    const shortHash = d.verified.shortHash;
    return runStemcomputerTest(
      {
        phase,
        devices: d.devices,
        context: d.context,
        station: { number: d.station, name: station?.name ?? String(d.station) },
        packageShortHash: shortHash,
        software: o.software ?? 'onbekend',
        language: pkg.languages[0] as Language,
        verifyPackage: o.verifyPackage ?? (async () => ({ id: 'package', title: 'Verkiezingspakket', outcome: 'pass', detail: `pakket ${shortHash}, ondertekend door de organisator (nagekeken bij het opstarten)` })),
        decoder: sharedDecoder,
        ...(o.lastPrintedPicture ? { lastPrintedPicture: o.lastPrintedPicture } : {}),
        scanWaitMs: o.scanWaitMs ?? 15_000,
        wait: (ms) => new Promise((resolve) => void d.timers.setTimeout(resolve, ms)),
        now: o.now ?? (() => new Date()),
        progress,
      },
      screenChecks,
    );
  }

  const host: TechnicianHost = {
    get open() {
      return mode !== undefined;
    },
    get view() {
      return mode?.view;
    },
    get busy() {
      return mode?.busy ?? false;
    },
    get lastReport() {
      return last;
    },
    enter(via, phases) {
      mode = new TechnicianMode({
        phases,
        run,
        print: (report) => d.devices.printer.print(reportTicket(report)),
        timers: d.timers,
        touchTimeoutMs: d.options.touchTimeoutMs ?? 60_000,
        changed: d.changed,
        finished: (report) => {
          if (report) {
            last = report;
            d.log('self-test', { phase: report.phase, passed: report.passed });
          } else d.log('self-test', { stopped: true });
          settle(report);
        },
      });
      d.log('technician-mode', { via });
      d.changed();
    },
    leave() {
      mode?.stop();
      mode = undefined;
      settle(undefined);
      d.log('technician-mode-left', {});
      d.changed();
    },
    act(action) {
      return mode ? mode.act(action) : 'not-open';
    },
    cardEvent(e) {
      switch (e.kind) {
        case 'removed':
          return mode?.busy ? 'stay' : 'leave';
        case 'inserted':
        case 'card-error':
        case 'reader-lost':
        case 'reader-found':
          // The test reports the card reader; the flow stays "not activated" until the mode ends.
          return 'stay';
        default:
          return e satisfies never;
      }
    },
    nextReport() {
      return new Promise((resolve) => waiters.add(resolve));
    },
    stop() {
      mode?.stop();
      mode = undefined;
    },
  };
  return host;
}
