// "Technische test" of the console: its devices' self-tests and its own checks, one after the
// other (the technician watches the printer and handles the card), into one report.
import { shortHash } from '@ovs/crypto';
import type { CardReader } from '@ovs/devices/card';
import type { ThermalPrinter } from '@ovs/devices/printer';
import type { SelfTestPhase } from '@ovs/devices';
import type { StickSource } from '../sticks/stick-source.ts';
import { testCardWriter } from './card-writer.ts';
import { checkLinkPort, type LinkPortProbes } from './link-port.ts';
import type { ConsoleTestReport } from './report.ts';
import { checkStickPorts } from './stick-ports.ts';

export interface ConsoleTestDevices {
  cardWriter: CardReader;
  printer: ThermalPrinter;
  sticks: StickSource;
  /** The link server's address for the box, e.g. http://10.77.0.1:8471. */
  linkUrl: string;
  organiserPublicKey: Uint8Array;
  linkProbes?: LinkPortProbes;
}

/** What the console knows about itself when the test starts (no password yet: maybe no package). */
export interface ConsoleTestContext {
  phase: SelfTestPhase;
  station: number;
  stationName: string | undefined;
  packageShortHash: string | undefined;
  software: Uint8Array;
  at: string;
}

export async function runConsoleSelfTest(d: ConsoleTestDevices, c: ConsoleTestContext): Promise<ConsoleTestReport> {
  const printer = await d.printer.selfTest({ phase: c.phase });
  const card = await testCardWriter(d.cardWriter, c.phase);
  const sticks = await checkStickPorts(d.sticks, { phase: c.phase, station: c.station, organiserPublicKey: d.organiserPublicKey });
  const link = await checkLinkPort(d.linkUrl, d.linkProbes);
  const devices = [card.device, printer];
  const checks = [...card.checks, ...sticks, ...link];
  return {
    device: 'voorzitterscomputer',
    phase: c.phase,
    implementation: devices.some((x) => x.implementation === 'simulated') || d.sticks.kind === 'simulated' ? 'simulated' : 'real',
    station: { number: c.station, name: c.stationName },
    packageShortHash: c.packageShortHash,
    softwareShortHash: shortHash(c.software),
    at: c.at,
    checks,
    devices,
    passed: checks.every((x) => x.outcome !== 'fail') && devices.every((x) => x.passed),
  };
}
