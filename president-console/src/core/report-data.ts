// What the reports are made of, taken from the console at the moment of printing.
import type { PollingStation, VerifiedPackage } from '@ovs/election';
import type { ClosingRecord, StickEvent, StickPort, WitnessRemark } from '@ovs/stick';
import type { StickStatus } from '../sticks/stick-status.ts';
import type { Counters } from './snapshot.ts';

/** The envelope label (decree art. 22) is printed after the kerncijferrapport: it goes on the sticks' envelope. */
export type ReportKind = 'pairing' | 'opening' | 'pv' | 'kerncijfers' | 'envelope';

export const REPORT_KINDS: readonly ReportKind[] = ['pairing', 'opening', 'pv', 'kerncijfers', 'envelope'];

/** What the console prints, one step at a time (a copy of a report): shown until it came out of the printer. */
export interface PrintStep {
  kind: ReportKind;
  copy: number;
  of: number;
}

export interface ReportData {
  pkg: VerifiedPackage;
  station: PollingStation;
  events: readonly StickEvent[];
  counters: Counters;
  closing: ClosingRecord | undefined;
  storeHash: Uint8Array;
  software: Uint8Array;
  sessionCertificate: Uint8Array;
  pairingCode: Uint8Array | undefined;
  sticks: Record<StickPort, StickStatus>;
  /** The witnesses' remarks after closing (the addendum on both sticks). */
  remarks: readonly WitnessRemark[];
  /** How many copies of the PV and of the kerncijferrapport are printed (what the PV says each is for). */
  copies: ReportCopies;
  now: string;
}

export interface ReportCopies {
  pv: number;
  kerncijfers: number;
}

/** Seed 002 II.A (the PV in two copies) and III.5.3 (the kerncijferrapport with the sticks, and with the PV). */
export const DEFAULT_COPIES: ReportCopies = { pv: 2, kerncijfers: 2 };
