// The president console without its screens: every action of the day as a method returning a
// value, the link handlers for the ballot box, and the stick watch. The HTTP API and the UI
// are thin layers on top; the election-day simulation drives this class directly.
import { canonicalEnvelopePassword, sha256, shortHash, toBase64, toHex, type Signer, type Verifier } from '@ovs/crypto';
import { ACTIVATION_KDF, type ActivationKdf } from '@ovs/card';
import { electionsForCategory, findStation, unsealStembureauKey, UNSEAL_MESSAGES, type VerifiedPackage } from '@ovs/election';
import { createBallotContext, HASH_PREFIX_BYTES, verifySessionCertificate, type BallotContext } from '@ovs/ballot';
import { BOX_REFUSAL_MESSAGES, issuePairingCode, type BoxEvent, type LinkCredentials, type LinkStatus, type RegisterOutcome } from '@ovs/link';
import {
  ANNUL_REASONS,
  cardBalance,
  cardBalanceLine,
  encodeClosingRecord,
  INCIDENT_KINDS,
  inspectStickFiles,
  MAX_TEXT,
  openStickPair,
  readStickFiles,
  type AnnulReason,
  type ClosingRecord,
  type EventBody,
  type IncidentKind,
  type StickPair,
  type StickPort,
  type WriteFailure,
  voterEventTime,
} from '@ovs/stick';
import type { CardReader } from '@ovs/devices/card';
import type { ThermalPrinter } from '@ovs/devices/printer';
import type { SelfTestPhase } from '@ovs/devices';
import type { ConsoleTestOutcome, ConsoleTestReport } from '../self-test/report.ts';
import type { ConsoleTestContext } from '../self-test/run.ts';
import { PORTS, type StickSource } from '../sticks/stick-source.ts';
import { judgeStick, type StickStatus } from '../sticks/stick-status.ts';
import { activationCard, voterCardBytes, writeCard } from './cards.ts';
import { registerScannedBallot, type Gate } from './registration.ts';
import type { ActionResult, Alert, CategoryView, ConsoleSnapshot, Counters, Halt, HaltReason, IncidentView, LastCard, Phase } from './snapshot.ts';
import type { ReportData, ReportKind } from './report-data.ts';
import { Serial } from './serial.ts';

export interface ConsoleLogEntry {
  at: string;
  event: string;
  detail?: string;
}

export interface ConsoleCoreOptions {
  /** The polling station this console was installed for (fase 2). */
  station: number;
  organiserPublicKey: Uint8Array;
  sticks: StickSource;
  cardWriter: CardReader;
  printer: ThermalPrinter;
  /** SHA-256 of the console software. */
  software: Uint8Array;
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
}

const HALT_MESSAGES: Record<HaltReason, (port: StickPort) => string> = {
  removed: (p) => `Stick ${p} is verwijderd. Steek stick ${p} opnieuw in: de stemming gaat dan verder.`,
  'write-failed': (p) => `Er kan niet meer op stick ${p} geschreven worden. Trek stick ${p} uit en steek hem opnieuw in; lukt het niet, verwittig de technische ondersteuning.`,
  'read-only': (p) => `Stick ${p} is alleen-lezen. Zet het schuifje op de stick terug en steek hem opnieuw in.`,
  full: (p) => `Stick ${p} is vol. Verwittig de technische ondersteuning van het hoofdbureau.`,
};

export class ConsoleCore {
  readonly #o: Required<Omit<ConsoleCoreOptions, 'log'>> & { log: (e: ConsoleLogEntry) => void };
  readonly #serial = new Serial();
  #sticks: Record<StickPort, StickStatus> = { A: { kind: 'absent' }, B: { kind: 'absent' } };
  #pkg: VerifiedPackage | undefined;
  #context: BallotContext | undefined;
  #attemptsLeft: number;
  #failedAttempts = 0;
  #unlocking = false;
  #signer: Signer | undefined;
  /** Kept in memory after closing (the sticks' copy is erased) so the box hears "closed". */
  #linkKey: Uint8Array | undefined;
  #pair: StickPair | undefined;
  #sessionVerifier: Verifier | undefined;
  #fatal: string | undefined;
  #halt: Halt | undefined;
  #alerts: Alert[] = [];
  #alertSeq = 0;
  #box = { connected: false, deposits: 0 };
  #lastCard: LastCard | undefined;
  /** Ballot ids (hex) on stick A only, B having failed while they were written: memory only, cleared when B is reconciled. */
  readonly #onOneStick = new Set<string>();
  /**
   * Per ballot registered since this console started, the box's attempt id that stored it: memory
   * only (never on a stick), so that a resend after a lost answer is told apart from a copy.
   */
  readonly #attempts = new Map<string, string>();
  #selfTest: { running: boolean; last: ConsoleTestReport | undefined } = { running: false, last: undefined };
  #stopped = false;

  constructor(options: ConsoleCoreOptions) {
    this.#o = {
      now: () => new Date(),
      maxPasswordAttempts: 5,
      activationKdf: ACTIVATION_KDF,
      ...options,
      log: options.log ?? (() => undefined),
    };
    this.#attemptsLeft = this.#o.maxPasswordAttempts;
  }

  #now(): string {
    return this.#o.now().toISOString();
  }

  #log(event: string, detail?: string): void {
    this.#o.log(detail === undefined ? { at: this.#now(), event } : { at: this.#now(), event, detail });
  }

  /** An entry about one voter (a card, an annulment, a refused ballot): dated to the hour, like on the sticks. */
  #logVoter(event: string, detail: string): void {
    this.#o.log({ at: voterEventTime(this.#o.now()), event, detail });
  }

  #alert(message: string): void {
    this.#alerts.push({ id: ++this.#alertSeq, at: this.#now(), message });
    if (this.#alerts.length > 50) this.#alerts.shift();
  }

  // ---- phase -------------------------------------------------------------------------------

  get phase(): Phase {
    if (this.#fatal) return { kind: 'fatal', message: this.#fatal };
    const pair = this.#pair;
    if (!pair) {
      if (!PORTS.every((p) => this.#sticks[p].kind === 'ready')) return { kind: 'sticks' };
      return this.#attemptsLeft > 0 ? { kind: 'locked', attemptsLeft: this.#attemptsLeft } : { kind: 'locked-out' };
    }
    switch (pair.phase) {
      case 'preparation':
        return { kind: 'preparation' };
      case 'open':
        return { kind: 'open' };
      case 'closing':
        return { kind: 'closing' };
      case 'closed':
        return { kind: 'closed' };
    }
  }

  #gate(): Gate {
    const phase = this.phase.kind;
    if (phase === 'closing' || phase === 'closed') return 'closed';
    if (this.#halt) return 'halted';
    return phase === 'open' ? 'open' : 'preparation';
  }

  // ---- sticks ------------------------------------------------------------------------------

  /** One look at both ports: judge new sticks, halt on a missing one, resume when it is back. */
  checkSticks(): Promise<void> {
    return this.#serial.run(async () => {
      if (this.#stopped) return;
      const pair = this.#pair;
      for (const port of PORTS) {
        const presence = await this.#o.sticks.presence(port);
        if (presence.kind === 'absent') {
          if (this.#sticks[port].kind !== 'absent') this.#log('stick-removed', port);
          this.#sticks[port] = { kind: 'absent' };
          if (pair && pair.phase !== 'closed') {
            pair.detach(port);
            this.#haltFor(port, 'removed');
          }
          continue;
        }
        const needsLook = this.#sticks[port].kind === 'absent' || (pair !== undefined && pair.broken.includes(port)) || (!pair && this.#sticks[port].kind !== 'ready');
        if (!needsLook) continue;
        const io = this.#o.sticks.io(port);
        const status = await judgeStick(io, presence.path, { organiserPublicKey: this.#o.organiserPublicKey, station: this.#o.station });
        this.#sticks[port] = status;
        if (status.kind === 'ready') {
          this.#log('stick-ready', `${port} ${status.state}`);
          if (!this.#pkg) await this.#learnPackage(io);
        } else {
          await io.close();
          this.#log('stick-refused', `${port} ${status.kind === 'error' ? status.reason : status.kind}`);
        }
      }
      if (pair && this.#halt) await this.#tryResume(pair);
    });
  }

  async #learnPackage(io: ReturnType<StickSource['io']>): Promise<void> {
    const read = await readStickFiles(io);
    if (!read.ok) return;
    const inspected = inspectStickFiles(read.files, { organiserPublicKey: this.#o.organiserPublicKey });
    if (!inspected.ok) return;
    this.#pkg = inspected.value.pkg;
    this.#context = createBallotContext(this.#pkg);
  }

  #haltFor(port: StickPort, reason: HaltReason): void {
    if (this.#halt) return;
    this.#halt = { port, reason, since: this.#now(), message: HALT_MESSAGES[reason](port) };
    this.#log('voting-halted', `${port} ${reason}`);
  }

  #haltOnFailure(failure: WriteFailure): void {
    const reason: HaltReason = failure.error.code === 'absent' ? 'removed' : failure.error.code === 'read-only' ? 'read-only' : failure.error.code === 'full' ? 'full' : 'write-failed';
    this.#haltFor(failure.port, reason);
    // A stick that failed is looked at again on the next check.
    this.#sticks[failure.port] = { kind: 'absent' };
  }

  async #tryResume(pair: StickPair): Promise<void> {
    const halt = this.#halt;
    if (!halt || halt.reason === 'full') return;
    if (!PORTS.every((p) => this.#sticks[p].kind === 'ready')) return;
    for (const port of pair.broken) {
      const r = await pair.reattach(port, this.#o.sticks.io(port));
      if (!r.ok) {
        this.#sticks[port] = { kind: 'error', path: '', reason: r.problem.code === 'different-sessions' ? 'other-session' : 'damaged', message: r.problem.message };
        this.#log('stick-refused', `${port} ${r.problem.code}`);
        return;
      }
      for (const c of r.reconcile.completions) await this.#appendQuiet({ type: 'sticks-reconciled', stick: c.to, ballots: c.ballots, events: c.events, files: c.files });
    }
    this.#halt = undefined;
    // Reconciliation put every ballot of A on B as well.
    this.#onOneStick.clear();
    await this.#appendQuiet({ type: 'interruption', stick: halt.port, reason: halt.reason, from: halt.since, to: this.#now() });
    this.#log('voting-resumed', halt.port);
  }

  /** Appends an event; a failure halts voting (the event stays in memory for the sticks). */
  async #append(body: EventBody): Promise<boolean> {
    const pair = this.#pair;
    if (!pair || pair.phase === 'closed') return false;
    const r = await pair.appendEvent(body);
    if (!r.ok) this.#haltOnFailure(r.failure);
    return r.ok;
  }

  async #appendQuiet(body: EventBody): Promise<void> {
    await this.#append(body);
  }

  // ---- opening -----------------------------------------------------------------------------

  /** The envelope password: limited attempts, a clear message for each way it can fail. */
  unlock(password: string): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const phase = this.phase;
      if (phase.kind === 'locked-out') return { ok: false, error: 'password', message: 'Te veel foute pogingen. Verwittig de technische ondersteuning van het hoofdbureau.' };
      if (phase.kind !== 'locked' || !this.#pkg) return { ok: false, error: 'not-now', message: 'Steek eerst de twee sticks in.' };
      if (!canonicalEnvelopePassword(password)) return { ok: false, error: 'password', message: UNSEAL_MESSAGES['malformed-password'] };
      this.#unlocking = true;
      let unsealed;
      try {
        unsealed = await unsealStembureauKey(this.#pkg.election, this.#o.station, password);
      } finally {
        this.#unlocking = false;
      }
      if (!unsealed.ok) {
        if (unsealed.error === 'wrong-password') {
          this.#attemptsLeft--;
          this.#failedAttempts++;
          this.#log('password-wrong', `${this.#attemptsLeft} left`);
          const left = this.#attemptsLeft;
          return {
            ok: false,
            error: 'password',
            message: left > 0 ? `${UNSEAL_MESSAGES['wrong-password']} Nog ${left} ${left === 1 ? 'poging' : 'pogingen'}.` : 'Te veel foute pogingen. Verwittig de technische ondersteuning van het hoofdbureau.',
          };
        }
        return { ok: false, error: 'password', message: UNSEAL_MESSAGES[unsealed.error] };
      }
      const opened = await openStickPair({
        a: this.#o.sticks.io('A'),
        b: this.#o.sticks.io('B'),
        organiserPublicKey: this.#o.organiserPublicKey,
        station: this.#o.station,
        stembureau: unsealed.signer,
        software: this.#o.software,
        now: this.#o.now,
      });
      if (!opened.ok) {
        const p = opened.problem;
        this.#log('sticks-unusable', p.code);
        if (p.code === 'io' || p.code === 'stick' || p.code === 'wrong-station') {
          const port = p.port;
          this.#sticks[port] = { kind: 'error', path: '', reason: p.code === 'wrong-station' ? 'wrong-polling-station' : 'damaged', message: p.message };
          return { ok: false, error: 'stick', message: p.message };
        }
        if (p.code === 'different-sessions' || p.code === 'different-sticks') return { ok: false, error: 'stick', message: `${p.message} Gebruik de twee sticks van dit stembureau.` };
        this.#fatal = `${p.message} Verwittig de technische ondersteuning.`;
        return { ok: false, error: 'stick', message: this.#fatal };
      }
      this.#signer = unsealed.signer;
      this.#pair = opened.pair;
      this.#linkKey = opened.pair.secrets?.linkKey;
      const cert = verifySessionCertificate(opened.pair.sessionCertificate, {
        hashPrefix: opened.pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES),
        station: this.#o.station,
        stembureauPublicKey: unsealed.signer.publicKey,
      });
      this.#sessionVerifier = cert.ok ? cert.verifier : undefined;
      this.#log(opened.created ? 'session-started' : 'session-resumed');
      // After closing the log is final (the closing record fixes it): nothing more is added.
      if (opened.pair.phase !== 'closed') {
        await this.#append({ type: 'unlocked', failedAttempts: this.#failedAttempts, resumed: !opened.created });
        for (const c of opened.reconcile.completions) await this.#append({ type: 'sticks-reconciled', stick: c.to, ballots: c.ballots, events: c.events, files: c.files });
      }
      this.#failedAttempts = 0;
      if (opened.pair.phase === 'preparation') await this.#print('pairing');
      return { ok: true, message: opened.created ? 'De sticks zijn geopend voor dit stembureau.' : 'De sessie van dit stembureau werd hervat: niets ging verloren.' };
    });
  }

  /** The pairing code for the ballot box (printed as a QR code; the simulator takes it here). */
  pairingCode(): Uint8Array | undefined {
    const pair = this.#pair;
    const secrets = pair?.secrets;
    if (!pair || !secrets || !this.#signer) return undefined;
    return issuePairingCode(pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES), this.#o.station, secrets.linkKey, this.#signer);
  }

  // ---- cards -------------------------------------------------------------------------------

  #canWrite(phases: ReadonlyArray<Phase['kind']>): ActionResult | undefined {
    const phase = this.phase.kind;
    if (!phases.includes(phase)) return { ok: false, error: 'not-now', message: 'Dit kan nu niet.' };
    if (this.#halt) return { ok: false, error: 'halted', message: this.#halt.message };
    return undefined;
  }

  issueActivationCard(): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const refused = this.#canWrite(['preparation', 'open']);
      if (refused) return refused;
      const pair = this.#pair as StickPair;
      const secrets = pair.secrets;
      if (!secrets) return { ok: false, error: 'not-now', message: 'Dit kan nu niet.' };
      const card = await activationCard(pair.sessionCertificate, secrets.sessionPrivateKey, this.#o.activationKdf);
      const written = await writeCard(this.#o.cardWriter, card.bytes);
      if (!written.ok) return { ok: false, error: 'card', message: written.message };
      await this.#append({ type: 'activation-card' });
      this.#lastCard = { kind: 'activation', elections: [], proxy: false, replacement: false };
      this.#log('card-written', 'activation');
      // The code leaves only in this answer (the president's screen): never in the snapshot, a log or a stick.
      return { ok: true, message: 'Activeringskaart klaar: steek ze in een stemcomputer en typ daar de activeringscode.', activationCode: card.code };
    });
  }

  issueTestCard(category: string): Promise<ActionResult> {
    return this.#issueVoterCard(category, { test: true, proxy: false, replacement: false }, ['preparation', 'open']);
  }

  /** A card for exactly the elections of the voter's category; for a proxy, the proxy-giver's category. */
  issueVoterCard(category: string, options: { proxy?: boolean } = {}): Promise<ActionResult> {
    return this.#issueVoterCard(category, { test: false, proxy: options.proxy ?? false, replacement: false }, ['preparation', 'open']);
  }

  /** Decree art. 17 §2: the ballot is annulled and the voter gets a new card. */
  annulBallot(reason: AnnulReason, category: string): Promise<ActionResult> {
    return this.#serial.run(async () => {
      if (!(ANNUL_REASONS as readonly string[]).includes(reason)) return { ok: false, error: 'bad-input', message: 'Kies de reden van de annulering.' };
      const refused = this.#canWrite(['open']);
      if (refused) return refused;
      if (!this.#category(category)) return { ok: false, error: 'unknown-category', message: 'Onbekende kiezerscategorie.' };
      if (!(await this.#append({ type: 'ballot-annulled', reason, category }))) return { ok: false, error: 'halted', message: this.#halt?.message ?? 'De stemming is onderbroken.' };
      this.#logVoter('ballot-annulled', reason);
      const card = await this.#writeVoterCard(category, { test: false, proxy: false, replacement: true });
      if (!card.ok) return { ok: false, error: card.error, message: `Het stembiljet is geannuleerd. ${card.message} Maak daarna een vervangkaart.` };
      return card;
    });
  }

  /** A replacement card on its own (when writing it failed right after the annulment). */
  issueReplacementCard(category: string): Promise<ActionResult> {
    return this.#issueVoterCard(category, { test: false, proxy: false, replacement: true }, ['open']);
  }

  #issueVoterCard(category: string, kind: { test: boolean; proxy: boolean; replacement: boolean }, phases: ReadonlyArray<Phase['kind']>): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const refused = this.#canWrite(phases);
      if (refused) return refused;
      return this.#writeVoterCard(category, kind);
    });
  }

  async #writeVoterCard(category: string, kind: { test: boolean; proxy: boolean; replacement: boolean }): Promise<ActionResult> {
    const pkg = this.#pkg as VerifiedPackage;
    const view = this.#category(category);
    if (!view) return { ok: false, error: 'unknown-category', message: 'Onbekende kiezerscategorie.' };
    const card = voterCardBytes(pkg, this.#o.station, category, kind.test, this.#signer as Signer);
    if (!card) return { ok: false, error: 'unknown-category', message: `${view.name}: deze kiezers stemmen niet in dit stembureau.` };
    const written = await writeCard(this.#o.cardWriter, card.bytes);
    if (!written.ok) return { ok: false, error: 'card', message: written.message };
    // The card is in the voter's hand now: the event is kept even if a stick fails here.
    await this.#append(kind.test ? { type: 'test-card', category } : { type: 'voter-card', category, proxy: kind.proxy, replacement: kind.replacement });
    this.#lastCard = { kind: kind.test ? 'test' : 'voter', category, categoryName: view.name, elections: view.elections.map((e) => e.title), proxy: kind.proxy, replacement: kind.replacement };
    this.#logVoter('card-written', kind.test ? 'test' : 'voter');
    const what = kind.test ? 'Testkaart' : kind.replacement ? 'Vervangkaart' : kind.proxy ? 'Volmachtkaart' : 'Stemkaart';
    return { ok: true, message: `${what} klaar — ${view.name}: ${view.elections.map((e) => e.title).join(', ')}.` };
  }

  #category(id: string): CategoryView | undefined {
    return this.#categories().find((c) => c.id === id);
  }

  #categories(): CategoryView[] {
    const pkg = this.#pkg;
    if (!pkg) return [];
    return pkg.election.voterCategories
      .map((c) => ({ id: c.id, name: c.name.nl, elections: electionsForCategory(pkg.election, this.#o.station, c.id).map((e) => ({ id: e.id, title: e.title })) }))
      .filter((c) => c.elections.length > 0);
  }

  // ---- opening and closing of the vote -----------------------------------------------------

  /** Decree art. 14: counter at zero, box empty (reported by the box and seen by the president). */
  openVoting(boxChecked: boolean): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const refused = this.#canWrite(['preparation']);
      if (refused) return refused;
      const pair = this.#pair as StickPair;
      if (pair.registered !== 0) return { ok: false, error: 'cannot-open', message: `De teller staat niet op nul (${pair.registered}). Verwittig de technische ondersteuning.` };
      if (!this.#boxEmptyRecorded()) return { ok: false, error: 'cannot-open', message: 'De stembus heeft nog niet gemeld dat ze leeg is. Koppel de stembus met het koppelticket en laat ze de lege bak melden.' };
      if (!boxChecked) return { ok: false, error: 'cannot-open', message: 'Bevestig dat u de stembus leeg hebt gezien en verzegeld.' };
      if (!(await this.#append({ type: 'voting-opened' }))) return { ok: false, error: 'halted', message: this.#halt?.message ?? 'De stemming is onderbroken.' };
      this.#log('voting-opened');
      await this.#print('opening');
      return { ok: true, message: 'De stemming is geopend.' };
    });
  }

  #boxEmptyRecorded(): boolean {
    return this.#pair?.events.some((e) => e.type === 'box-empty') ?? false;
  }

  /** Decree art. 21: the box refuses everything from now, the closing record goes on both sticks. */
  close(input: CloseInput): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const refused = this.#canWrite(['preparation', 'open', 'closing']);
      if (refused) return refused;
      for (const n of [input.annulledBallots, input.testBallots]) {
        if (!Number.isInteger(n) || n < 0 || n > 100_000) return { ok: false, error: 'bad-input', message: 'Vul de aantallen in als gehele getallen (0 of meer).' };
      }
      const pair = this.#pair as StickPair;
      const r = await pair.close(input);
      if (!r.ok) {
        if ('failure' in r) {
          this.#haltOnFailure(r.failure);
          return { ok: false, error: 'halted', message: this.#halt?.message ?? 'Een stick faalt.' };
        }
        this.#fatal = r.problem.message;
        return { ok: false, error: 'stick', message: r.problem.message };
      }
      this.#log('voting-closed');
      await this.#print('pv');
      await this.#print('kerncijfers');
      return { ok: true, message: 'De stemming is afgesloten. Verwijder nu de twee sticks en steek ze met het kerncijferrapport in de omslag.' };
    });
  }

  // ---- incidents and alerts ----------------------------------------------------------------

  recordIncident(input: IncidentInput, id?: number): Promise<ActionResult> {
    return this.#serial.run(async () => {
      const refused = this.#canWrite(['preparation', 'open', 'closing']);
      if (refused) return refused;
      if (!(INCIDENT_KINDS as readonly string[]).includes(input.kind)) return { ok: false, error: 'bad-input', message: 'Kies het soort incident.' };
      const description = input.description.trim();
      if (description.length === 0 || description.length > MAX_TEXT) return { ok: false, error: 'bad-input', message: `Beschrijf het incident (hoogstens ${MAX_TEXT} tekens).` };
      for (const t of [input.calledAt, input.repairedAt]) if (t !== null && Number.isNaN(Date.parse(t))) return { ok: false, error: 'bad-input', message: 'Ongeldig tijdstip.' };
      const known = (this.#pair as StickPair).incidents;
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
      return ok ? { ok: true, message: 'Het incident is genoteerd voor het proces-verbaal.' } : { ok: false, error: 'halted', message: this.#halt?.message ?? 'De stemming is onderbroken.' };
    });
  }

  dismissAlert(id: number): void {
    this.#alerts = this.#alerts.filter((a) => a.id !== id);
  }

  // ---- the link with the ballot box --------------------------------------------------------

  /** What the link needs once the password opened the session: the link key, the stembureau key, the package. */
  linkCredentials(): LinkCredentials | undefined {
    const pair = this.#pair;
    if (!pair || !this.#linkKey || !this.#signer) return undefined;
    return { linkKey: this.#linkKey, stembureau: this.#signer, hashPrefix: pair.pkg.hash.subarray(0, HASH_PREFIX_BYTES) };
  }

  /**
   * A device on the cable completed the link's handshake: it holds the link key of this opening.
   * Normally the box, once at pairing and again after a restart of either; every one is in the PV,
   * so a second device on the cable, or a copy of the koppelticket in use, does not go unseen.
   */
  boxPaired(): Promise<void> {
    return this.#serial.run(async () => {
      this.#box.connected = true;
      this.#log('box-paired');
      if (!this.#halt && this.phase.kind !== 'closed') await this.#append({ type: 'box-paired' });
    });
  }

  linkStatus(): LinkStatus | undefined {
    const pair = this.#pair;
    if (!pair) return undefined;
    const gate = this.#gate();
    return {
      phase: gate === 'halted' ? 'halted' : gate === 'closed' ? 'closed' : gate,
      station: this.#o.station,
      packageHash: toHex(pair.pkg.hash),
      sessionCertificate: toBase64(pair.sessionCertificate),
      boxEmptyRecorded: this.#boxEmptyRecorded(),
    };
  }

  boxContact(): void {
    this.#box.connected = true;
  }

  /** `attemptId`: the box's id for this ballot, the same in every resend (see @ovs/link). */
  async registerBallot(bytes: Uint8Array, attemptId: string): Promise<RegisterOutcome> {
    const pair = this.#pair;
    if (!pair || !this.#context || !this.#sessionVerifier) return { outcome: 'rejected', reason: 'voting-not-open' };
    const r = await registerScannedBallot({ gate: this.#gate(), context: this.#context, station: this.#o.station, sessionVerifier: this.#sessionVerifier, pair, onOneStick: this.#onOneStick, attempts: this.#attempts }, bytes, attemptId);
    if (r.storedOnA) this.#onOneStick.add(r.storedOnA);
    if (r.write?.outcome === 'failed') this.#haltOnFailure(r.write.failure);
    if (r.write?.outcome === 'full') this.#haltFor('A', 'full');
    // Outcomes only: never the ballot id, never the vote.
    if (r.outcome.outcome === 'rejected') this.#logVoter('registration-refused', r.outcome.reason);
    return r.outcome;
  }

  boxEvent(event: BoxEvent): Promise<void> {
    return this.#serial.run(async () => {
      if (!this.#pair) return;
      const writable = !this.#halt && this.phase.kind !== 'closed';
      switch (event.kind) {
        case 'refused':
          this.#alert(`Stembus weigerde een stembiljet: ${BOX_REFUSAL_MESSAGES[event.reason]}`);
          if (writable) await this.#append({ type: 'box-refusal', reason: event.reason });
          break;
        case 'box-empty':
          if (writable && !this.#boxEmptyRecorded()) await this.#append({ type: 'box-empty' });
          break;
        case 'deposit-sensed':
          // One per ballot: counted in memory only, never logged (it would time each vote).
          this.#box.deposits++;
          break;
        case 'deposit-timeout':
          this.#alert('Een kiezer heeft het stembiljet niet in de stembus gestoken: laat het opnieuw scannen.');
          break;
        case 'cover-opened':
          this.#alert('Het deksel van de stembus werd geopend.');
          if (writable) await this.#append({ type: 'box-alert', kind: 'cover-opened', detail: '' });
          break;
        case 'fault':
          this.#alert(`Storing aan de stembus (${event.device}): ${event.detail}`);
          if (writable) await this.#append({ type: 'box-alert', kind: event.device, detail: event.detail.slice(0, 500) });
          break;
      }
    });
  }

  // ---- test mode ---------------------------------------------------------------------------

  /** Set by start.ts (self-test/attach.ts): the devices' tests and the printed report (kept apart: no device test logic here). */
  selfTester: ((context: ConsoleTestContext) => Promise<{ report: ConsoleTestReport; printed: { ok: true } | { ok: false; message: string } }>) | undefined;

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
        const tester = this.selfTester;
        if (!tester) return { ok: false, error: 'not-attached', message: 'Deze voorzitterscomputer heeft geen testmodus.' };
        const station = this.#pkg ? findStation(this.#pkg.election, this.#o.station) : undefined;
        const run = await tester({ phase, station: this.#o.station, stationName: station?.name, packageShortHash: this.#pkg?.shortHash, software: this.#o.software, at: this.#now() });
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
      const s = this.#sticks[port];
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

  /** Set by the report module (kept apart so the core has no PDF or printer layout in it). */
  printer: ((kind: ReportKind) => Promise<ActionResult>) | undefined;

  print(kind: ReportKind): Promise<ActionResult> {
    return this.#serial.run(() => this.#print(kind));
  }

  async #print(kind: ReportKind): Promise<ActionResult> {
    const printed: ActionResult = this.printer ? await this.printer(kind) : { ok: false, error: 'printer', message: 'Geen printer ingesteld.' };
    // The koppelticket's QR holds the link key: every copy that left the printer is in the PV.
    if (kind === 'pairing' && printed.ok) {
      this.#log('pairing-printed');
      await this.#append({ type: 'pairing-printed' });
    }
    return printed;
  }

  /** What the reports are made of (see reports/content.ts). */
  reportData(): ReportData | undefined {
    const pair = this.#pair;
    const pkg = this.#pkg;
    if (!pair || !pkg) return undefined;
    const station = findStation(pkg.election, this.#o.station);
    if (!station) return undefined;
    return {
      pkg,
      station,
      events: pair.events,
      counters: this.#counters() as Counters,
      closing: pair.closing,
      storeHash: pair.storeHash(),
      software: this.#o.software,
      sessionCertificate: pair.sessionCertificate,
      pairingCode: this.pairingCode(),
      sticks: { A: this.#sticks.A, B: this.#sticks.B },
      now: this.#now(),
    };
  }

  // ---- snapshot ----------------------------------------------------------------------------

  #counters(): Counters | undefined {
    const pair = this.#pair;
    const pkg = this.#pkg;
    if (!pair || !pkg) return undefined;
    const c = pair.counts;
    const closing = pair.closing;
    const titles = new Map(pkg.election.elections.map((e) => [e.id, e.title]));
    const perElection = closing ? closing.registeredPerElection : pair.registeredPerElection;
    return {
      cardsPerCategory: c.cardsPerCategory,
      proxyPerCategory: c.proxyPerCategory,
      replacementCards: c.replacementCards,
      testCards: c.testCards,
      activationCards: c.activationCards,
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
    const pkg = this.#pkg;
    const station = pkg ? findStation(pkg.election, this.#o.station) : undefined;
    const pair = this.#pair;
    const closing = pair?.closing;
    const incidents: IncidentView[] = [];
    if (pair) {
      const first = new Map<number, string>();
      for (const e of pair.events) if (e.type === 'incident' && !first.has(e.id)) first.set(e.id, e.at);
      for (const i of pair.incidents) incidents.push({ id: i.id, kind: i.kind, description: i.description, calledAt: i.calledAt, repairedAt: i.repairedAt, reportedAt: first.get(i.id) ?? i.at });
    }
    return {
      phase: this.phase,
      halt: this.#halt,
      station: station ? { number: station.number, name: station.name } : undefined,
      electionDate: pkg?.election.electionDate,
      municipality: pkg?.election.municipality.name,
      packageShortHash: pkg?.shortHash,
      softwareShortHash: shortHash(this.#o.software),
      sticks: { A: this.#stickView('A'), B: this.#stickView('B') },
      categories: this.#categories(),
      counters: this.#counters(),
      box: { connected: this.#box.connected, emptyRecorded: this.#boxEmptyRecorded(), deposits: this.#box.deposits },
      alerts: [...this.#alerts],
      incidents,
      lastCard: this.#lastCard,
      closing: closing
        ? { closedAt: closing.closedAt, storeShortHash: shortHash(closing.store.sha256), closingShortHash: this.#closingShortHash(), registered: closing.registeredBallots }
        : undefined,
      unlocking: this.#unlocking,
      selfTest: { running: this.#selfTest.running, last: this.#selfTest.last },
    };
  }

  /** A stick judged blank at insertion is in use once the session started on it. */
  #stickView(port: StickPort): StickStatus {
    const s = this.#sticks[port];
    const pair = this.#pair;
    if (s.kind !== 'ready' || !pair) return s;
    return { ...s, state: pair.phase === 'closed' ? 'closed' : 'in-use' };
  }

  #closingShortHash(): string {
    const c = this.#pair?.closing;
    return c ? shortHash(closingHash(c)) : '';
  }

  async stop(): Promise<void> {
    await this.#serial.run(async () => {
      this.#stopped = true;
      await this.#pair?.release();
    });
  }
}

const closingHash = (c: ClosingRecord): Uint8Array => sha256(encodeClosingRecord(c));
