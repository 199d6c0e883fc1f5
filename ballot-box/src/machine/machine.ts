// The ballot box's behaviour as a pure state machine: `step(config, model, input, now)` returns
// the next model and the commands for the shell (box.ts) to carry out — register at the
// console, open the flap, set the LEDs, start a timer, tell the president. No I/O, no clock,
// no randomness here, so every path (link lost at each step, a slow voter, two scans at once)
// is a plain unit test.
//
//   idle (red) ──scan──▶ verifying ──▶ registering ──registered──▶ opening ──ACK──▶ flap-open (green)
//        ▲                  │               │  ▲ retry (same ballot: idempotent)          │
//        │                  ▼               ▼  │                                     deposit / timeout
//        └───── timer ── refused (red blinks, reason on screen) ◀──────────────────────────┘ (red)
//   closed: after the console closed voting, everything is refused, for the rest of the day.
//
// The one rule everything else serves: the flap opens only on the console's authenticated
// `registered` for this ballot — or on its `duplicate` answer when the box knows the earlier
// registration was its own (a retry after a lost answer, or the re-scan of the last ballot
// by a voter who was too slow, seed 001 §XIV.3).
import { bytesEqual, type Verifier } from '@ovs/crypto';
import type { BallotContext } from '@ovs/ballot';
import { decodePairingCode, isPairingCode, type BoxEvent, type ConsolePhase, type LinkCall, type LinkError, type LinkStatus, type PairingError, type RegisterOutcome } from '@ovs/link';
import type { BallotBoxEvent, BallotBoxResult, BallotBoxStatus, FlapCloseReason, LedMode } from '@ovs/devices';
import { checkBallot, type BallotCheck } from './check-ballot.ts';
import { readStatus, type SessionView, type StationKeys } from './console-session.ts';
import { consoleRefusal, FAULT_TEXT, FLAP_FAILED_ALERT, REFUSALS, type FaultCause, type RefusalReason } from './refusals.ts';

export interface MachineConfig {
  context: BallotContext;
  keys: StationKeys;
  /** How long the flap stays open for the voter (the controller closes it on a deposit). */
  flapOpenMs: number;
  /** How long the box keeps retrying a registration whose answer was lost before it gives up. */
  registerPatienceMs: number;
  retryDelayMs: number;
  /** A refusal stays on screen this long (or until the next scan). */
  refusalShowMs: number;
  noticeShowMs: number;
  /** The box closes the flap itself this long after the controller should have. */
  flapBackstopMs: number;
}

export const DEFAULT_TIMING = {
  flapOpenMs: 8000,
  registerPatienceMs: 10_000,
  retryDelayMs: 500,
  refusalShowMs: 15_000,
  noticeShowMs: 6000,
  flapBackstopMs: 1500,
} as const;

/** A verified ballot on its way to the console. `signed` and `id` live in memory only. */
export interface Pending {
  ticket: number;
  id: string;
  signed: Uint8Array;
  /**
   * The ticket under which this box first sent this ballot: the shell turns it into the link's
   * attempt id, the same for every resend and for a re-scan of an unresolved ballot, so the
   * console can answer "stored by your own request".
   */
  claim: number;
}

export type BoxState =
  | { kind: 'idle' }
  /** Verified as far as the box can alone; waiting for a fresh console status (session key, phase). */
  | { kind: 'verifying'; ticket: number; bytes: Uint8Array }
  | {
      kind: 'registering';
      pending: Pending;
      attempt: number;
      startedAt: number;
      /** An earlier attempt may have reached the console: from now on a duplicate is our own. */
      inDoubt: boolean;
      /** Between attempts (the retry timer runs). */
      waiting: boolean;
    }
  | { kind: 'opening'; pending: Pending; reopen: boolean }
  | { kind: 'flap-open'; pending: Pending; reopen: boolean }
  | { kind: 'refused'; ticket: number; reason: RefusalReason; cause: FaultCause | null };

export type LinkView =
  | { kind: 'unknown' }
  | { kind: 'ready'; phase: ConsolePhase; boxEmptyRecorded: boolean }
  /** The console answered, but with a session that is not this station's. */
  | { kind: 'bad-session'; error: Exclude<SessionView, { ok: true }>['error'] }
  | { kind: 'failed'; error: LinkError };

export interface ControllerView {
  connected: boolean;
  cover: 'open' | 'closed' | 'unknown';
  jammed: boolean;
}

export type Notice =
  | { kind: 'deposited' }
  /** The flap closed without a deposit: the voter scans the same ballot again (seed 001 §XIV.3). */
  | { kind: 'rescan' }
  /** Another ballot while one is being handled: one at a time. */
  | { kind: 'busy' }
  | { kind: 'multiple-codes' }
  | { kind: 'paired' }
  | { kind: 'pairing-refused'; error: PairingError }
  | { kind: 'scanner-fault' }
  | { kind: 'box-empty-sent' }
  | { kind: 'box-empty-refused' };

export interface BoxModel {
  state: BoxState;
  paired: boolean;
  link: LinkView;
  /** The certified session key of this opening; kept through link drops. */
  session: { verifier: Verifier; certificate: string } | null;
  controller: ControllerView;
  /** The last ballot whose flap this box opened, and whether a deposit followed. Memory only. */
  last: { id: string; deposited: boolean } | null;
  /** Ballots sent to the console without a definite answer, with their claim. Memory only, bounded. */
  unresolved: ReadonlyArray<{ id: string; claim: number }>;
  closedForDay: boolean;
  notice: { notice: Notice; ticket: number } | null;
  ticket: number;
  leds: { red: LedMode; green: LedMode } | null;
}

export type TimerName = 'retry' | 'backstop' | 'refusal' | 'notice';

export type Input =
  | { kind: 'start' }
  | { kind: 'decoded'; bytes: Uint8Array }
  /** A QR code was in view but could not be read (after the shell's grace period). */
  | { kind: 'unreadable' }
  | { kind: 'multiple-codes' }
  | { kind: 'scanner-fault'; detail: string }
  | { kind: 'status'; ticket: number | null; result: LinkCall<LinkStatus> }
  | { kind: 'register-answer'; ticket: number; result: LinkCall<RegisterOutcome> }
  | { kind: 'flap-answer'; ticket: number; result: BallotBoxResult }
  | { kind: 'controller-event'; event: BallotBoxEvent }
  | { kind: 'controller-status'; status: BallotBoxStatus }
  | { kind: 'timer'; timer: TimerName; ticket: number }
  | { kind: 'confirm-box-empty' };

/** What the box log records: outcomes and reasons, never a ballot id or a vote. */
export type LogEntry =
  | { kind: 'refused'; reason: RefusalReason; detail?: string }
  | { kind: 'registered' }
  | { kind: 'reopened' }
  | { kind: 'flap-open' }
  | { kind: 'deposit' }
  | { kind: 'flap-closed'; reason: FlapCloseReason | 'backstop' }
  | { kind: 'retry'; attempt: number; error: LinkError }
  | { kind: 'unresolved' }
  | { kind: 'phase'; phase: ConsolePhase }
  | { kind: 'link'; state: string }
  | { kind: 'paired' }
  | { kind: 'pairing-refused'; error: PairingError }
  | { kind: 'controller'; event: string }
  | { kind: 'notice'; notice: Notice['kind'] };

export type Command =
  | { kind: 'register'; ticket: number; claim: number; signed: Uint8Array }
  | { kind: 'fetch-status'; ticket: number | null }
  | { kind: 'open-flap'; ticket: number; ms: number }
  | { kind: 'close-flap' }
  | { kind: 'set-leds'; red: LedMode; green: LedMode }
  | { kind: 'tell-console'; event: BoxEvent }
  | { kind: 'use-link-key'; linkKey: Uint8Array }
  | { kind: 'start-timer'; timer: TimerName; ticket: number; ms: number }
  | { kind: 'log'; entry: LogEntry };

export interface Step {
  model: BoxModel;
  commands: Command[];
}

const MAX_UNRESOLVED = 64;

export function initialModel(paired: boolean): BoxModel {
  return {
    state: { kind: 'idle' },
    paired,
    link: { kind: 'unknown' },
    session: null,
    controller: { connected: false, cover: 'unknown', jammed: false },
    last: null,
    unresolved: [],
    closedForDay: false,
    notice: null,
    ticket: 0,
    leds: null,
  };
}

/** The one entry point: pure, total, never throws on any input. */
/** Refusals that only say the console was not open or not reachable: gone once it is open again. */
const STALE_WHEN_OPEN: ReadonlySet<RefusalReason> = new Set(['stick-unavailable', 'stick-full', 'voting-not-open', 'console-unreachable', 'console-not-ready']);

export function step(config: MachineConfig, model: BoxModel, input: Input, now: number): Step {
  const s = new Stepper(config, model, now);
  s.handle(input);
  return s.finish();
}

/** LEDs per state: red while the box waits or refuses (blinking on a refusal), green only while the flap is open. */
export function ledsFor(state: BoxState): { red: LedMode; green: LedMode } {
  switch (state.kind) {
    case 'idle':
    case 'verifying':
    case 'registering':
    case 'opening':
      return { red: 'on', green: 'off' };
    case 'flap-open':
      return { red: 'off', green: 'blink' };
    case 'refused':
      return { red: 'blink', green: 'off' };
    default:
      return state satisfies never;
  }
}

/** Is the box in the middle of a ballot (between a scan and the flap's answer)? */
export function isBusy(state: BoxState): boolean {
  switch (state.kind) {
    case 'verifying':
    case 'registering':
    case 'opening':
      return true;
    case 'idle':
    case 'flap-open':
    case 'refused':
      return false;
    default:
      return state satisfies never;
  }
}

class Stepper {
  private m: BoxModel;
  private readonly out: Command[] = [];
  private readonly wasClosed: boolean;

  constructor(
    private readonly c: MachineConfig,
    model: BoxModel,
    private readonly now: number,
  ) {
    this.m = model;
    this.wasClosed = model.closedForDay;
  }

  finish(): Step {
    // Closing is for the rest of the day (closedForDay): the box at rest then shows "closed", and
    // a refusal still on screen from before the close gives way to it at once.
    const justClosed = this.m.closedForDay && !this.wasClosed;
    if (justClosed && this.m.state.kind === 'refused' && this.m.state.reason !== 'voting-closed') this.set({ state: { kind: 'idle' } });
    const leds = ledsFor(this.m.state);
    if (!this.m.leds || this.m.leds.red !== leds.red || this.m.leds.green !== leds.green) {
      this.set({ leds });
      this.emit({ kind: 'set-leds', ...leds });
    }
    return { model: this.m, commands: this.out };
  }

  handle(input: Input): void {
    switch (input.kind) {
      case 'start':
        if (this.m.paired) this.emit({ kind: 'fetch-status', ticket: null });
        return;
      case 'decoded':
        return this.onDecoded(input.bytes);
      case 'unreadable':
        return this.onUnreadable();
      case 'multiple-codes':
        if (this.m.state.kind === 'idle' || this.m.state.kind === 'refused') this.notify({ kind: 'multiple-codes' });
        return;
      case 'scanner-fault':
        this.notify({ kind: 'scanner-fault' });
        this.emit({ kind: 'tell-console', event: { kind: 'fault', device: 'scanner', detail: input.detail.slice(0, 200) } });
        return;
      case 'status':
        return this.onStatus(input.ticket, input.result);
      case 'register-answer':
        return this.onRegisterAnswer(input.ticket, input.result);
      case 'flap-answer':
        return this.onFlapAnswer(input.ticket, input.result);
      case 'controller-event':
        return this.onControllerEvent(input.event);
      case 'controller-status':
        return this.onControllerStatus(input.status);
      case 'timer':
        return this.onTimer(input.timer, input.ticket);
      case 'confirm-box-empty':
        return this.onConfirmBoxEmpty();
      default:
        return input satisfies never;
    }
  }

  // ---- scans ---------------------------------------------------------------------------------

  private onDecoded(bytes: Uint8Array): void {
    if (isPairingCode(bytes)) return this.onPairingCode(bytes);
    const st = this.m.state;
    switch (st.kind) {
      case 'idle':
      case 'refused':
        return this.begin(bytes);
      case 'verifying':
        if (!bytesEqual(st.bytes, bytes)) this.notify({ kind: 'busy' });
        return;
      case 'registering':
      case 'opening':
      case 'flap-open':
        // The same ballot again while it is handled or the flap is open: nothing to do.
        if (!bytesEqual(st.pending.signed, bytes)) this.notify({ kind: 'busy' });
        return;
      default:
        return st satisfies never;
    }
  }

  private onUnreadable(): void {
    const st = this.m.state;
    switch (st.kind) {
      case 'idle':
      case 'refused':
        return this.refuse(this.m.closedForDay ? 'voting-closed' : 'unreadable', 'barcode');
      case 'verifying':
      case 'registering':
      case 'opening':
      case 'flap-open':
        // A camera sees half a ballot while it is lifted off the glass: not a new scan.
        return;
      default:
        return st satisfies never;
    }
  }

  private begin(bytes: Uint8Array): void {
    if (this.m.closedForDay) return this.refuse('voting-closed');
    if (!this.m.paired) return this.refuse('not-paired');
    const check = checkBallot(this.c.context, bytes, this.c.keys.station, this.m.session ? [this.m.session.verifier] : []);
    if (!check.ok) {
      // Without the session key every good ballot reads as a bad signature: ask first.
      if (check.fault === 'bad-signature' && !this.m.session) return this.verifyAfterStatus(bytes);
      return this.refuse(check.fault, check.detail);
    }
    const fault = this.controllerFault();
    if (fault) return this.refuse('box-fault', fault, fault);
    // The cached phase may be a second old: only an open one is trusted without asking.
    if (this.m.link.kind === 'ready' && this.m.link.phase === 'open') return this.register(check);
    return this.verifyAfterStatus(bytes);
  }

  private verifyAfterStatus(bytes: Uint8Array): void {
    const ticket = this.nextTicket();
    this.set({ state: { kind: 'verifying', ticket, bytes } });
    this.emit({ kind: 'fetch-status', ticket });
  }

  private register(check: Extract<BallotCheck, { ok: true }>): void {
    const ticket = this.nextTicket();
    const claim = this.m.unresolved.find((u) => u.id === check.id)?.claim ?? ticket;
    const pending: Pending = { ticket, id: check.id, signed: check.signed, claim };
    this.set({ state: { kind: 'registering', pending, attempt: 1, startedAt: this.now, inDoubt: false, waiting: false } });
    this.emit({ kind: 'register', ticket, claim, signed: pending.signed });
  }

  private onPairingCode(bytes: Uint8Array): void {
    if (isBusy(this.m.state) || this.m.state.kind === 'flap-open') return;
    const k = this.c.keys;
    const paired = decodePairingCode(bytes, { hashPrefix: k.hashPrefix, station: k.station, stembureauPublicKey: k.stembureauPublicKey });
    if (!paired.ok) {
      this.log({ kind: 'pairing-refused', error: paired.error });
      return this.notify({ kind: 'pairing-refused', error: paired.error });
    }
    this.set({ paired: true, link: { kind: 'unknown' }, state: this.m.state.kind === 'refused' ? { kind: 'idle' } : this.m.state });
    this.emit({ kind: 'use-link-key', linkKey: paired.value });
    this.log({ kind: 'paired' });
    this.notify({ kind: 'paired' });
    this.emit({ kind: 'fetch-status', ticket: null });
  }

  // ---- the console ---------------------------------------------------------------------------

  private onStatus(ticket: number | null, result: LinkCall<LinkStatus>): void {
    this.learnStatus(result);
    const st = this.m.state;
    if (st.kind !== 'verifying' || ticket !== st.ticket) return;
    if (!result.ok) return this.refuse(this.linkFailure(result.error), result.error);
    // Closed is for the rest of the day, whoever said it first.
    if (this.m.closedForDay) return this.refuse('voting-closed');
    if (this.m.link.kind === 'bad-session') return this.refuse('box-fault', this.m.link.error, 'session-certificate');
    const check = checkBallot(this.c.context, st.bytes, this.c.keys.station, this.m.session ? [this.m.session.verifier] : []);
    if (!check.ok) return this.refuse(check.fault, check.detail);
    const fault = this.controllerFault();
    if (fault) return this.refuse('box-fault', fault, fault);
    const phase = result.value.phase;
    switch (phase) {
      case 'open':
        return this.register(check);
      case 'preparation':
        return this.refuse('voting-not-open');
      case 'halted':
        return this.refuse('stick-unavailable');
      case 'closed':
        return this.refuse('voting-closed');
      default:
        return phase satisfies never;
    }
  }

  private learnStatus(result: LinkCall<LinkStatus>): void {
    const before = this.m.link;
    if (!result.ok) {
      this.set({ link: { kind: 'failed', error: result.error } });
    } else {
      const view = readStatus(result.value, this.c.keys);
      if (view.ok) {
        this.set({
          link: { kind: 'ready', phase: view.phase, boxEmptyRecorded: view.boxEmptyRecorded },
          session: this.m.session?.certificate === view.certificate ? this.m.session : { verifier: view.verifier, certificate: view.certificate },
        });
        if (view.phase === 'closed') this.set({ closedForDay: true });
        // Voting (re)opened: a refusal that said it was not open or halted is no longer true, and
        // the display must never say "onderbroken" under a status line that says "open".
        const st = this.m.state;
        if (view.phase === 'open' && (before.kind !== 'ready' || before.phase !== 'open') && st.kind === 'refused' && STALE_WHEN_OPEN.has(st.reason)) this.set({ state: { kind: 'idle' } });
        if (before.kind !== 'ready' || before.phase !== view.phase) this.log({ kind: 'phase', phase: view.phase });
      } else {
        // Never verify against a key the console no longer vouches for correctly.
        this.set({ link: { kind: 'bad-session', error: view.error }, session: null });
      }
    }
    const after = this.m.link;
    const describe = (l: LinkView): string => (l.kind === 'failed' ? `failed:${l.error}` : l.kind === 'bad-session' ? `bad-session:${l.error}` : l.kind);
    if (describe(before) !== describe(after)) this.log({ kind: 'link', state: describe(after) });
  }

  private onRegisterAnswer(ticket: number, result: LinkCall<RegisterOutcome>): void {
    const st = this.m.state;
    if (st.kind !== 'registering' || st.waiting || st.pending.ticket !== ticket) return;
    if (!result.ok) {
      switch (result.error) {
        case 'unreachable':
        case 'timeout':
        case 'bad-response':
          // The request may have been stored before the answer was lost.
          return this.retryOrGiveUp(st, result.error);
        case 'not-ready':
        case 'unauthenticated':
        case 'wrong-station':
        case 'replayed':
        case 'malformed-request':
          // Refused before registering; but an earlier attempt of this scan may have been stored.
          if (st.inDoubt) return this.retryOrGiveUp(st, result.error);
          return this.refuse(this.linkFailure(result.error), result.error);
        case 'not-authentic':
          // Something on the cable that is not the console: nothing was registered by it.
          if (st.inDoubt) this.remember(st.pending);
          return this.refuse('link-alarm', result.error, 'console-not-authentic');
        case 'bad-receipt':
          // The console may have stored it; a later genuine answer for this ballot may still let it in.
          this.remember(st.pending);
          return this.refuse('link-alarm', result.error, 'receipt-invalid');
        default:
          return result.error satisfies never;
      }
    }
    const answer = result.value;
    switch (answer.outcome) {
      case 'registered':
        return this.accept(st.pending, false);
      case 'duplicate': {
        const id = st.pending.id;
        const last = this.m.last;
        // Never again for a ballot this box saw go in: what is on the glass is a copy.
        if (last?.id === id && last.deposited) return this.refuse('duplicate');
        // Stored by our own earlier request (its answer was lost): the console says so, by the
        // attempt id. Or our last ballot, never deposited: the voter scans it again (seed 001 §XIV.3).
        if (answer.attempt === 'same' || last?.id === id) return this.accept(st.pending, true);
        // The console's word that this is the most recent ballot (the box restarted since): reopen.
        if (answer.mostRecent) return this.accept(st.pending, true);
        // The console restarted and cannot tell who stored it: an unanswered request of ours may
        // have. Counted once and let in, rather than refused, annulled and voted again.
        const ours = st.inDoubt || this.m.unresolved.some((u) => u.id === id);
        if (answer.attempt === undefined && ours) return this.accept(st.pending, true);
        return this.refuse('duplicate');
      }
      case 'rejected':
        if (st.inDoubt) this.remember(st.pending);
        if (answer.reason === 'voting-closed') this.set({ closedForDay: true });
        // The console just said voting is halted: the status line says so too, until its next status.
        if ((answer.reason === 'stick-unavailable' || answer.reason === 'stick-full') && this.m.link.kind === 'ready') this.set({ link: { ...this.m.link, phase: 'halted' } });
        return this.refuse(answer.reason, answer.detail?.slice(0, 100));
      default:
        return answer satisfies never;
    }
  }

  /** Every caller has a request that may have been stored: from here on the ballot is in doubt. */
  private retryOrGiveUp(st: Extract<BoxState, { kind: 'registering' }>, error: LinkError): void {
    if (this.now - st.startedAt + this.c.retryDelayMs < this.c.registerPatienceMs) {
      this.set({ state: { ...st, inDoubt: true, waiting: true } });
      this.log({ kind: 'retry', attempt: st.attempt, error });
      this.emit({ kind: 'start-timer', timer: 'retry', ticket: st.pending.ticket, ms: this.c.retryDelayMs });
      return;
    }
    this.remember(st.pending);
    this.log({ kind: 'unresolved' });
    this.refuse(this.linkFailure(error), error);
  }

  /** The refusal for a link failure: in every case nothing was (knowingly) registered. */
  private linkFailure(error: LinkError): RefusalReason {
    switch (error) {
      case 'unreachable':
      case 'timeout':
      case 'bad-response':
        return 'console-unreachable';
      case 'not-ready':
        return 'console-not-ready';
      case 'unauthenticated':
      case 'wrong-station':
      case 'replayed':
      case 'malformed-request':
        return 'not-paired';
      case 'not-authentic':
      case 'bad-receipt':
        return 'link-alarm';
      default:
        return error satisfies never;
    }
  }

  private remember(pending: Pending): void {
    if (this.m.unresolved.some((u) => u.id === pending.id)) return;
    this.set({ unresolved: [...this.m.unresolved, { id: pending.id, claim: pending.claim }].slice(-MAX_UNRESOLVED) });
  }

  private accept(pending: Pending, reopen: boolean): void {
    this.set({ unresolved: this.m.unresolved.filter((u) => u.id !== pending.id), last: { id: pending.id, deposited: false } });
    this.log({ kind: reopen ? 'reopened' : 'registered' });
    const fault = this.controllerFault();
    if (fault) return this.flapFailed(fault);
    this.set({ state: { kind: 'opening', pending, reopen } });
    this.emit({ kind: 'open-flap', ticket: pending.ticket, ms: this.c.flapOpenMs });
  }

  // ---- the flap --------------------------------------------------------------------------------

  private onFlapAnswer(ticket: number, result: BallotBoxResult): void {
    const st = this.m.state;
    if (st.kind !== 'opening' || st.pending.ticket !== ticket) return;
    if (result.ok) {
      this.set({ state: { kind: 'flap-open', pending: st.pending, reopen: st.reopen } });
      this.log({ kind: 'flap-open' });
      this.emit({ kind: 'start-timer', timer: 'backstop', ticket, ms: this.c.flapOpenMs + this.c.flapBackstopMs });
      return;
    }
    switch (result.error) {
      case 'cover-open':
        return this.flapFailed('cover-open');
      case 'flap-jammed':
        return this.flapFailed('flap-jammed');
      case 'disconnected':
      case 'timeout':
        return this.flapFailed('controller-silent');
      case 'refused':
        return this.flapFailed('controller-refused');
      default:
        return result.error satisfies never;
    }
  }

  private flapFailed(cause: FaultCause): void {
    this.refuse('flap-failed', cause, cause);
  }

  private onControllerEvent(event: BallotBoxEvent): void {
    this.log({ kind: 'controller', event: event.kind === 'flap-closed' ? `flap-closed:${event.reason}` : event.kind });
    const st = this.m.state;
    switch (event.kind) {
      case 'deposit':
        if (this.m.last && !this.m.last.deposited) this.set({ last: { ...this.m.last, deposited: true } });
        this.log({ kind: 'deposit' });
        this.emit({ kind: 'tell-console', event: { kind: 'deposit-sensed' } });
        if (st.kind === 'flap-open') {
          this.set({ state: { kind: 'idle' } });
          this.notify({ kind: 'deposited' });
        }
        return;
      case 'flap-closed':
        if (st.kind !== 'flap-open') return;
        this.log({ kind: 'flap-closed', reason: event.reason });
        if (event.reason === 'deposit') {
          if (this.m.last && !this.m.last.deposited) this.set({ last: { ...this.m.last, deposited: true } });
          this.set({ state: { kind: 'idle' } });
          return this.notify({ kind: 'deposited' });
        }
        if (event.reason === 'timeout') this.emit({ kind: 'tell-console', event: { kind: 'deposit-timeout' } });
        this.set({ state: { kind: 'idle' } });
        return this.notify({ kind: 'rescan' });
      case 'flap-jammed':
        this.set({ controller: { ...this.m.controller, jammed: true } });
        this.emit({ kind: 'tell-console', event: { kind: 'fault', device: 'flap', detail: FAULT_TEXT['flap-jammed'] } });
        if (st.kind === 'flap-open' || st.kind === 'opening') this.refuse('flap-failed', 'flap-jammed', 'flap-jammed');
        return;
      case 'cover-opened':
        this.set({ controller: { ...this.m.controller, cover: 'open' } });
        this.emit({ kind: 'tell-console', event: { kind: 'cover-opened' } });
        // The controller closes the flap when the cover opens.
        if (st.kind === 'flap-open') this.closedWithoutDeposit();
        return;
      case 'cover-closed':
        this.set({ controller: { ...this.m.controller, cover: 'closed' } });
        return;
      case 'connection-lost':
        this.set({ controller: { ...this.m.controller, connected: false } });
        this.emit({ kind: 'tell-console', event: { kind: 'fault', device: 'controller', detail: FAULT_TEXT['controller-silent'] } });
        // The controller's watchdog closes the flap when the host falls silent.
        if (st.kind === 'flap-open') this.closedWithoutDeposit();
        return;
      case 'connection-restored':
        this.set({ controller: { ...this.m.controller, connected: true } });
        return;
      case 'controller-restarted':
        // A controller powers up with the flap closed.
        if (st.kind === 'flap-open') this.closedWithoutDeposit();
        return;
      case 'flap-opened':
        return;
      default:
        return event satisfies never;
    }
  }

  private closedWithoutDeposit(): void {
    this.set({ state: { kind: 'idle' } });
    this.notify({ kind: 'rescan' });
  }

  private onControllerStatus(status: BallotBoxStatus): void {
    switch (status.kind) {
      case 'disconnected':
        this.set({ controller: { ...this.m.controller, connected: false } });
        return;
      case 'connected':
        this.set({ controller: { connected: true, cover: status.cover, jammed: status.flap === 'jammed' } });
        return;
      default:
        return status satisfies never;
    }
  }

  private controllerFault(): FaultCause | undefined {
    const c = this.m.controller;
    if (!c.connected) return 'controller-silent';
    if (c.cover === 'open') return 'cover-open';
    if (c.jammed) return 'flap-jammed';
    return undefined;
  }

  // ---- timers, refusals, notices ---------------------------------------------------------------

  private onTimer(timer: TimerName, ticket: number): void {
    const st = this.m.state;
    switch (timer) {
      case 'retry':
        if (st.kind !== 'registering' || !st.waiting || st.pending.ticket !== ticket) return;
        this.set({ state: { ...st, waiting: false, attempt: st.attempt + 1 } });
        this.emit({ kind: 'register', ticket, claim: st.pending.claim, signed: st.pending.signed });
        return;
      case 'backstop':
        if (st.kind !== 'flap-open' || st.pending.ticket !== ticket) return;
        // The controller should have closed the flap by now; make sure.
        this.emit({ kind: 'close-flap' });
        this.log({ kind: 'flap-closed', reason: 'backstop' });
        return this.closedWithoutDeposit();
      case 'refusal':
        if (st.kind === 'refused' && st.ticket === ticket) this.set({ state: { kind: 'idle' } });
        return;
      case 'notice':
        if (this.m.notice?.ticket === ticket) this.set({ notice: null });
        return;
      default:
        return timer satisfies never;
    }
  }

  private onConfirmBoxEmpty(): void {
    if (this.m.link.kind === 'ready' && this.m.link.phase === 'preparation') {
      this.emit({ kind: 'tell-console', event: { kind: 'box-empty' } });
      return this.notify({ kind: 'box-empty-sent' });
    }
    // Decree art. 14: the box is shown empty before the first voter, never later.
    this.notify({ kind: 'box-empty-refused' });
  }

  private refuse(reason: RefusalReason, detail?: string, cause?: FaultCause): void {
    const ticket = this.nextTicket();
    this.set({ state: { kind: 'refused', ticket, reason, cause: cause ?? null }, notice: null });
    this.log(detail === undefined ? { kind: 'refused', reason } : { kind: 'refused', reason, detail });
    const alert = consoleRefusal(reason);
    if (alert) this.emit({ kind: 'tell-console', event: { kind: 'refused', reason: alert } });
    else if (cause && (reason === 'box-fault' || reason === 'flap-failed')) {
      // The link has no refusal for "registered, but the flap stayed shut": the fault's words
      // tell the president not to annul that ballot.
      const detail = reason === 'flap-failed' ? `${FLAP_FAILED_ALERT} ${FAULT_TEXT[cause]}` : FAULT_TEXT[cause];
      this.emit({ kind: 'tell-console', event: { kind: 'fault', device: cause === 'controller-silent' ? 'controller' : 'flap', detail } });
    } else if (cause && reason === 'link-alarm') {
      // Reaches the president only if the console itself answers: the box's screen says it anyway.
      this.emit({ kind: 'tell-console', event: { kind: 'fault', device: 'link', detail: `${REFUSALS['link-alarm'].text} ${FAULT_TEXT[cause]}` } });
    }
    this.emit({ kind: 'start-timer', timer: 'refusal', ticket, ms: this.c.refusalShowMs });
  }

  private notify(notice: Notice): void {
    const ticket = this.nextTicket();
    this.set({ notice: { notice, ticket } });
    this.log({ kind: 'notice', notice: notice.kind });
    this.emit({ kind: 'start-timer', timer: 'notice', ticket, ms: this.c.noticeShowMs });
  }

  private nextTicket(): number {
    const t = this.m.ticket + 1;
    this.set({ ticket: t });
    return t;
  }

  private set(patch: Partial<BoxModel>): void {
    this.m = { ...this.m, ...patch };
  }

  private emit(command: Command): void {
    this.out.push(command);
  }

  private log(entry: LogEntry): void {
    this.out.push({ kind: 'log', entry });
  }
}
