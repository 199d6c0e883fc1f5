// The test mode's run (seed 001 §XIV.1; HARDWARE.md, "Voting computer: assembly", step 5): the
// devices' own self-tests — printer (test page), card reader (the technician's card), alarm
// (two seconds), hand scanner — and the machine's own checks: the election package, the screen
// (checked before, on the touch screen itself), a test ballot printed and its barcode read back.
// One device after the other: the technician watches the printer, listens to the alarm and
// holds the test ballot under the hand scanner.
import type { BallotContext } from '@ovs/ballot';
import type { QrDecoder } from '@ovs/barcode';
import type { Language } from '@ovs/election';
import type { SelfTestCheck, SelfTestPhase, SelfTestReport } from '@ovs/devices';
import type { VotingComputerDevices } from '../backend/voting-computer.ts';
import type { StemcomputerTestReport } from './report.ts';
import { noReaderCheck, printTestBallot, readBackFromPicture, readBackWithHandScanner } from './test-ballot.ts';

export type TestActivity = 'package' | 'printer' | 'card-reader' | 'alarm' | 'test-ballot' | 'hand-scanner' | 'report';

export interface StemcomputerTestDeps {
  phase: SelfTestPhase;
  devices: VotingComputerDevices;
  context: BallotContext;
  station: { number: number; name: string };
  packageShortHash: string;
  /** The software line (hash and release) computed at start-up. */
  software: string;
  language: Language;
  /** The election package checked again against the organiser's key (from disk when the machine knows where). */
  verifyPackage(): Promise<SelfTestCheck>;
  /** The ballot box's QR decoder, for a printer whose output is a picture (the simulator). */
  decoder(): Promise<QrDecoder>;
  /** The simulated printer's last ticket as a PNG; absent on hardware. */
  lastPrintedPicture?: () => Uint8Array | undefined;
  /** How long the technician has to hold the test ballot under the hand scanner. */
  scanWaitMs: number;
  wait(ms: number): Promise<void>;
  now(): Date;
  progress(activity: TestActivity): void;
}

export async function runStemcomputerTest(d: StemcomputerTestDeps, screenChecks: readonly SelfTestCheck[]): Promise<StemcomputerTestReport> {
  const { devices, phase } = d;
  d.progress('package');
  const pkg = await d.verifyPackage();
  d.progress('printer');
  const printer = await devices.printer.selfTest({ phase });
  d.progress('card-reader');
  const card = await devices.cardReader.selfTest({ phase });
  d.progress('alarm');
  const alarm = await devices.alarm.selfTest({ phase });
  d.progress('test-ballot');
  const ballot = await printTestBallot(devices.printer, d.context, d.station.number, d.language);
  const reports: SelfTestReport[] = [printer, card, alarm];
  const own: SelfTestCheck[] = [pkg, ...screenChecks, ballot.check];
  const scanner = devices.handScanner;
  if (scanner) {
    d.progress('hand-scanner');
    // The hand scanner's own test and the comparison watch the same scan.
    const [report, read] = await Promise.all([scanner.selfTest({ phase }), ballot.ok ? readBackWithHandScanner(ballot.barcode, scanner, d.wait, d.scanWaitMs) : Promise.resolve(undefined)]);
    reports.push(report);
    if (read) own.push(read);
  } else if (ballot.ok) {
    own.push(d.lastPrintedPicture ? readBackFromPicture(ballot.barcode, d.lastPrintedPicture(), await d.decoder()) : noReaderCheck);
  }
  return {
    device: 'stemcomputer',
    phase,
    implementation: reports.some((r) => r.implementation === 'simulated') ? 'simulated' : 'real',
    station: d.station,
    packageShortHash: d.packageShortHash,
    software: d.software,
    handScanner: scanner !== undefined,
    at: d.now().toISOString(),
    checks: own,
    devices: reports,
    passed: own.every((c) => c.outcome !== 'fail') && reports.every((r) => r.passed),
  };
}
