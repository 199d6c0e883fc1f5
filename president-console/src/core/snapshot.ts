// What the president's screen shows, as one value: the UI renders it and nothing else.
import type { AnnulReason, Assessor, DayPosition, HoursOverride, IncidentKind, InterruptionReason, ReplacementReason, StickPort, TestCardReason, Witness, WitnessRemark } from '@ovs/stick';
import type { BoxRefusal } from '@ovs/link';
import type { PrintStep } from './report-data.ts';
import type { StickStatus } from '../sticks/stick-status.ts';
import type { ConsoleTestReport } from '../self-test/report.ts';

export type Phase =
  /** Waiting for two good sticks. */
  | { kind: 'sticks' }
  /** Sticks fine: the envelope password is asked. */
  | { kind: 'locked'; attemptsLeft: number }
  | { kind: 'locked-out' }
  /** Before opening: activation cards, pairing the box, test votes. */
  | { kind: 'preparation' }
  | { kind: 'open' }
  /** Voting was closed (the box refuses everything), the closing record is not written yet. */
  | { kind: 'closing' }
  | { kind: 'closed' }
  /** The sticks cannot be used together; technical support must come. */
  | { kind: 'fatal'; message: string };

/** Why voting is halted: what the sticks' log records as the interruption's reason. */
export type HaltReason = InterruptionReason;

export interface Halt {
  port: StickPort;
  reason: HaltReason;
  since: string;
  message: string;
}

export interface CategoryView {
  id: string;
  name: string;
  /** The elections a card of this category is valid for, in legal order — shown on the button. */
  elections: Array<{ id: string; title: string }>;
}

export interface Counters {
  cardsPerCategory: Record<string, number>;
  proxyPerCategory: Record<string, number>;
  replacementCards: number;
  /** New cards without an annulment, per reason (included in replacementCards). */
  replacementsByReason: Record<ReplacementReason, number>;
  testCards: number;
  /** Test cards made while voting was open, per reason (included in testCards). */
  testCardsDuringVoting: Record<TestCardReason, number>;
  activationCards: number;
  /**
   * Decree art. 10 (one booth, with its voting computer, per 180 registered voters): the voting
   * computers in use — one activation card each — against what the station's registered voters need.
   */
  votingComputers: { inUse: number; needed: number; registeredVoters: number };
  annulled: number;
  annulledByReason: Record<AnnulReason, number>;
  registered: number;
  registeredPerElection: Array<{ id: string; title: string; count: number }>;
  /**
   * Per election: the voter cards issued against the ballots registered (@ovs/stick
   * card-balance.ts), as the PV says it; every difference the president must explain.
   */
  cardBalance: Array<{ election: string; difference: number; line: string }>;
}

export interface Alert {
  id: number;
  at: string;
  message: string;
}

export interface IncidentView {
  id: number;
  kind: IncidentKind;
  description: string;
  calledAt: string | null;
  repairedAt: string | null;
  reportedAt: string;
}

/** The card just written, as the screen shows it: which card, never when (a time would date a voter). */
export interface LastCard {
  kind: 'voter' | 'test' | 'activation';
  category?: string;
  categoryName?: string;
  elections: string[];
  proxy: boolean;
  replacement: boolean;
}

export interface ClosingView {
  closedAt: string;
  storeShortHash: string;
  closingShortHash: string;
  registered: number;
}

export interface BoxView {
  connected: boolean;
  emptyRecorded: boolean;
  deposits: number;
  /** The box's last refusal (memory only), so the annulment form can preselect its reason. */
  lastRefusal: BoxRefusal | undefined;
  /** The president armed the annul mode: the next ballot the box reads is recorded as annulled. */
  annulMode: boolean;
}

/** The copy the console asks the president to print next, and why it failed when it did. */
export interface PrintsView {
  next: PrintStep & { name: string };
  failed: string | undefined;
  remaining: number;
}

export interface BureauView {
  president: string;
  secretary: string;
  assessors: Assessor[];
  witnesses: Witness[];
  envelopes: string;
}

export interface AssistedView {
  voter: string;
  assistant: string;
  disputed: boolean;
  decision: string;
  /** The start of the hour (a voter is dated to the hour only). */
  hour: string;
}

export interface ConsoleSnapshot {
  phase: Phase;
  halt: Halt | undefined;
  station: { number: number; name: string } | undefined;
  electionDate: string | undefined;
  municipality: string | undefined;
  packageShortHash: string | undefined;
  softwareShortHash: string;
  /** The software hash with its standing: the approved release, a development version, or not the release. */
  software: string;
  sticks: Record<StickPort, StickStatus>;
  categories: CategoryView[];
  counters: Counters | undefined;
  box: BoxView;
  alerts: Alert[];
  incidents: IncidentView[];
  lastCard: LastCard | undefined;
  closing: ClosingView | undefined;
  unlocking: boolean;
  /** What waits to be printed (a failed print stays first until it came out). */
  prints: PrintsView | undefined;
  bureau: BureauView | undefined;
  assisted: AssistedView[];
  /** The witnesses' remarks after closing, on both sticks. */
  remarks: WitnessRemark[];
  /** Test mode ("Technische test", before the password): running now, and the last report. */
  selfTest: { running: boolean; last: ConsoleTestReport | undefined };
  /** Decree art. 15: where the console's clock stands against the voting hours, and the president's overrides. */
  hours: { position: DayPosition; overridden: HoursOverride[] };
}

export type ActionError =
  | 'not-now'
  /** The console's software is not the release the package was approved for. */
  | 'software'
  | 'halted'
  | 'unknown-category'
  | 'card'
  | 'stick'
  | 'cannot-open'
  | 'bad-input'
  | 'printer'
  | 'password'
  | 'hours'
  /** The technician's test password was typed: recognised, nothing opened (self-test/test-password.ts). */
  | 'test-password';

export type ActionResult =
  /**
   * `activationCode`: only in the answer to a new activation card (16 digits), never in a snapshot.
   * `categories`: the categories a returned card fits (the annulment form's preselection).
   */
  | { ok: true; message?: string; activationCode?: string; categories?: string[] }
  | { ok: false; error: ActionError; message: string };
