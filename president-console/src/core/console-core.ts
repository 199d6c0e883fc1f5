// The president console without its screens: every action of the day as a method returning a
// value. The state is one value (session.ts): before the password, or the session it opened;
// the phase is derived from it. Three parts do the work behind this facade — the stick watch
// (stick-watch.ts), the card desk (card-desk.ts) and the ballot box's link (box-link.ts) — and
// every action runs one at a time (serial.ts). The HTTP API and the UI are thin layers on top;
// the election-day simulation drives this class directly.
import { canonicalEnvelopePassword, sha256, shortHash, toHex } from '@ovs/crypto';
import { ACTIVATION_KDF, type ActivationKdf } from '@ovs/card';
import { checkSoftware, refusal, softwareLine, type SoftwareCheck } from '@ovs/release';
import { electionsForCategory, findStation, unsealStembureauKey, UNSEAL_MESSAGES, type VerifiedPackage } from '@ovs/election';
import { createBallotContext, HASH_PREFIX_BYTES, verifySessionCertificate } from '@ovs/ballot';
import { issuePairingCode, verifyVcAlarm, type VcAlarmError, type BoxEvent, type LinkCredentials, type LinkStatus, type RegisterOutcome } from '@ovs/link';
import {
  ANNUL_REASONS,
  cardBalance,
  cardBalanceLine,
  dayPosition,
  HOURS_OVERRIDES,
  spokenDate,
  encodeClosingRecord,
  INCIDENT_KINDS,
  inspectStickFiles,
  MAX_ASSESSORS,
  MAX_NAME,
  MAX_REMARKS,
  MAX_TEXT,
  MAX_WITNESSES,
  PRESENCES,
  openStickPair,
  REPLACEMENT_REASONS,
  TEST_CARD_REASONS,
  VC_ALARM_NAMES,
  readStickFiles,
  validCloseCount,
  voterEventTime,
  type AnnulReason,
  type Assessor,
  type ClosingRecord,
  type EventBody,
  type HoursOverride,
  type IncidentKind,
  type ReplacementReason,
  type TestCardReason,
  type Witness,
} from '@ovs/stick';
import type { CardReader } from '@ovs/devices/card';
import type { SelfTestPhase } from '@ovs/devices';
import type { ConsoleTestOutcome, ConsoleTestReport } from '../self-test/report.ts';
import { TECHNICIAN_TEST_PASSWORD, TEST_PASSWORD_MESSAGE } from '../self-test/test-password.ts';
import type { ConsoleTestContext } from '../self-test/run.ts';
import { PORTS, type StickSource } from '../sticks/stick-source.ts';
import { BoxLink } from './box-link.ts';
import type { ExpertMedium } from './expert-medium.ts';
import { CardDesk, type CardKind } from './card-desk.ts';
import type { Gate } from './registration.ts';
import { DEFAULT_COPIES, type PrintStep, type ReportCopies, type ReportData, type ReportKind } from './report-data.ts';
import { closingDifferences, type ClosingCounts } from './reconciliation.ts';
import { Serial } from './serial.ts';
import type { CoreState, Opening, Session } from './session.ts';
import type { ActionResult, Alert, BureauView, ConsoleSnapshot, Counters, IncidentView, Phase, PrintsView } from './snapshot.ts';
import { StickWatch } from './stick-watch.ts';

export interface ConsoleLogEntry {
  at: string;
  event: string;
  detail?: string;
}

/** A test run of the console's devices and its printed report (self-test/attach.ts). */
export type SelfTester = (context: ConsoleTestContext) => Promise<{ report: ConsoleTestReport; printed: { ok: true } | { ok: false; message: string } }>;

/** Prints a report from the console's data (reports/reports.ts). */
export type ReportPrinter = (kind: ReportKind, data: ReportData) => Promise<ActionResult>;

export interface ConsoleCoreOptions {
  /** The polling station this console was installed for (fase 2). */
  station: number;
  organiserPublicKey: Uint8Array;
  sticks: StickSource;
  cardWriter: CardReader;
  /** SHA-256 of the console software. */
  software: Uint8Array;
  /** The report printer's layouts (the core has no PDF or printer layout in it). */
  printReport?: ReportPrinter;
  /** The technician's test of the devices ("Technische test"). */
  selfTester?: SelfTester;
  /** The third medium for the college of experts' copy (decree art. 12). */
  expertMedium?: ExpertMedium;
  /** Copies of the PV and of the kerncijferrapport (default two each: DEFAULT_COPIES). */
  copies?: ReportCopies;
  now?: () => Date;
  maxPasswordAttempts?: number;
  /** The scrypt cost of the activation cards (default ACTIVATION_KDF; tests and the simulation pass a cheaper one). */
  activationKdf?: ActivationKdf;
  /**
   * Operational log: events and outcomes, never a ballot id, a vote or a secret; an entry about one
   * voter (card written, ballot annulled, registration refused) carries only the hour.
   */
  log?: (entry: ConsoleLogEntry) => void;
}

export interface IncidentInput {
  kind: IncidentKind;
  description: string;
  calledAt: string | null;
  repairedAt: string | null;
}

export interface CloseInput {
  annulledBallots: number;
  testBallots: number;
  /**
   * What the president typed at closing: the voters ticked on the aanstiplijsten and an
   * explanation for every difference of the reconciliation (reconciliation.ts), by its id. The
   * screen always sends it; without it (a program closing) the PV says it was not filled in.
   */
  statement?: { tickedInPerson: number; tickedByProxy: number; explanations: Record<string, string> };
}

/** The bureau as it sat (seed 002 II.B.1.c), the envelopes as they were found (I.4.1). */
export interface BureauInput {
  president: string;
  secretary: string;
  assessors: Assessor[];
  witnesses: Witness[];
  envelopes: string;
}

/** Decree art. 20: a voter assisted, by whom, and when disputed the bureau's reasoned decision. */
export interface AssistedVoterInput {
  voter: string;
  assistant: string;
  disputed: boolean;
  decision: string;
}

export interface WitnessRemarkInput {
  witness: string;
  list: string;
  text: string;
}

const LOCKED_OUT = 'Te veel foute pogingen. Verwittig de technische ondersteuning van het hoofdbureau.';

export class ConsoleCore {
  readonly #o: Required<Omit<ConsoleCoreOptions, 'log' | 'printReport' | 'selfTester' | 'expertMedium'>> & Pick<ConsoleCoreOptions, 'printReport' | 'selfTester' | 'expertMedium'> & { log: (e: ConsoleLogEntry) => void };
  /** The copies still to print, first one next; `failed`: why the first one did not come out. */
  #prints: { steps: PrintStep[]; failed: string | undefined } = { steps: [], failed: undefined };
  readonly #serial = new Serial();
  #state: CoreState;
  #fatal: string | undefined;
  #unlocking = false;
  #alerts: Alert[] = [];
  #alertSeq = 0;
  #selfTest: { running: boolean; last: ConsoleTestReport | undefined } = { running: false, last: undefined };
  #stopped = false;
  /** Ids of the voting computers' alarms already recorded (memory only; each alarm carries its hour, so a replay dies with the hour). */
  readonly #vcAlarms = new Set<string>();
  readonly #sticks: StickWatch;
  readonly #cards: CardDesk;
  readonly #box: BoxLink;

  constructor(options: ConsoleCoreOptions) {
    this.#o = { now: () => new Date(), maxPasswordAttempts: 5, activationKdf: ACTIVATION_KDF, copies: DEFAULT_COPIES, ...options, log: options.log ?? (() => undefined) };
    this.#state = { kind: 'locked', opening: undefined, attemptsLeft: this.#o.maxPasswordAttempts };
    const log = (event: string, detail?: string): void => this.#log(event, detail);
    const logVoter = (event: string, detail: string): void => this.#o.log({ at: voterEventTime(this.#o.now()), event, detail });
    const append = (session: Session, body: EventBody): Promise<boolean> => this.#sticks.append(session.pair, body);
    this.#sticks = new StickWatch({
      sticks: this.#o.sticks,
      organiserPublicKey: this.#o.organiserPublicKey,
      station: this.#o.station,
      now: () => this.#now(),
      log,
      ready: (io) => this.#learnPackage(io),
      resumed: () => this.#box.sticksReconciled(),
    });
    this.#cards = new CardDesk({ station: this.#o.station, cardWriter: this.#o.cardWriter, activationKdf: this.#o.activationKdf, append, log, logVoter, haltMessage: () => this.#haltMessage() });
    this.#box = new BoxLink({
      station: this.#o.station,
      append,
      haltOnFailure: (f) => this.#sticks.haltOnFailure(f),
      haltFull: () => this.#sticks.haltFor('A', 'full'),
      log,
      logVoter,
      alert: (message) => this.#alert(message),
    });
  }

  #now(): string {
    return this.#o.now().toISOString();
  }

  #log(event: string, detail?: string): void {
    this.#o.log(detail === undefined ? { at: this.#now(), event } : { at: this.#now(), event, detail });
  }

  #alert(message: string): void {
    this.#alerts.push({ id: ++this.#alertSeq, at: this.#now(), message });
    if (this.#alerts.length > 50) this.#alerts.shift();
  }

  #haltMessage(): string {
    return this.#sticks.halt?.message ?? 'De stemming is onderbroken.';
  }

  get #session(): Session | undefined {
    return this.#state.kind === 'session' ? this.#state.session : undefined;
  }

  get #opening(): Opening | undefined {
    return this.#state.kind === 'session' ? this.#state.session.opening : this.#state.opening;
  }

  // ---- phase -------------------------------------------------------------------------------

  get phase(): Phase {
    if (this.#fatal) return { kind: 'fatal', message: this.#fatal };
    const state = this.#state;
    switch (state.kind) {
      case 'locked':
        if (!this.#sticks.bothReady()) return { kind: 'sticks' };
        return state.attemptsLeft > 0 ? { kind: 'locked', attemptsLeft: state.attemptsLeft } : { kind: 'locked-out' };
      case 'session':
        return { kind: state.session.pair.phase };
      default:
        return state satisfies never;
    }
  }

  #gate(): Gate {
    const phase = this.phase.kind;
    if (phase === 'closing' || phase === 'closed') return 'closed';
    if (this.#sticks.halt) return 'halted';
    return phase === 'open' ? 'open' : 'preparation';
  }

  /** The session, when the current phase is one of `phases` and voting is not halted; otherwise why not. */
  #writable(phases: ReadonlyArray<Phase['kind']>): { ok: true; session: Session } | { ok: false; result: ActionResult } {
    const session = this.#session;
    if (!session || !phases.includes(this.phase.kind)) return { ok: false, result: { ok: false, error: 'not-now', message: 'Dit kan nu niet.' } };
    const halt = this.#sticks.halt;
    if (halt) return { ok: false, result: { ok: false, error: 'halted', message: halt.message } };
    return { ok: true, session };
  }

  async #append(body: EventBody): Promise<boolean> {
    const session = this.#session;
    return session ? this.#sticks.append(session.pair, body) : false;
  }

  // ---- sticks ------------------------------------------------------------------------------

  /** One look at both ports: judge new sticks, halt on a missing one, resume when it is back. */
  checkSticks(): Promise<void> {
    return this.#serial.run(async () => {
      if (!this.#stopped) await this.#sticks.check(this.#session?.pair);
    });
  }

  async #learnPackage(io: ReturnType<StickSource['io']>): Promise<void> {
    if (this.#state.kind !== 'locked' || this.#state.opening) return;
    const read = await readStickFiles(io);
    if (!read.ok) return;
    const inspected = inspectStickFiles(read.value, { organiserPublicKey: this.#o.organiserPublicKey });
    if (!inspected.ok) return;
    const pkg = inspected.value.pkg;
    this.#state = { ...this.#state, opening: { pkg, context: createBallotContext(pkg) } };
  }

  // ---- opening -----------------------------------------------------------------------------

  /** The envelope password: limited attempts, a clear message for each way it can fail. */
  unlock(password: string): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const phase = this.phase;
      const state = this.#state;
      // The technician's test of this screen (HARDWARE.md): recognised first, nothing else happens.
      if (canonicalEnvelopePassword(password) === TECHNICIAN_TEST_PASSWORD && state.kind === 'locked') {
        this.#log('test-password');
        return { ok: false, error: 'test-password', message: TEST_PASSWORD_MESSAGE };
      }
      if (phase.kind === 'locked-out') return { ok: false, error: 'password', message: LOCKED_OUT };
      if (phase.kind !== 'locked' || state.kind !== 'locked' || !state.opening) return { ok: false, error: 'not-now', message: 'Steek eerst de twee sticks in.' };
      if (!canonicalEnvelopePassword(password)) return { ok: false, error: 'password', message: UNSEAL_MESSAGES['malformed-password'] };
      const opening = state.opening;
      // Decree art. 4 §3: only the software the package was approved for opens a polling station.
      const refused = refusal('voorzitterscomputer', this.#softwareCheck(opening.pkg));
      if (refused) {
        this.#log('software-mismatch');
        return { ok: false, error: 'software', message: refused };
      }
      // Decree art. 9 §3: the envelope may be handed over the day before; the station opens on the day. No attempt is spent.
      const electionDate = opening.pkg.election.electionDate;
      if (dayPosition(electionDate, this.#now()) === 'before-day') {
        this.#log('unlock-refused', 'before election day');
        return { ok: false, error: 'not-now', message: `Het stembureau opent pas op de verkiezingsdag (${spokenDate(electionDate)}). Bewaar de enveloppe verzegeld tot dan. Klopt de datum niet, verwittig dan de technische ondersteuning.` };
      }
      this.#unlocking = true;
      let unsealed;
      try {
        unsealed = await unsealStembureauKey(opening.pkg.election, this.#o.station, password);
      } finally {
        this.#unlocking = false;
      }
      if (!unsealed.ok) {
        if (unsealed.error !== 'wrong-password') return { ok: false, error: 'password', message: UNSEAL_MESSAGES[unsealed.error] };
        const left = state.attemptsLeft - 1;
        this.#state = { ...state, attemptsLeft: left };
        this.#log('password-wrong', `${left} left`);
        return { ok: false, error: 'password', message: left > 0 ? `${UNSEAL_MESSAGES['wrong-password']} Nog ${left} ${left === 1 ? 'poging' : 'pogingen'}.` : LOCKED_OUT };
      }
      const opened = await openStickPair({
        a: this.#o.sticks.io('A'),
        b: this.#o.sticks.io('B'),
        organiserPublicKey: this.#o.organiserPublicKey,
        station: this.#o.station,
        stembureau: unsealed.value,
        software: this.#o.software,
        now: this.#o.now,
      });
      if (!opened.ok) {
        const p = opened.error;
        this.#log('sticks-unusable', p.code);
        if (p.code === 'io' || p.code === 'stick' || p.code === 'wrong-station') {
          this.#sticks.refuse(p.port, { kind: 'error', path: '', reason: p.code === 'wrong-station' ? 'wrong-polling-station' : 'damaged', message: p.message });
          return { ok: false, error: 'stick', message: p.message };
        }
        if (p.code === 'different-sessions' || p.code === 'different-sticks') return { ok: false, error: 'stick', message: `${p.message} Gebruik de twee sticks van dit stembureau.` };
        this.#fatal = `${p.message} Verwittig de technische ondersteuning.`;
        return { ok: false, error: 'stick', message: this.#fatal };
      }
      const { pair, created, reconcile } = opened.value;
      const cert = verifySessionCertificate(pair.sessionCertificate, { hashPrefix: pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES), station: this.#o.station, stembureauPublicKey: unsealed.value.publicKey });
      const failedAttempts = this.#o.maxPasswordAttempts - state.attemptsLeft;
      this.#state = { kind: 'session', session: { opening, signer: unsealed.value, pair, linkKey: pair.secrets?.linkKey, sessionVerifier: cert.ok ? cert.value.verifier : undefined } };
      this.#log(created ? 'session-started' : 'session-resumed');
      // After closing the log is final (the closing record fixes it): nothing more is added.
      if (pair.phase !== 'closed') {
        await this.#append({ type: 'unlocked', failedAttempts, resumed: !created });
        for (const c of reconcile.completions) await this.#append({ type: 'sticks-reconciled', stick: c.to, ballots: c.ballots, events: c.events, files: c.files });
      }
      const opened_ = created ? 'De sticks zijn geopend voor dit stembureau.' : 'De sessie van dit stembureau werd hervat: niets ging verloren.';
      if (pair.phase !== 'preparation') return { ok: true, message: opened_ };
      return { ok: true, message: `${opened_} ${await this.#queuePrints([{ kind: 'pairing', copy: 1, of: 1 }])}` };
    });
  }

  /** The pairing code for the ballot box (printed as a QR code; the simulator takes it here). */
  pairingCode(): Uint8Array | undefined {
    const session = this.#session;
    const secrets = session?.pair.secrets;
    if (!session || !secrets) return undefined;
    return issuePairingCode(session.pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES), this.#o.station, secrets.linkKey, session.signer);
  }

  // ---- cards -------------------------------------------------------------------------------

  issueActivationCard(): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['preparation', 'open']);
      return w.ok ? this.#cards.activation(w.session) : w.result;
    });
  }

  /**
   * Test cards before opening as the manual says (seed 002 II.B.4); once voting is open only with
   * a reason — an expert's visit or a voter's complaint about the visualisation (II.C.3.1 pt 5,
   * II.C.4.1) — recorded for the PV. Their ballots stay refused by the box (test flag).
   */
  issueTestCard(category: string, reason?: TestCardReason): Promise<ActionResult> {
    if (reason !== undefined && !(TEST_CARD_REASONS as readonly string[]).includes(reason)) return Promise.resolve({ ok: false, error: 'bad-input', message: 'Kies waarom u tijdens de stemming een testkaart maakt.' });
    if (this.phase.kind === 'open' && reason === undefined) {
      return Promise.resolve({ ok: false, error: 'bad-input', message: 'Tijdens de stemming alleen een testkaart met een reden: het bezoek van een deskundige of een klacht van een kiezer over de visualisatie.' });
    }
    return this.#voterCard(category, { test: true, proxy: false, replacement: false, ...(this.phase.kind === 'open' && reason ? { reason } : {}) }, ['preparation', 'open']);
  }

  /** A card for exactly the elections of the voter's category; for a proxy, the proxy-giver's category. */
  issueVoterCard(category: string, options: { proxy?: boolean } = {}): Promise<ActionResult> {
    return this.#voterCard(category, { test: false, proxy: options.proxy ?? false, replacement: false }, ['preparation', 'open']);
  }

  /** Decree art. 17 §2: the ballot is annulled and the voter gets a new card. */
  annulBallot(reason: AnnulReason, category: string): Promise<ActionResult> {
    return this.#serial.run(async () => {
      if (!(ANNUL_REASONS as readonly string[]).includes(reason)) return { ok: false, error: 'bad-input', message: 'Kies de reden van de annulering.' };
      const w = this.#writable(['open']);
      if (!w.ok) return w.result;
      const r = await this.#cards.annul(w.session, reason, category);
      this.#box.refusalHandled();
      return r;
    });
  }

  /** The voter's returned card read in the writer: its categories, for the annulment form (card-desk.ts). */
  readReturnedCard(): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const session = this.#session;
      if (!session || this.phase.kind !== 'open') return { ok: false, error: 'not-now', message: 'Dit kan nu niet.' };
      return this.#cards.returnedCard(session);
    });
  }

  /**
   * Decree art. 17 §2, where the barcode is readable: the annulled ballot is scanned at the box in
   * annul mode, so it can never be registered later (the box refuses it, the sticks keep a keyed
   * hash of its id, never the id). `on: false` disarms it.
   */
  armAnnulScan(on: boolean): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['open']);
      if (!w.ok) return w.result;
      this.#box.armAnnulScan(on);
      return { ok: true, message: on ? 'Annuleermodus: leg het geannuleerde stembiljet nu op de scanner van de stembus. De klep blijft dicht.' : 'Annuleermodus uitgeschakeld.' };
    });
  }

  /**
   * A new card without an annulment, with its reason (card-balance.ts counts it apart): the card
   * was damaged, the voting computer printed no ballot, the card could not be read — or
   * `annulment`: the card of an annulment whose own card could not be written in that step.
   */
  issueReplacementCard(category: string, reason: ReplacementReason): Promise<ActionResult> {
    if (!(REPLACEMENT_REASONS as readonly string[]).includes(reason)) return Promise.resolve({ ok: false, error: 'bad-input', message: 'Kies waarom de kiezer een nieuwe kaart krijgt.' });
    return this.#voterCard(category, { test: false, proxy: false, replacement: true, reason }, ['open']);
  }

  #voterCard(category: string, kind: CardKind, phases: ReadonlyArray<Phase['kind']>): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(phases);
      if (!w.ok) return w.result;
      // A new voter once voting is open: within the hours, or after the president's override (voters
      // queuing at 15 h). A replacement card is for a voter already inside.
      if (!kind.test && !kind.replacement && this.phase.kind === 'open') {
        const hours = this.#outsideHours(w.session);
        if (hours) return hours;
      }
      return this.#cards.voter(w.session, category, kind);
    });
  }

  // ---- the voting hours (decree art. 15) ---------------------------------------------------

  #hours(session: Session | undefined): ConsoleSnapshot['hours'] {
    const pkg = this.#opening?.pkg;
    const position = pkg ? dayPosition(pkg.election.electionDate, this.#now()) : 'voting-hours';
    const overridden = session ? session.pair.events.flatMap((e) => (e.type === 'hours-override' ? [e.moment] : [])) : [];
    return { position, overridden };
  }

  /** Outside 8–15 h on the election day and not overridden: the refusal, naming the override. */
  #outsideHours(session: Session): ActionResult | undefined {
    const { position, overridden } = this.#hours(session);
    if ((position !== 'before-8' && position !== 'after-15') || overridden.includes(position)) return undefined;
    return { ok: false, error: 'hours', message: HOURS_MESSAGES[position] };
  }

  /** The president's override of the voting hours, with the reason, for the PV (voters still queuing at 15 h). */
  overrideHours(moment: HoursOverride, note: string): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['preparation', 'open']);
      if (!w.ok) return w.result;
      if (!(HOURS_OVERRIDES as readonly string[]).includes(moment)) return { ok: false, error: 'bad-input', message: 'Onbekende afwijking van de stemuren.' };
      const text = note.trim();
      if (text.length === 0 || text.length > MAX_TEXT) return { ok: false, error: 'bad-input', message: `Schrijf waarom u afwijkt van de stemuren (hoogstens ${MAX_TEXT} tekens): het komt in het proces-verbaal.` };
      const { position, overridden } = this.#hours(w.session);
      if (position !== moment) return { ok: false, error: 'not-now', message: 'Het is nu binnen de stemuren: er is niets af te wijken.' };
      if (overridden.includes(moment)) return { ok: true, message: 'De afwijking van de stemuren staat al in het proces-verbaal.' };
      if (!(await this.#append({ type: 'hours-override', moment, note: text }))) return { ok: false, error: 'halted', message: this.#haltMessage() };
      this.#log('hours-override', moment);
      return { ok: true, message: 'De afwijking van de stemuren is genoteerd voor het proces-verbaal.' };
    });
  }

  // ---- opening and closing of the vote -----------------------------------------------------

  /** Decree art. 14: counter at zero, box empty (reported by the box and seen by the president). */
  openVoting(boxChecked: boolean): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['preparation']);
      if (!w.ok) return w.result;
      const pair = w.session.pair;
      if (pair.registered !== 0) return { ok: false, error: 'cannot-open', message: `De teller staat niet op nul (${pair.registered}). Verwittig de technische ondersteuning.` };
      if (!this.#box.view(pair).emptyRecorded) return { ok: false, error: 'cannot-open', message: 'De stembus heeft nog niet gemeld dat ze leeg is. Koppel de stembus met het koppelticket en laat ze de lege bak melden.' };
      if (!boxChecked) return { ok: false, error: 'cannot-open', message: 'Bevestig dat u de stembus leeg hebt gezien en verzegeld.' };
      const hours = this.#outsideHours(w.session);
      if (hours) return hours;
      if (!(await this.#append({ type: 'voting-opened' }))) return { ok: false, error: 'halted', message: this.#haltMessage() };
      this.#log('voting-opened');
      return { ok: true, message: `De stemming is geopend. ${await this.#queuePrints([{ kind: 'opening', copy: 1, of: 1 }])}` };
    });
  }

  /** Decree art. 21: the box refuses everything from now, the closing record goes on both sticks. */
  close(input: CloseInput): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['preparation', 'open', 'closing']);
      if (!w.ok) return w.result;
      if (![input.annulledBallots, input.testBallots].every(validCloseCount)) return { ok: false, error: 'bad-input', message: 'Vul de aantallen in als gehele getallen (0 of meer).' };
      const statement = input.statement;
      if (statement) {
        const checked = this.#checkStatement(w.session, { ...statement, annulledBallots: input.annulledBallots, testBallots: input.testBallots });
        if (!checked.ok) return checked.result;
        if (!(await this.#append(checked.body))) return { ok: false, error: 'halted', message: this.#haltMessage() };
      }
      const r = await w.session.pair.close({ annulledBallots: input.annulledBallots, testBallots: input.testBallots });
      if (!r.ok) {
        switch (r.error.kind) {
          case 'write':
            this.#sticks.haltOnFailure(r.error.failure);
            return { ok: false, error: 'halted', message: this.#sticks.halt?.message ?? 'Een stick faalt.' };
          case 'problem':
            this.#fatal = r.error.problem.message;
            return { ok: false, error: 'stick', message: r.error.problem.message };
          default:
            return r.error satisfies never;
        }
      }
      this.#log('voting-closed');
      return { ok: true, message: `De stemming is afgesloten. ${await this.#queuePrints(this.#closingPrints())}` };
    });
  }

  /** Seed 002 III.5–6: the PV and the kerncijferrapport in their copies, then the label of the sticks' envelope. */
  #closingPrints(): PrintStep[] {
    const copies = (kind: ReportKind, of: number): PrintStep[] => Array.from({ length: of }, (_, i) => ({ kind, copy: i + 1, of }));
    return [...copies('pv', this.#o.copies.pv), ...copies('kerncijfers', this.#o.copies.kerncijfers), { kind: 'envelope', copy: 1, of: 1 }];
  }

  /** The president's closing counts against the console's: each difference needs its explanation. */
  #checkStatement(session: Session, n: ClosingCounts & { explanations: Record<string, string> }): { ok: true; body: EventBody } | { ok: false; result: ActionResult } {
    const bad = (message: string): { ok: false; result: ActionResult } => ({ ok: false, result: { ok: false, error: 'bad-input', message } });
    if (![n.tickedInPerson, n.tickedByProxy].every(validCloseCount)) return bad('Vul het aantal afgestipte kiezers in (persoonlijk en bij volmacht), als gehele getallen.');
    const explanations = [];
    for (const d of closingDifferences(this.#counters(session), n)) {
      const text = (n.explanations[d.id] ?? '').trim();
      if (text === '') return bad(`Verklaar dit verschil voor u afsluit: ${d.line}`);
      if (text.length > MAX_TEXT) return bad(`De verklaring is te lang (hoogstens ${MAX_TEXT} tekens).`);
      explanations.push({ subject: d.line, text });
    }
    return { ok: true, body: { type: 'closing-statement', tickedInPerson: n.tickedInPerson, tickedByProxy: n.tickedByProxy, explanations } };
  }

  // ---- the bureau, assisted voters, witnesses' remarks --------------------------------------

  /** Seed 002 II.B.1.c and I.4.1: who sits in the bureau, the witnesses, the envelopes as found. Until closing; the latest wins. */
  setBureau(input: BureauInput): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['preparation', 'open', 'closing']);
      if (!w.ok) return w.result;
      const bad = (message: string): ActionResult => ({ ok: false, error: 'bad-input', message });
      const name = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
      const president = name(input.president);
      const secretary = name(input.secretary);
      if (president === '') return bad('Vul de naam van de voorzitter in.');
      if (!Array.isArray(input.assessors) || input.assessors.length > MAX_ASSESSORS) return bad(`Hoogstens ${MAX_ASSESSORS} bijzitters.`);
      if (!Array.isArray(input.witnesses) || input.witnesses.length > MAX_WITNESSES) return bad(`Hoogstens ${MAX_WITNESSES} getuigen.`);
      const assessors: Assessor[] = [];
      for (const a of input.assessors) {
        const entry = { name: name(a?.name), presence: a?.presence, note: name(a?.note) };
        if (entry.name === '') return bad('Vul de naam van elke bijzitter in (of verwijder de lege regel).');
        if (!(PRESENCES as readonly unknown[]).includes(entry.presence)) return bad(`Kies voor bijzitter ${entry.name}: aanwezig, afwezig, te laat of vervangen.`);
        assessors.push(entry as Assessor);
      }
      const witnesses: Witness[] = [];
      for (const x of input.witnesses) {
        const entry = { name: name(x?.name), list: name(x?.list) };
        if (entry.name === '' || entry.list === '') return bad('Vul voor elke getuige de naam en de lijst in die hem of haar aanwees.');
        witnesses.push(entry);
      }
      const envelopes = name(input.envelopes);
      const tooLong = [president, secretary, ...assessors.flatMap((a) => [a.name, a.note]), ...witnesses.flatMap((x) => [x.name, x.list])].some((t) => t.length > MAX_NAME);
      if (tooLong) return bad(`Een naam is te lang (hoogstens ${MAX_NAME} tekens).`);
      if (envelopes.length > MAX_TEXT) return bad(`De vaststelling over de omslagen is te lang (hoogstens ${MAX_TEXT} tekens).`);
      const ok = await this.#append({ type: 'bureau', president, secretary, assessors, witnesses, envelopes });
      return ok ? { ok: true, message: 'De samenstelling van het bureau is genoteerd voor het proces-verbaal.' } : { ok: false, error: 'halted', message: this.#haltMessage() };
    });
  }

  /** Decree art. 20, seed 002 II.C.5.1: both names in the PV; when disputed, the bureau's reasoned decision. */
  recordAssistedVoter(input: AssistedVoterInput): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['open']);
      if (!w.ok) return w.result;
      const bad = (message: string): ActionResult => ({ ok: false, error: 'bad-input', message });
      const voter = typeof input.voter === 'string' ? input.voter.trim() : '';
      const assistant = typeof input.assistant === 'string' ? input.assistant.trim() : '';
      const decision = typeof input.decision === 'string' ? input.decision.trim() : '';
      if (voter === '' || assistant === '') return bad('Vul de naam van de kiezer en van wie hem of haar bijstaat in.');
      if (voter.length > MAX_NAME || assistant.length > MAX_NAME) return bad(`Een naam is te lang (hoogstens ${MAX_NAME} tekens).`);
      if (input.disputed === true && decision === '') return bad('De nood aan bijstand werd betwist: noteer de gemotiveerde beslissing van het bureau (decreet art. 20).');
      if (decision.length > MAX_TEXT) return bad(`De beslissing is te lang (hoogstens ${MAX_TEXT} tekens).`);
      const ok = await this.#append({ type: 'assisted-voter', voter, assistant, disputed: input.disputed === true, decision });
      return ok ? { ok: true, message: 'De bijstand is genoteerd voor het proces-verbaal.' } : { ok: false, error: 'halted', message: this.#haltMessage() };
    });
  }

  /**
   * Seed 002 III.6: a witness's remark while the PV is read out, after closing — the president may
   * not refuse it. Signed onto both sticks as the addendum; the PV is printed again with it.
   */
  addWitnessRemark(input: WitnessRemarkInput): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const session = this.#session;
      if (!session || this.phase.kind !== 'closed') return { ok: false, error: 'not-now', message: 'Opmerkingen na de afsluiting kunnen pas als de stemming afgesloten is.' };
      const bad = (message: string): ActionResult => ({ ok: false, error: 'bad-input', message });
      const witness = typeof input.witness === 'string' ? input.witness.trim() : '';
      const list = typeof input.list === 'string' ? input.list.trim() : '';
      const text = typeof input.text === 'string' ? input.text.trim() : '';
      if (witness === '' || text === '') return bad('Vul de naam van de getuige en de opmerking in.');
      if (witness.length > MAX_NAME || list.length > MAX_NAME) return bad(`Een naam is te lang (hoogstens ${MAX_NAME} tekens).`);
      if (text.length > MAX_TEXT) return bad(`De opmerking is te lang (hoogstens ${MAX_TEXT} tekens).`);
      if (session.pair.remarks.length >= MAX_REMARKS) return bad(`Er kunnen hoogstens ${MAX_REMARKS} opmerkingen op de sticks: noteer de volgende met de hand op het proces-verbaal.`);
      const r = await session.pair.addRemark({ at: this.#now(), witness, list, text });
      this.#log('witness-remark', r.ok ? 'on both sticks' : `stick ${r.error.port} failed`);
      const reprint = this.#o.copies.pv > 0 ? ` ${await this.#queuePrints(Array.from({ length: this.#o.copies.pv }, (_, i) => ({ kind: 'pv' as const, copy: i + 1, of: this.#o.copies.pv })), true)}` : '';
      if (!r.ok) return { ok: false, error: 'stick', message: `De opmerking is bewaard, maar stick ${r.error.port} kon niet beschreven worden. Steek stick ${r.error.port} terug in en druk op "Opnieuw op de sticks schrijven".${reprint}` };
      return { ok: true, message: `De opmerking staat ondertekend op beide sticks.${reprint}` };
    });
  }

  /** Writes the witnesses' remarks again on both sticks (after a stick failed). */
  writeRemarks(): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const session = this.#session;
      if (!session || this.phase.kind !== 'closed') return { ok: false, error: 'not-now', message: 'Dit kan nu niet.' };
      const r = await session.pair.writeAddendum();
      return r.ok ? { ok: true, message: 'De opmerkingen staan op beide sticks.' } : { ok: false, error: 'stick', message: `Stick ${r.error.port} kon niet beschreven worden. Steek stick ${r.error.port} terug in en probeer opnieuw.` };
    });
  }

  // ---- incidents and alerts ----------------------------------------------------------------

  recordIncident(input: IncidentInput, id?: number): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const w = this.#writable(['preparation', 'open', 'closing']);
      if (!w.ok) return w.result;
      if (!(INCIDENT_KINDS as readonly string[]).includes(input.kind)) return { ok: false, error: 'bad-input', message: 'Kies het soort incident.' };
      const description = input.description.trim();
      if (description.length === 0 || description.length > MAX_TEXT) return { ok: false, error: 'bad-input', message: `Beschrijf het incident (hoogstens ${MAX_TEXT} tekens).` };
      for (const t of [input.calledAt, input.repairedAt]) if (t !== null && Number.isNaN(Date.parse(t))) return { ok: false, error: 'bad-input', message: 'Ongeldig tijdstip.' };
      const known = w.session.pair.incidents;
      if (id !== undefined && !known.some((i) => i.id === id)) return { ok: false, error: 'bad-input', message: 'Onbekend incident.' };
      const iso = (t: string | null): string | null => (t === null ? null : new Date(t).toISOString());
      const ok = await this.#append({
        type: 'incident',
        id: id ?? known.reduce((m, i) => Math.max(m, i.id), 0) + 1,
        kind: input.kind,
        description,
        calledAt: iso(input.calledAt),
        repairedAt: iso(input.repairedAt),
      });
      return ok ? { ok: true, message: 'Het incident is genoteerd voor het proces-verbaal.' } : { ok: false, error: 'halted', message: this.#haltMessage() };
    });
  }

  dismissAlert(id: number): void {
    this.#alerts = this.#alerts.filter((a) => a.id !== id);
  }

  // ---- the link with the ballot box --------------------------------------------------------

  /** What the link needs once the password opened the session: the link key, the stembureau key, the package. */
  linkCredentials(): LinkCredentials | undefined {
    const session = this.#session;
    return session ? this.#box.credentials(session) : undefined;
  }

  /** Every completed handshake of the link (box-link.ts): logged, and on the sticks while they take events. */
  boxPaired(): Promise<void> {
    return this.#serial.run(async () => {
      const session = this.#session;
      if (session) await this.#box.paired(session, !this.#sticks.halt && this.phase.kind !== 'closed');
    });
  }

  linkStatus(): LinkStatus | undefined {
    const session = this.#session;
    return session ? this.#box.status(session, this.#gate()) : undefined;
  }

  boxContact(): void {
    this.#box.contact();
  }

  /** `attemptId`: the box's id for this ballot, the same in every resend (see @ovs/link). */
  async registerBallot(bytes: Uint8Array, attemptId: string): Promise<RegisterOutcome> {
    const session = this.#session;
    if (!session) return { outcome: 'rejected', reason: 'voting-not-open' };
    return this.#box.register(session, this.#gate(), bytes, attemptId);
  }

  boxEvent(event: BoxEvent): Promise<void> {
    return this.#serial.run(async () => {
      const session = this.#session;
      if (session) await this.#box.event(session, !this.#sticks.halt && this.phase.kind !== 'closed', event);
    });
  }

  // ---- the college of experts (decree art. 12) ---------------------------------------------

  /**
   * A copy of the sticks for an expert (seed 002 II.C.4), on the third medium: consistent (taken
   * under the sticks' lock), without the password, without halting voting. During the day it holds
   * no ballot slots, after closing the final ones (@ovs/stick expert-copy.ts); never the secrets.
   * Recorded on the sticks for the PV with the expert's name, the hour and what was done.
   */
  expertCopy(expert: string, note: string): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const session = this.#session;
      const phase = this.phase.kind;
      if (!session || !['preparation', 'open', 'closing', 'closed'].includes(phase)) return { ok: false, error: 'not-now', message: 'Een kopie voor de deskundige kan pas nadat de sticks geopend zijn.' };
      const name = expert.trim();
      const what = note.trim();
      if (name.length === 0 || name.length > MAX_NAME) return { ok: false, error: 'bad-input', message: `Vul de naam van de deskundige in (hoogstens ${MAX_NAME} tekens).` };
      if (what.length === 0 || what.length > MAX_TEXT) return { ok: false, error: 'bad-input', message: 'Beschrijf wat de deskundige deed: het komt in het proces-verbaal.' };
      const medium = this.#o.expertMedium;
      if (!medium) return { ok: false, error: 'not-now', message: 'Deze voorzitterscomputer heeft geen poort voor een kopiestick.' };
      const copy = await session.pair.expertCopy(name);
      if (!copy.ok) return { ok: false, error: 'stick', message: `Stick ${copy.error.port} kon niet gelezen worden voor de kopie. Probeer opnieuw.` };
      const at = copy.value.manifest.takenAt;
      const base = `deskundige-stembureau-${this.#o.station}-${at.slice(0, 16).replace(/[-:T]/g, '')}`;
      const written = await medium.write(base, copy.value.files);
      if (!written.ok) return { ok: false, error: 'stick', message: written.message };
      const folder = written.folder;
      const files = copy.value.files.length;
      const ballots = copy.value.manifest.closed;
      this.#log('expert-copy', `${files} files${ballots ? ' with ballots' : ''}`);
      // After closing the log is final: the copy is in the console's log only (the PV was printed at closing).
      if (this.phase.kind !== 'closed' && !(await this.#append({ type: 'expert-copy', expert: name, note: what, files, ballots }))) {
        return { ok: false, error: 'halted', message: `De kopie staat op de stick (${folder}), maar kon niet op de sticks genoteerd worden: ${this.#haltMessage()}` };
      }
      return {
        ok: true,
        message: ballots
          ? `Kopie voor de deskundige geschreven in ${folder}: ${files} bestanden, met de stembiljetten (de stemming is afgesloten).`
          : `Kopie voor de deskundige geschreven in ${folder}: ${files} bestanden, zonder de stembiljetten (die worden pas na de afsluiting gekopieerd). De stemming liep door.`,
      };
    });
  }

  // ---- the voting computers' alarms --------------------------------------------------------

  /**
   * An alarm from a voting computer (paper out, card problem, printer fault), signed with the
   * session key its activation card gave it (@ovs/link vc-alarm.ts): shown to the president and
   * recorded for the PV with the hour only. Anything not signed by this opening's key is refused.
   */
  vcAlarm(bytes: Uint8Array): Promise<{ ok: true } | { ok: false; error: VcAlarmError | 'not-now' }> {
    return this.#serial.run(async () => {
      const session = this.#session;
      if (!session?.sessionVerifier || this.phase.kind === 'closed') return { ok: false, error: 'not-now' };
      const r = verifyVcAlarm(bytes, { hashPrefix: session.pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES), station: this.#o.station, session: session.sessionVerifier, now: this.#o.now(), seen: this.#vcAlarms });
      if (!r.ok) {
        this.#log('vc-alarm-refused', r.error);
        return r;
      }
      this.#vcAlarms.add(r.value.id);
      if (r.value.kind === 'software') return this.#vcSoftware(session, r.value.machine, r.value.sha256);
      this.#alert(`Alarm op ${r.value.machine}: ${VC_ALARM_NAMES[r.value.kind]}. Ga naar het stemhokje; het alarm stopt met de gewiste activeringskaart.`);
      this.#o.log({ at: voterEventTime(this.#o.now()), event: 'vc-alarm', detail: r.value.kind });
      if (!this.#sticks.halt) await this.#append({ type: 'vc-alarm', kind: r.value.kind, machine: r.value.machine });
      return { ok: true };
    });
  }

  /** A voting computer's software report after its activation (decree art. 4 §3): once per machine and software on the sticks. */
  async #vcSoftware(session: Session, machine: string, sha256: Uint8Array): Promise<{ ok: true }> {
    const hex = toHex(sha256);
    const check = checkSoftware('stemcomputer', sha256, session.pair.pkg.election.release);
    this.#log('vc-software', check.kind);
    if (check.kind === 'mismatch') this.#alert(`${machine} meldt software ${check.shortHash}: dat is niet de release ${check.version} van het verkiezingspakket (${check.expectedShortHash}). Verwittig de technische ondersteuning.`);
    const known = session.pair.events.some((e) => e.type === 'vc-software' && e.machine === machine && e.sha256 === hex);
    if (!known && !this.#sticks.halt) await this.#append({ type: 'vc-software', machine, sha256: hex });
    return { ok: true };
  }

  // ---- test mode ---------------------------------------------------------------------------

  /**
   * "Technische test" (seed 001 §XIV.1, fase 1 and fase 2). Only before the envelope password:
   * the test writes a card and prints, which must never mix with a polling station's day, and
   * it is refused while a stick in a port holds this station's unfinished session (a restarted
   * console: voting may be open). It never writes on a stick that holds a session.
   */
  selfTest(phase: SelfTestPhase): Promise<ConsoleTestOutcome> {
    if (this.#selfTest.running) return Promise.resolve({ ok: false, error: 'busy', message: 'De technische test loopt al.' });
    this.#selfTest.running = true;
    return this.#serial.run(async (): Promise<ConsoleTestOutcome> => {
      try {
        const refused = this.#selfTestRefusal();
        if (refused) return refused;
        const tester = this.#o.selfTester;
        if (!tester) return { ok: false, error: 'not-attached', message: 'Deze voorzitterscomputer heeft geen testmodus.' };
        const pkg = this.#opening?.pkg;
        const station = pkg ? findStation(pkg.election, this.#o.station) : undefined;
        const run = await tester({ phase, station: this.#o.station, stationName: station?.name, packageShortHash: pkg?.shortHash, software: this.#o.software, at: this.#now() });
        this.#selfTest.last = run.report;
        this.#log('self-test', `${phase} ${run.report.passed ? 'passed' : 'failed'}`);
        const verdict = run.report.passed ? 'Technische test geslaagd: controleer de punten NAZIEN.' : 'Technische test NIET geslaagd: zie de punten FOUT.';
        return { ok: true, report: run.report, printed: run.printed, message: run.printed.ok ? `${verdict} Het testrapport is afgedrukt.` : `${verdict} Het testrapport kon niet afgedrukt worden: ${run.printed.message}` };
      } finally {
        this.#selfTest.running = false;
      }
    });
  }

  #selfTestRefusal(): Extract<ConsoleTestOutcome, { ok: false }> | undefined {
    const phase = this.phase;
    switch (phase.kind) {
      case 'sticks':
      case 'locked':
      case 'locked-out':
        break;
      case 'preparation':
      case 'open':
      case 'closing':
      case 'closed':
      case 'fatal':
        return { ok: false, error: 'session-open', message: 'De technische test kan alleen vóór het paswoord: de sessie van het stembureau is geopend.' };
      default:
        return phase satisfies never;
    }
    for (const port of PORTS) {
      const s = this.#sticks.status(port);
      if (s.kind === 'ready' && s.state === 'in-use') {
        return { ok: false, error: 'session-on-stick', message: `Stick ${port} bevat de lopende sessie van dit stembureau: de stemming kan open zijn. Neem beide sticks uit om de toestellen te testen.` };
      }
    }
    return undefined;
  }

  /** The last test report (memory only; it is printed and can be downloaded as a PDF). */
  lastSelfTest(): ConsoleTestReport | undefined {
    return this.#selfTest.last;
  }

  // ---- reports -----------------------------------------------------------------------------

  print(kind: ReportKind): Promise<ActionResult> {
    return this.#serial.run(() => this.#print(kind));
  }

  /** The next copy the console asks for, or the one that failed, again ("Opnieuw afdrukken"). */
  printNext(): Promise<ActionResult> {
    return this.#serial.run(async () => {
      if (this.#prints.steps.length === 0) return { ok: false, error: 'not-now', message: 'Er wacht niets om afgedrukt te worden.' };
      const r = await this.#printHead();
      return r.ok ? { ok: true, message: r.message } : r;
    });
  }

  /**
   * Puts copies to print in the queue (`first`: before what waits) and prints the first one now.
   * Answers what the president reads: what came out, what failed, what comes next.
   */
  async #queuePrints(steps: PrintStep[], first = false): Promise<string> {
    const kinds = new Set(steps.map((s) => s.kind));
    const rest = this.#prints.steps.filter((s) => !kinds.has(s.kind));
    this.#prints = { steps: first ? [...steps, ...rest] : [...rest, ...steps], failed: undefined };
    return (await this.#printHead()).message;
  }

  async #printHead(): Promise<{ ok: true; message: string } | { ok: false; error: 'printer' | 'not-now'; message: string }> {
    const step = this.#prints.steps[0];
    if (!step) return { ok: true, message: '' };
    const printed = await this.#print(step.kind);
    const what = printStepName(step);
    if (!printed.ok) {
      const message = `${capital(what)} werd NIET afgedrukt. ${printed.message} Verhelp dit en druk dan op "Opnieuw afdrukken".`;
      this.#prints = { ...this.#prints, failed: message };
      this.#log('print-failed', `${step.kind} ${step.copy}/${step.of}`);
      return { ok: false, error: printed.error === 'not-now' ? 'not-now' : 'printer', message };
    }
    this.#prints = { steps: this.#prints.steps.slice(1), failed: undefined };
    const next = this.#prints.steps[0];
    if (next) return { ok: true, message: `${capital(what)} is afgedrukt. Neem het uit de printer en druk op "Afdrukken" voor ${printStepName(next)}.` };
    return { ok: true, message: `${capital(what)} is afgedrukt.${this.phase.kind === 'closed' ? ` ${AFTER_PRINTS}` : ''}` };
  }

  #printsView(): PrintsView | undefined {
    const next = this.#prints.steps[0];
    return next ? { next: { ...next, name: printStepName(next) }, failed: this.#prints.failed, remaining: this.#prints.steps.length } : undefined;
  }

  async #print(kind: ReportKind): Promise<ActionResult> {
    const data = this.reportData();
    if (!this.#o.printReport) return { ok: false, error: 'printer', message: 'Geen printer ingesteld.' };
    if (!data) return { ok: false, error: 'not-now', message: 'Dit rapport bestaat nog niet.' };
    const printed = await this.#o.printReport(kind, data);
    // The koppelticket's QR holds the link key: every copy that left the printer is in the PV.
    if (kind === 'pairing' && printed.ok) {
      this.#log('pairing-printed');
      await this.#append({ type: 'pairing-printed' });
    }
    return printed;
  }

  /** What the reports are made of (see reports/content.ts). */
  reportData(): ReportData | undefined {
    const session = this.#session;
    if (!session) return undefined;
    const { pkg } = session.opening;
    const station = findStation(pkg.election, this.#o.station);
    if (!station) return undefined;
    const pair = session.pair;
    return {
      pkg,
      station,
      events: pair.events,
      counters: this.#counters(session),
      closing: pair.closing,
      storeHash: pair.storeHash(),
      software: this.#o.software,
      sessionCertificate: pair.sessionCertificate,
      pairingCode: this.pairingCode(),
      sticks: { A: this.#sticks.status('A'), B: this.#sticks.status('B') },
      remarks: pair.remarks,
      copies: this.#o.copies,
      now: this.#now(),
    };
  }

  // ---- snapshot ----------------------------------------------------------------------------

  #counters(session: Session): Counters {
    const { pair } = session;
    const { pkg } = session.opening;
    const c = pair.counts;
    const closing = pair.closing;
    const titles = new Map(pkg.election.elections.map((e) => [e.id, e.title]));
    const perElection = closing ? closing.registeredPerElection : pair.registeredPerElection;
    return {
      cardsPerCategory: c.cardsPerCategory,
      proxyPerCategory: c.proxyPerCategory,
      replacementCards: c.replacementCards,
      replacementsByReason: c.replacementsByReason,
      testCards: c.testCards,
      testCardsDuringVoting: c.testCardsDuringVoting,
      activationCards: c.activationCards,
      votingComputers: votingComputers(c.activationCards, findStation(pkg.election, this.#o.station)?.registeredVoters ?? 0),
      annulled: Object.values(c.annulledByReason).reduce((a, b) => a + b, 0),
      annulledByReason: c.annulledByReason,
      registered: closing ? closing.registeredBallots : pair.registered,
      registeredPerElection: pair.elections.map((id) => ({ id, title: titles.get(id) ?? id, count: perElection[id] ?? 0 })),
      cardBalance: cardBalance(pair.events, Object.fromEntries(pair.elections.map((id) => [id, perElection[id] ?? 0])), (category) =>
        electionsForCategory(pkg.election, this.#o.station, category).map((e) => e.id),
      ).map((b) => ({ election: b.election, difference: b.difference, line: cardBalanceLine(b, titles.get(b.election) ?? b.election) })),
    };
  }

  snapshot(): ConsoleSnapshot {
    const pkg = this.#opening?.pkg;
    const station = pkg ? findStation(pkg.election, this.#o.station) : undefined;
    const session = this.#session;
    const pair = session?.pair;
    const closing = pair?.closing;
    const incidents: IncidentView[] = [];
    if (pair) {
      const first = new Map<number, string>();
      for (const e of pair.events) if (e.type === 'incident' && !first.has(e.id)) first.set(e.id, e.at);
      for (const i of pair.incidents) incidents.push({ id: i.id, kind: i.kind, description: i.description, calledAt: i.calledAt, repairedAt: i.repairedAt, reportedAt: first.get(i.id) ?? i.at });
    }
    return {
      phase: this.phase,
      halt: this.#sticks.halt,
      station: station ? { number: station.number, name: station.name } : undefined,
      electionDate: pkg?.election.electionDate,
      municipality: pkg?.election.municipality.name,
      packageShortHash: pkg?.shortHash,
      softwareShortHash: shortHash(this.#o.software),
      // Before a stick shows the package, the release to compare with is not known yet.
      software: pkg ? softwareLine(this.#softwareCheck(pkg)) : shortHash(this.#o.software),
      sticks: { A: this.#sticks.view('A', pair), B: this.#sticks.view('B', pair) },
      categories: this.#cards.categories(pkg),
      counters: session ? this.#counters(session) : undefined,
      box: this.#box.view(pair),
      alerts: [...this.#alerts],
      incidents,
      lastCard: this.#cards.lastCard,
      closing: closing ? { closedAt: closing.closedAt, storeShortHash: shortHash(closing.store.sha256), closingShortHash: shortHash(closingHash(closing)), registered: closing.registeredBallots } : undefined,
      unlocking: this.#unlocking,
      prints: this.#printsView(),
      bureau: pair ? bureauOf(pair.events) : undefined,
      assisted: pair ? pair.events.flatMap((e) => (e.type === 'assisted-voter' ? [{ voter: e.voter, assistant: e.assistant, disputed: e.disputed, decision: e.decision, hour: e.at }] : [])) : [],
      remarks: pair ? [...pair.remarks] : [],
      selfTest: { running: this.#selfTest.running, last: this.#selfTest.last },
      hours: this.#hours(session),
    };
  }

  /** The console's software against the release the package names. */
  #softwareCheck(pkg: VerifiedPackage): SoftwareCheck {
    return checkSoftware('voorzitterscomputer', this.#o.software, pkg.election.release);
  }

  async stop(): Promise<void> {
    await this.#serial.run(async () => {
      this.#stopped = true;
      await this.#session?.pair.release();
    });
  }
}

/** Decree art. 10: one booth per 180 registered voters. */
export const VOTERS_PER_BOOTH = 180;

const votingComputers = (inUse: number, registeredVoters: number): Counters['votingComputers'] => ({ inUse, needed: Math.ceil(registeredVoters / VOTERS_PER_BOOTH), registeredVoters });

const HOURS_MESSAGES: Record<HoursOverride, string> = {
  'before-8': 'Het is nog geen 8 uur: de stemming opent om 8 uur (decreet art. 15). Wacht tot 8 uur, of noteer waarom u nu opent ("Afwijken van de stemuren").',
  'after-15': 'Het is na 15 uur: de stemming is gesloten voor nieuwe kiezers (decreet art. 15). Staan er om 15 uur nog kiezers in de rij, noteer dat dan met "Afwijken van de stemuren".',
};

const closingHash = (c: ClosingRecord): Uint8Array => sha256(encodeClosingRecord(c));

/** Seed 002 III.5.3–6: what the president does once every report of the closing came out. */
export const AFTER_PRINTS = 'Alles is afgedrukt. Lees het proces-verbaal voor en laat het ondertekenen. Verwijder daarna de twee sticks en steek ze met exemplaar 1 van het kerncijferrapport in de omslag met het etiket.';

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const REPORT_NAMES: Record<ReportKind, string> = {
  pairing: 'het koppelticket',
  opening: 'het openingsrapport',
  pv: 'het proces-verbaal',
  kerncijfers: 'het kerncijferrapport',
  envelope: 'het etiket voor de omslag met de sticks',
};

/** "exemplaar 1 van 2 van het proces-verbaal", "het koppelticket". */
export const printStepName = (s: PrintStep): string => (s.of > 1 ? `exemplaar ${s.copy} van ${s.of} van ${REPORT_NAMES[s.kind]}` : REPORT_NAMES[s.kind]);

/** The bureau as last recorded. */
function bureauOf(events: readonly EventBody[]): BureauView | undefined {
  const b = events.findLast((e) => e.type === 'bureau');
  return b?.type === 'bureau' ? { president: b.president, secretary: b.secretary, assessors: b.assessors, witnesses: b.witnesses, envelopes: b.envelopes } : undefined;
}
