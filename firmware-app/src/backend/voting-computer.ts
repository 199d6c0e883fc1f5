// The voting computer's backend: it holds the flow state, turns what the devices report into
// flow events, and carries out the flow's effects (mark the card, sign and print, alarm).
// Everything that changes the state goes through one queue, in order. The vote lives here
// only inside the flow state, from the first touch to the end of the print, and nowhere else:
// no log line, no file, no cache carries it.
import { bytesEqual, fromBase64, randomBytes, sha256, toHex, Verifier } from '@ovs/crypto';
import { erasedActivationCard, openActivationCard } from '@ovs/card';
import { createBallotContext, openSignedBallot, type BallotContext } from '@ovs/ballot';
import { findStation, type Language, type VerifiedPackage } from '@ovs/election';
import { encodeVcAlarm, encodeVcSoftware, VC_ALARM_ID_BYTES, type VcAlarm } from '@ovs/link';
import type { Alarm, CardReader, CardReaderEvent, HandScanner, SelfTestCheck, SelfTestPhase, ThermalPrinter, Timers } from '@ovs/devices';
import {
  initialState,
  MAX_CODE_ATTEMPTS,
  screenOf,
  step,
  type AlarmReason,
  type Effect,
  type FlowContext,
  type FlowEvent,
  type FlowState,
  type PendingBallot,
  type PrinterReadiness,
  type Rejection,
  type VoterAction,
} from '../flow/index.ts';
import type { ActionResponse, ScreenMessage, TechnicianResponse } from '../api/protocol.ts';
import { isTechnicianCard } from '../technician/technician-card.ts';
import type { TechnicianAction } from '../technician/view.ts';
import { ballotJob } from './ballot-job.ts';
import { deviceAlarmReason, printerReadiness, printFailure, visualisationOf } from './device-events.ts';
import { checkCard, type OfferedCard, type SessionKey, type StationKeys } from './card-check.ts';
import { createTechnicianHost, type TechnicianHost } from './technician-host.ts';
import type { StemcomputerTestReport } from '../technician/report.ts';
import type { Logger } from './log.ts';

/** VVSG 2.0: warn after 2–5 minutes without a touch, reset 20–45 s later. */
export const INACTIVITY = { warningMs: 3 * 60_000, resetMs: 30_000 };

export interface VotingComputerDevices {
  printer: ThermalPrinter;
  cardReader: CardReader;
  alarm: Alarm;
  /** Only the machine of the polling station that has one (seed 002 II.A.3.3). */
  handScanner?: HandScanner;
}

/** What the test mode needs from whoever starts the machine (start.ts fills it in). */
export interface TechnicianOptions {
  /** The software hash with its standing against the package's release (checkSoftware), for the test report. */
  software?: string;
  /** The election package checked again (from disk, against the organiser's key); default: the check made at start-up. */
  verifyPackage?: () => Promise<SelfTestCheck>;
  /** The simulated printer's last ticket as a PNG (simulation only: its paper is a picture). */
  lastPrintedPicture?: () => Uint8Array | undefined;
  /** How long the technician has to hold the test ballot under the hand scanner. Default 15 s. */
  scanWaitMs?: number;
  /** A touch target nobody touches within this time counts as not reacting. Default 60 s. */
  touchTimeoutMs?: number;
  now?: () => Date;
}

export type EnterTechnicianResult = { ok: true } | { ok: false; error: 'activated' | 'not-at-rest' | 'card-present' | 'stopped' };

export interface VotingComputerOptions {
  verified: VerifiedPackage;
  station: number;
  devices: VotingComputerDevices;
  /** The clock for the inactivity timers (tests step it by hand). */
  timers: Timers;
  inactivity?: { warningMs: number; resetMs: number };
  log: Logger;
  technician?: TechnicianOptions;
  /** Where this machine's alarms go to the president's console (HARDWARE.md "Alarm"), and its name there. */
  console?: ConsoleAlarms;
  /** SHA-256 of this machine's software bundle: reported to the console after each activation (decree art. 4 §3). */
  software?: Uint8Array;
}

/** The voting computer's side of the alarm link: its name on the console and how bytes reach it. */
export interface ConsoleAlarms {
  machine: string;
  /** Posts a signed alarm; false when the console did not take it. */
  send: (bytes: Uint8Array) => Promise<boolean>;
  /** The clock whose hour the alarm carries (default: the machine's). */
  now?: () => Date;
}

/** The alarms the president must hear of at the console (paper out, card problem, printer fault). */
const CONSOLE_ALARM: Record<AlarmReason, VcAlarm | undefined> = {
  'printer-paper-out': 'paper-out',
  'card-pulled': 'card',
  'card-write-failed': 'card',
  'printer-cover-open': 'printer',
  'printer-offline': 'printer',
  'printer-error': 'printer',
  'print-failed': 'printer',
  'too-many-invalid-actions': undefined,
  inactivity: undefined,
};

export class VotingComputer {
  readonly flow: FlowContext;
  readonly #context: BallotContext;
  readonly #keys: StationKeys;
  readonly #devices: VotingComputerDevices;
  readonly #timers: Timers;
  readonly #inactivity: { warningMs: number; resetMs: number };
  readonly #log: Logger;
  readonly #console: ConsoleAlarms | undefined;
  readonly #software: Uint8Array | undefined;
  #state: FlowState = initialState();
  #seq = 1;
  #session: SessionKey | undefined;
  /** The activation card in the slot while its code is typed and checked. */
  #offered: OfferedCard | undefined;
  /** The key its code just opened, until the flow says to adopt it. */
  #opened: SessionKey | undefined;
  /** Wrong codes per activation card (SHA-256 of its payload), memory only: a refused card stays refused here. */
  readonly #codeFailures = new Map<string, number>();
  #queue: Promise<void> = Promise.resolve();
  readonly #waiters = new Set<() => void>();
  #timer: ReturnType<Timers['setTimeout']> | undefined;
  #timerGeneration = 0;
  readonly #unsubscribe: Array<() => void> = [];
  #stopped = false;
  /** The test mode (never open while activated). */
  readonly #technician: TechnicianHost;

  constructor(options: VotingComputerOptions) {
    const station = findStation(options.verified.election, options.station);
    if (!station) throw new Error(`polling station ${options.station} is not in the election package`);
    const stembureauPublicKey = fromBase64(station.stembureauKey.publicKey);
    const stembureau = stembureauPublicKey ? Verifier.from(stembureauPublicKey) : undefined;
    if (!stembureauPublicKey || !stembureau) throw new Error(`polling station ${options.station}: invalid stembureau key in the package`);
    this.#context = createBallotContext(options.verified);
    this.flow = { pkg: options.verified.election, station: options.station };
    this.#keys = { pkg: options.verified.election, station: options.station, hashPrefix: this.#context.hashPrefix, stembureauPublicKey, stembureau };
    this.#devices = options.devices;
    this.#timers = options.timers;
    this.#inactivity = options.inactivity ?? INACTIVITY;
    this.#log = options.log;
    this.#console = options.console;
    this.#software = options.software;
    this.#technician = createTechnicianHost({
      verified: options.verified,
      station: options.station,
      context: this.#context,
      devices: options.devices,
      timers: options.timers,
      options: options.technician ?? {},
      log: options.log,
      changed: () => this.#screenChanged(),
    });
    this.#unsubscribe.push(options.devices.cardReader.onEvent((e) => void this.#enqueue(() => this.#onCardEvent(e))));
    if (options.devices.handScanner) {
      this.#unsubscribe.push(options.devices.handScanner.onScan((scan) => void this.#enqueue(() => this.#onScan(scan.bytes))));
    }
    this.#log('started', { station: options.station, package: options.verified.shortHash, handScanner: options.devices.handScanner !== undefined });
  }

  /** The screen as the UI shows it. */
  screen(): ScreenMessage {
    const screen = screenOf(this.flow, this.#state);
    // The test mode covers the "not activated" screen; the flow stays where it was.
    const view = this.#technician.view;
    if (view) return { seq: this.#seq, screen: { ...screen, body: { kind: 'technician', view } } };
    return { seq: this.#seq, screen };
  }

  /** Resolves with the screen once its number exceeds `after` (or after `maxWaitMs`). */
  async next(after: number, maxWaitMs = 25_000): Promise<ScreenMessage> {
    if (this.#seq > after || this.#stopped) return this.screen();
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#waiters.delete(done);
        clearTimeout(timeout);
        resolve();
      };
      // A real-time wait for an HTTP client, not a device timer: not on the injected clock.
      const timeout = setTimeout(done, maxWaitMs);
      this.#waiters.add(done);
    });
    return this.screen();
  }

  /** One touch, made on screen `seq`. */
  act(seq: number, action: VoterAction): Promise<ActionResponse> {
    return this.#enqueue((): ActionResponse => {
      if (seq !== this.#seq) return { ok: false, error: 'stale', ...this.screen() };
      const rejected = this.#dispatch({ type: 'voter', action });
      return rejected ? { ok: false, error: 'rejected', rejection: rejected, ...this.screen() } : { ok: true, ...this.screen() };
    });
  }

  /** One touch on the technician screen, made on screen `seq`. */
  technicianAct(seq: number, action: TechnicianAction): Promise<TechnicianResponse> {
    return this.#enqueue((): TechnicianResponse => {
      if (seq !== this.#seq) return { ok: false, error: 'stale', ...this.screen() };
      const outcome = this.#technician.act(action);
      switch (outcome) {
        case 'done':
          return { ok: true, ...this.screen() };
        case 'rejected':
          return { ok: false, error: 'rejected', ...this.screen() };
        case 'leave':
          this.#technician.leave();
          return { ok: true, ...this.screen() };
        case 'not-open':
          return { ok: false, error: 'not-in-test-mode', ...this.screen() };
        default:
          return outcome satisfies never;
      }
    });
  }

  /**
   * Opens the test mode without a technician card (the CLI on the machine itself, tests): only
   * when the machine is not activated, at rest, and holds no card but a technician card.
   */
  enterTechnicianMode(options: { phases?: SelfTestPhase[] } = {}): Promise<EnterTechnicianResult> {
    return this.#enqueue(async (): Promise<EnterTechnicianResult> => {
      if (this.#stopped) return { ok: false, error: 'stopped' };
      if (this.#technician.open) return { ok: true };
      const refused = this.#technicianRefusal();
      if (refused) return { ok: false, error: refused };
      if (this.#devices.cardReader.status().kind === 'card-present' && !isTechnicianCard(await this.#devices.cardReader.read())) return { ok: false, error: 'card-present' };
      this.#technician.enter('command', options.phases ?? ['fase-1', 'fase-2']);
      return { ok: true };
    });
  }

  /** The last test report (memory only: it is printed, and the CLI writes it out). */
  get lastTestReport(): StemcomputerTestReport | undefined {
    return this.#technician.lastReport;
  }

  /** Resolves with the report of the next test run that ends (undefined if it stopped on an internal error, or the test mode was left). */
  nextTestReport(): Promise<StemcomputerTestReport | undefined> {
    return this.#technician.nextReport();
  }

  #technicianRefusal(): 'activated' | 'not-at-rest' | undefined {
    // Never beside a session key: a vote may be in progress, or the machine is ready for one.
    if (this.#session !== undefined) return 'activated';
    if (this.#state.phase.kind !== 'not-activated') return 'not-at-rest';
    return undefined;
  }

  #screenChanged(): void {
    this.#seq++;
    this.#notify();
  }

  /** True when an activation card has been accepted (the session key is in memory). */
  get activated(): boolean {
    return this.#session !== undefined;
  }

  /** Waits until every queued event has been handled (tests, orderly stop). */
  settle(): Promise<void> {
    return this.#enqueue(() => undefined);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const off of this.#unsubscribe) off();
    this.#clearTimer();
    this.#technician.stop();
    await this.settle();
    this.#state = initialState();
    this.#session = undefined;
    this.#offered = undefined;
    this.#opened = undefined;
    this.#notify();
  }

  /**
   * Everything this backend holds, for the no-trace test: after a voter it must contain no
   * trace of the vote. (The session key is reported by presence only.)
   */
  inspect(): Record<string, unknown> {
    return {
      state: this.#state,
      seq: this.#seq,
      session: this.#session ? 'present' : 'absent',
      offered: this.#offered ? 'present' : 'absent',
      opened: this.#opened ? 'present' : 'absent',
      codeFailures: this.#codeFailures.size,
      waiters: this.#waiters.size,
      timer: this.#timer ? 'armed' : 'none',
      technician: this.#technician.view?.step ?? 'none',
    };
  }

  #enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    // The queue goes on whatever one task does; the caller sees its own failure.
    this.#queue = run.then(
      () => undefined,
      (e: unknown) => this.#log('internal-error', { message: e instanceof Error ? e.message : String(e) }),
    );
    return run;
  }

  #notify(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Applies one event; returns the rejection of a voter action, if any. */
  #dispatch(event: FlowEvent): Rejection | undefined {
    if (this.#stopped) return undefined;
    const before = this.#state;
    const r = step(this.flow, before, event);
    this.#state = r.state;
    if (r.state !== before) {
      this.#seq++;
      this.#logTransition(before, r.state);
      this.#notify();
    }
    this.#armTimers(before, event);
    // The sealed card is kept only while its code is typed or checked.
    if (r.state.phase.kind !== 'activation-code' && r.state.phase.kind !== 'checking-code') this.#offered = undefined;
    for (const effect of r.effects) this.#perform(effect);
    return r.rejected;
  }

  #logTransition(before: FlowState, after: FlowState): void {
    const a = after.phase;
    if (before.phase.kind === a.kind) return;
    switch (a.kind) {
      case 'voting':
        // Not the number of elections: it would name the voter's category.
        this.#log('session-started', { test: a.session.test });
        break;
      case 'alarm':
        this.#log('alarm', { reason: a.reason, ballot: a.ballot });
        this.#tellConsole(a.reason);
        break;
      case 'card-refused':
        this.#log('card-refused', { reason: a.refusal });
        break;
      case 'printed':
        this.#log('ballot-printed', { test: a.test });
        break;
      case 'activated':
        this.#log(a.after === 'activation' ? 'activated' : a.after === 'alarm-reset' ? 'alarm-reset' : 'president-card', { card: a.card });
        break;
      case 'not-activated':
        if (a.refusal) this.#log('activation-refused', { reason: a.refusal });
        break;
      case 'activation-code':
        if (before.phase.kind !== 'checking-code') this.#log('activation-code-asked', { attemptsLeft: a.attemptsLeft });
        break;
      case 'checking-code':
        break;
      case 'visualising':
        this.#log('visualised', a.visualisation.ok ? { ok: true } : { ok: false, error: a.visualisation.error });
        break;
      case 'idle':
      case 'finishing':
        break;
      default:
        a satisfies never;
    }
  }

  /** Signed with the session key of the activation card: the console believes nothing else. */
  #tellConsole(reason: AlarmReason): void {
    const kind = CONSOLE_ALARM[reason];
    const link = this.#console;
    const session = this.#session;
    if (!kind || !link || !session) return;
    const bytes = encodeVcAlarm({ kind, machine: link.machine, id: randomBytes(VC_ALARM_ID_BYTES), at: (link.now ?? (() => new Date()))() }, { hashPrefix: this.#keys.hashPrefix, station: this.#keys.station }, session.signer);
    void link.send(bytes).then(
      (sent) => this.#log('alarm-to-console', { kind, sent }),
      () => this.#log('alarm-to-console', { kind, sent: false }),
    );
  }

  /** After an activation: what this machine runs, for the sticks (the console records it once per machine). */
  #reportSoftware(): void {
    const link = this.#console;
    const session = this.#session;
    const sha256 = this.#software;
    if (!link || !session || !sha256) return;
    const bytes = encodeVcSoftware({ machine: link.machine, id: randomBytes(VC_ALARM_ID_BYTES), at: (link.now ?? (() => new Date()))(), sha256 }, { hashPrefix: this.#keys.hashPrefix, station: this.#keys.station }, session.signer);
    void link.send(bytes).then(
      (sent) => this.#log('software-to-console', { sent }),
      () => this.#log('software-to-console', { sent: false }),
    );
  }

  #perform(effect: Effect): void {
    switch (effect.kind) {
      case 'mark-card-used':
        void this.#devices.cardReader.markUsed().then((r) => {
          if (!r.ok) this.#log('card-mark-failed', { error: r.error });
          return this.#enqueue(() => void this.#dispatch({ type: 'card-marked', ok: r.ok }));
        });
        break;
      case 'print':
        void this.#print(effect.ballot).then((result) => this.#enqueue(() => void this.#dispatch({ type: 'printed', result })));
        break;
      case 'alarm': {
        const phase = this.#state.phase;
        const reason = phase.kind === 'alarm' ? deviceAlarmReason(phase.reason) : 'other';
        void (effect.sounding ? this.#devices.alarm.raise(reason) : this.#devices.alarm.reset()).then((r) => {
          // The alarm shows on screen whatever the output does; a broken buzzer is logged.
          if (!r.ok) this.#log('alarm-output-failed', { error: r.error });
        });
        break;
      }
      case 'check-code':
        void this.#checkCode(effect.code, effect.last);
        break;
      case 'adopt-session':
        if (this.#opened) {
          this.#session = this.#opened;
          this.#reportSoftware();
        }
        this.#opened = undefined;
        break;
      default:
        effect satisfies never;
    }
  }

  /** scrypt outside the queue (half a second), then the card and the flow inside it. The code goes no further than here. */
  async #checkCode(code: string, last: boolean): Promise<void> {
    const offered = this.#offered;
    // A failing scrypt (no memory) must not leave the flow waiting: it counts as a code that did not open the card.
    const opened = offered ? await openActivationCard(offered.card, code).catch(() => undefined) : undefined;
    await this.#enqueue(async () => {
      // The card came out while scrypt ran: the flow has moved on, nothing is written.
      if (!offered || this.#offered !== offered || this.#state.phase.kind !== 'checking-code') return;
      if (!opened?.ok) {
        const fingerprint = toHex(sha256(offered.payload));
        this.#codeFailures.set(fingerprint, (this.#codeFailures.get(fingerprint) ?? 0) + 1);
        this.#log(opened === undefined ? 'activation-check-failed' : opened.error === 'key-mismatch' ? 'activation-key-mismatch' : 'activation-code-wrong', { last });
        const erased = last ? await this.#eraseCard(offered, undefined) : false;
        this.#dispatch({ type: 'code-checked', ok: false, erased });
        return;
      }
      const erased = await this.#eraseCard(offered, opened.value.alarmKey);
      this.#opened = { certificate: offered.card.certificate, signer: opened.value.session, verifier: offered.card.verifier, alarmKey: opened.value.alarmKey };
      this.#dispatch({ type: 'code-checked', ok: true, erased });
      this.#opened = undefined;
    });
  }

  /**
   * Overwrites the activation card so that it no longer holds the sealed key (the terminal
   * rewrites the whole payload area and reads it back). Only the card that was opened: it is
   * read again first, so a card put in its place is never touched.
   */
  async #eraseCard(offered: OfferedCard, alarmKey: Uint8Array | undefined): Promise<boolean> {
    const reader = this.#devices.cardReader;
    try {
      const again = await reader.read();
      if (!again.ok || !bytesEqual(again.value.payload, offered.payload)) {
        this.#log('card-erase-failed', { error: again.ok ? 'other-card' : again.error });
        return false;
      }
      const written = await reader.write(erasedActivationCard(this.#keys.hashPrefix, this.#keys.station, alarmKey));
      if (!written.ok) this.#log('card-erase-failed', { error: written.error });
      else this.#log('card-erased', { after: alarmKey ? 'activation' : 'too-many-codes' });
      return written.ok;
    } catch {
      this.#log('card-erase-failed', { error: 'no-reader' });
      return false;
    }
  }

  async #print(ballot: PendingBallot): Promise<Extract<FlowEvent, { type: 'printed' }>['result']> {
    const session = this.#session;
    if (!session) return { ok: false, reason: 'prepare-failed', partial: false };
    const prepared = ballotJob(this.#context, ballot, this.flow.station, session.signer, randomBytes(16));
    if (!prepared.ok) {
      this.#log('print-failed', { reason: 'prepare-failed' });
      return { ok: false, reason: 'prepare-failed', partial: false };
    }
    const r = await this.#devices.printer.print(prepared.job);
    if (r.ok) return { ok: true };
    this.#log('print-failed', { reason: r.error.code, stage: r.error.stage });
    return { ok: false, reason: printFailure(r), partial: r.error.stage === 'during' };
  }

  async #printerReadiness(): Promise<PrinterReadiness> {
    return printerReadiness(await this.#devices.printer.status());
  }

  async #onCardEvent(e: CardReaderEvent): Promise<void> {
    if (this.#technician.open) {
      // In test mode the card belongs to the test: taking it out leaves, unless a test is running.
      if (this.#technician.cardEvent(e) === 'leave') {
        this.#technician.leave();
        this.#dispatch({ type: 'card-removed' });
      }
      return;
    }
    switch (e.kind) {
      case 'inserted': {
        const read = await this.#devices.cardReader.read();
        if (!this.#technicianRefusal() && isTechnicianCard(read)) {
          this.#technician.enter('card', ['fase-1', 'fase-2']);
          break;
        }
        const printer = await this.#printerReadiness();
        const checked = checkCard(read, this.#keys, this.#session, printer, (payload) => MAX_CODE_ATTEMPTS - (this.#codeFailures.get(toHex(sha256(payload))) ?? 0));
        // Kept only if the flow now asks for its code (see #dispatch).
        this.#offered = checked.offered;
        this.#dispatch(checked.event);
        break;
      }
      case 'card-error':
        this.#dispatch({ type: 'voter-card', result: { ok: false, refusal: 'unreadable' }, printer: await this.#printerReadiness() });
        break;
      case 'removed':
        this.#dispatch({ type: 'card-removed' });
        break;
      case 'reader-lost':
        // The card can no longer be marked: for the flow the card is gone.
        this.#log('card-reader-lost', {});
        this.#dispatch({ type: 'card-removed' });
        break;
      case 'reader-found':
        this.#log('card-reader-found', {});
        break;
      default:
        e satisfies never;
    }
  }

  #onScan(bytes: Uint8Array): void {
    const phase = this.#state.phase.kind;
    // Only a machine at rest shows a scanned ballot; a voter's session is never interrupted.
    if (phase !== 'idle' && phase !== 'printed' && phase !== 'visualising') return;
    const session = this.#session;
    const opened = session ? openSignedBallot(this.#context, bytes, this.flow.station, [session.verifier]) : undefined;
    const visualisation = visualisationOf(opened, this.flow.pkg.languages[0] as Language);
    this.#dispatch({ type: 'scanned', visualisation });
  }

  #clearTimer(): void {
    if (this.#timer) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerGeneration++;
  }

  #arm(ms: number, event: 'inactivity-warning' | 'inactivity-timeout'): void {
    this.#clearTimer();
    const generation = this.#timerGeneration;
    this.#timer = this.#timers.setTimeout(() => {
      void this.#enqueue(() => {
        if (generation !== this.#timerGeneration) return;
        this.#timer = undefined;
        this.#dispatch({ type: event });
      });
    }, ms);
  }

  /** Inactivity counts only while a voter is voting; every touch starts it again. */
  #armTimers(before: FlowState, event: FlowEvent): void {
    if (this.#state.phase.kind !== 'voting') {
      if (this.#timer) this.#clearTimer();
      return;
    }
    if (event.type === 'inactivity-warning') this.#arm(this.#inactivity.resetMs, 'inactivity-timeout');
    else if (event.type === 'voter' || before.phase.kind !== 'voting') this.#arm(this.#inactivity.warningMs, 'inactivity-warning');
  }
}
