import { toHex } from '@ovs/crypto';
// The imperative shell around the state machine: scanner frames in (decoded, through the scan
// gate), console answers in, controller events in; commands out to the console link, the flap
// controller, the LEDs and the timers. Every decision is the machine's; this file only carries
// messages, so that what is tested in machine.test.ts is what runs.
import type { QrDecoder } from '@ovs/barcode';
import type { BallotBox, Scanner, ScanInput, Timers } from '@ovs/devices';
import { createLinkClient, newEventId, type BoxEvent, type LinkClient, type LinkClientOptions } from '@ovs/link';
import type { BoxLog, LogRecord } from './box-log.ts';
import { displayOf, type DisplayView } from '../machine/display.ts';
import { initialModel, isBusy, step, type BoxModel, type Command, type Input, type MachineConfig, type TimerName } from '../machine/machine.ts';
import { ScanGate, sightingOf, type ScanGateOptions } from './scan-gate.ts';

export interface ConsoleLinkOptions {
  /** The console's link address, e.g. "http://127.0.0.1:41873" (simulation) or "http://10.77.0.1:8471" (cable). */
  url: string;
  /** The pairing code the console printed at opening (otherwise the president scans it at the box). */
  pairingCode?: Uint8Array;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Makes the link client (default createLinkClient): tests and benches wrap it to cut or time the link at a chosen step. */
  client?: (options: LinkClientOptions) => LinkClient;
}

export interface RuntimeOptions {
  machine: MachineConfig;
  scanner: Scanner;
  ballotBox: BallotBox;
  decoder: QrDecoder;
  console: ConsoleLinkOptions;
  timers: Timers;
  gate: ScanGateOptions;
  statusPollMs: number;
  log: BoxLog;
  /** SHA-256 of the box's software bundle: reported to the console at every pairing (decree art. 4 §3). */
  software?: Uint8Array;
}

/** A view of the box for tests, the simulation and the virtual polling station: no ids, no votes. */
export interface BoxSnapshot {
  /** `closed`: at rest after the console closed voting (the machine's idle state with closedForDay). */
  state: BoxModel['state']['kind'] | 'closed';
  reason: DisplayView['reason'];
  notice: string | null;
  phase: string;
  paired: boolean;
  closedForDay: boolean;
  display: DisplayView;
}

type TimerHandle = ReturnType<Timers['setTimeout']>;

const MAX_ALERTS = 64;
/** Attempt ids kept for re-use: far more than the scans between a lost answer and the re-scan of that ballot. */
const MAX_ATTEMPT_IDS = 256;

export class BoxRuntime {
  private model: BoxModel;
  private link: LinkClient | null = null;
  private readonly gate: ScanGate;
  private readonly timerHandles = new Map<TimerName, TimerHandle>();
  private pollTimer: TimerHandle | null = null;
  private polling = false;
  private readonly queue: Input[] = [];
  private dispatching = false;
  /** Events for the console, each with the id it keeps through every resend (the console applies it once). */
  private readonly alerts: Array<{ eventId: string; event: BoxEvent }> = [];
  /** The link's attempt id per claim (machine.ts Pending.claim): random, so it tells nothing of order. */
  private readonly attemptIds = new Map<number, string>();
  private flushing = false;
  private inFlight = 0;
  private stopped = false;
  /** While a self-test runs, scans go to it instead of the machine. */
  private scanTap: ((scan: ScanInput) => void) | null = null;
  private readonly listeners = new Set<(view: DisplayView) => void>();
  private readonly waiters: Array<() => boolean> = [];
  private lastView: string;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly o: RuntimeOptions) {
    this.model = initialModel(false);
    this.lastView = JSON.stringify(displayOf(this.model));
    this.gate = new ScanGate(o.timers, o.gate, (out) => this.dispatch(out));
    this.unsubscribe.push(o.scanner.onScan((scan) => this.onScan(scan)));
    this.unsubscribe.push(
      o.ballotBox.onEvent((event) => {
        this.dispatch({ kind: 'controller-event', event });
        this.dispatch({ kind: 'controller-status', status: o.ballotBox.status() });
      }),
    );
  }

  start(): void {
    this.dispatch({ kind: 'controller-status', status: this.o.ballotBox.status() });
    this.dispatch({ kind: 'start' });
    // The pairing code given at start-up goes through the same check as a scanned one.
    if (this.o.console.pairingCode) this.dispatch({ kind: 'decoded', bytes: this.o.console.pairingCode });
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const off of this.unsubscribe) off();
    for (const h of this.timerHandles.values()) this.o.timers.clearTimeout(h);
    this.timerHandles.clear();
    if (this.pollTimer) this.o.timers.clearTimeout(this.pollTimer);
    this.gate.stop();
    this.link?.close();
    for (const w of this.waiters.splice(0)) w();
  }

  display(): DisplayView {
    return displayOf(this.model);
  }

  snapshot(): BoxSnapshot {
    const display = displayOf(this.model);
    const link = this.model.link;
    return {
      state: this.model.state.kind === 'idle' && this.model.closedForDay ? 'closed' : this.model.state.kind,
      reason: display.reason,
      notice: display.notice,
      phase: link.kind === 'ready' ? link.phase : link.kind,
      paired: this.model.paired,
      closedForDay: this.model.closedForDay,
      display,
    };
  }

  onDisplay(listener: (view: DisplayView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no scan is being handled: nothing verifying, registering or opening, no console call pending for it. */
  settled(): Promise<BoxSnapshot> {
    return this.until(() => this.isSettled());
  }

  /** Resolves with the first snapshot for which `done` holds (checked after every change). */
  until(done: (box: BoxSnapshot) => boolean): Promise<BoxSnapshot> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const snap = this.snapshot();
        if (!this.stopped && !done(snap)) return false;
        resolve(snap);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  /** The ballot is lifted off the glass: the next sighting of any code is a new scan. */
  glassCleared(): void {
    this.gate.glassCleared();
  }

  confirmBoxEmpty(): void {
    this.dispatch({ kind: 'confirm-box-empty' });
  }

  /** A pairing code handed over without the scanner (checked exactly as a scanned one). */
  pair(code: Uint8Array): void {
    this.dispatch({ kind: 'decoded', bytes: code });
  }

  log(): readonly LogRecord[] {
    return this.o.log.all();
  }

  /** Scans during a self-test go to `tap` and never to the machine. */
  tapScans(tap: ((scan: ScanInput) => void) | null): void {
    this.scanTap = tap;
  }

  get busy(): boolean {
    return isBusy(this.model.state) || this.model.state.kind === 'flap-open';
  }

  get consolePhase(): string {
    return this.model.link.kind === 'ready' ? this.model.link.phase : this.model.link.kind;
  }

  /** The console client, once paired (the self-test asks for status through it). */
  get consoleLink(): LinkClient | null {
    return this.link;
  }

  // ---- inputs -----------------------------------------------------------------------------------

  private onScan(scan: ScanInput): void {
    if (this.stopped) return;
    if (this.scanTap) return this.scanTap(scan);
    this.gate.see(sightingOf(scan, this.o.decoder));
  }

  private dispatch(input: Input): void {
    if (this.stopped) return;
    // The machine checks the flap controller before registering: give it today's news.
    if (input.kind === 'decoded') this.queue.push({ kind: 'controller-status', status: this.o.ballotBox.status() });
    this.queue.push(input);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        const result = step(this.o.machine, this.model, next, this.o.timers.now());
        this.model = result.model;
        for (const c of result.commands) this.execute(c);
      }
    } finally {
      this.dispatching = false;
    }
    this.afterChange();
  }

  private afterChange(): void {
    const view = displayOf(this.model);
    const json = JSON.stringify(view);
    if (json !== this.lastView) {
      this.lastView = json;
      for (const l of this.listeners) l(view);
    }
    const waiting = this.waiters.splice(0);
    for (const w of waiting) if (!w()) this.waiters.push(w);
  }

  private isSettled(): boolean {
    return !isBusy(this.model.state) && this.inFlight === 0 && !this.gate.waiting && this.queue.length === 0;
  }

  // ---- commands ---------------------------------------------------------------------------------

  private attemptIdFor(claim: number): string {
    let id = this.attemptIds.get(claim);
    if (id === undefined) {
      id = newEventId();
      this.attemptIds.set(claim, id);
      // As many as the machine may still re-use (its unresolved ballots are bounded too).
      if (this.attemptIds.size > MAX_ATTEMPT_IDS) this.attemptIds.delete(this.attemptIds.keys().next().value as number);
    }
    return id;
  }

  private execute(c: Command): void {
    switch (c.kind) {
      case 'register': {
        const link = this.link;
        if (!link) return this.later({ kind: 'register-answer', ticket: c.ticket, result: { ok: false, error: 'unauthenticated' } });
        this.track(link.register(c.signed, this.attemptIdFor(c.claim)).then((result) => this.dispatch({ kind: 'register-answer', ticket: c.ticket, result })));
        return;
      }
      case 'fetch-status':
        return this.fetchStatus(c.ticket);
      case 'open-flap':
        this.track(this.o.ballotBox.openFlap(c.ms).then((result) => this.dispatch({ kind: 'flap-answer', ticket: c.ticket, result })));
        return;
      case 'close-flap':
        void this.o.ballotBox.closeFlap();
        return;
      case 'set-leds':
        void this.o.ballotBox.setLeds({ red: c.red, green: c.green });
        return;
      case 'tell-console':
        this.alerts.push({ eventId: newEventId(), event: c.event });
        if (this.alerts.length > MAX_ALERTS) this.alerts.shift();
        void this.flushAlerts();
        return;
      case 'use-link-key':
        this.link?.close();
        this.link = (this.o.console.client ?? createLinkClient)({
          baseUrl: this.o.console.url,
          linkKey: c.linkKey,
          binding: { station: this.o.machine.keys.station, hashPrefix: this.o.machine.keys.hashPrefix },
          stembureauPublicKey: this.o.machine.keys.stembureauPublicKey,
          ...(this.o.console.timeoutMs !== undefined ? { timeoutMs: this.o.console.timeoutMs } : {}),
        });
        // The sticks record what runs in the box: sent with the first events of this pairing.
        if (this.o.software) {
          this.alerts.unshift({ eventId: newEventId(), event: { kind: 'software', sha256: toHex(this.o.software) } });
          void this.flushAlerts();
        }
        return;
      case 'start-timer': {
        const old = this.timerHandles.get(c.timer);
        if (old) this.o.timers.clearTimeout(old);
        this.timerHandles.set(
          c.timer,
          this.o.timers.setTimeout(() => {
            this.timerHandles.delete(c.timer);
            this.dispatch({ kind: 'timer', timer: c.timer, ticket: c.ticket });
          }, c.ms),
        );
        return;
      }
      case 'log':
        this.o.log.add(this.o.timers.now(), c.entry);
        return;
      default:
        return c satisfies never;
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight++;
    void p.finally(() => {
      this.inFlight--;
      this.afterChange();
    });
  }

  private later(input: Input): void {
    this.track(Promise.resolve().then(() => this.dispatch(input)));
  }

  private fetchStatus(ticket: number | null): void {
    const link = this.link;
    if (!link) {
      if (ticket !== null) this.later({ kind: 'status', ticket, result: { ok: false, error: 'unauthenticated' } });
      return;
    }
    this.track(
      link.status().then((result) => {
        this.dispatch({ kind: 'status', ticket, result });
        // Alerts that waited for the link go out as soon as it answers again.
        if (result.ok) void this.flushAlerts();
      }),
    );
  }

  /** Box events for the president, in order, best effort: what the link loses is sent again later. */
  private async flushAlerts(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.alerts.length > 0 && !this.stopped) {
        const link = this.link;
        if (!link) return;
        const next = this.alerts[0] as { eventId: string; event: BoxEvent };
        const r = await link.event(next.event, next.eventId);
        if (!r.ok && (r.error === 'unreachable' || r.error === 'timeout' || r.error === 'not-ready')) return;
        // Delivered, or refused for good (a malformed or unauthenticated request will not improve).
        this.alerts.shift();
      }
    } finally {
      this.flushing = false;
    }
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = this.o.timers.setTimeout(() => {
      this.pollTimer = null;
      if (!this.polling && this.link) {
        this.polling = true;
        void this.link.status().then((result) => {
          this.polling = false;
          this.dispatch({ kind: 'status', ticket: null, result });
          this.dispatch({ kind: 'controller-status', status: this.o.ballotBox.status() });
          if (result.ok) void this.flushAlerts();
        });
      } else {
        this.dispatch({ kind: 'controller-status', status: this.o.ballotBox.status() });
      }
      this.schedulePoll();
    }, this.o.statusPollMs);
  }
}
