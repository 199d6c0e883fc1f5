// What the reports are made of, taken from the console at the moment of printing.
import type { PollingStation, VerifiedPackage } from '@ovs/election';
import type { ClosingRecord, StickEvent, StickPort } from '@ovs/stick';
import type { StickStatus } from '../sticks/stick-status.ts';
import type { Counters } from './snapshot.ts';

export type ReportKind = 'pairing' | 'opening' | 'pv' | 'kerncijfers';

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
  now: string;
}
