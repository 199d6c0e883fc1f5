// The two stick ports, watched: each stick judged when it arrives, voting halted the moment one
// is missing or fails, resumed (after reconciling the pair) when both are good again. It also
// owns the one way to append an event, because a failed append is a failing stick.
import type { EventBody, StickPair, StickPort, WriteFailure } from '@ovs/stick';
import { PORTS, type StickSource } from '../sticks/stick-source.ts';
import { judgeStick, type StickStatus } from '../sticks/stick-status.ts';
import type { Halt, HaltReason } from './snapshot.ts';

const HALT_MESSAGES: Record<HaltReason, (port: StickPort) => string> = {
  removed: (p) => `Stick ${p} is verwijderd. Steek stick ${p} opnieuw in: de stemming gaat dan verder.`,
  'write-failed': (p) => `Er kan niet meer op stick ${p} geschreven worden. Trek stick ${p} uit en steek hem opnieuw in; lukt het niet, verwittig de technische ondersteuning.`,
  'read-only': (p) => `Stick ${p} is alleen-lezen. Zet het schuifje op de stick terug en steek hem opnieuw in.`,
  full: (p) => `Stick ${p} is vol. Verwittig de technische ondersteuning van het hoofdbureau.`,
};

function haltReasonOf(failure: WriteFailure): HaltReason {
  switch (failure.error.code) {
    case 'absent':
      return 'removed';
    case 'read-only':
      return 'read-only';
    case 'full':
      return 'full';
    case 'not-found':
    case 'io':
    case 'not-regular':
    case 'too-large':
    case 'timeout':
      return 'write-failed';
    default:
      return failure.error.code satisfies never;
  }
}

export interface StickWatchOptions {
  sticks: StickSource;
  organiserPublicKey: Uint8Array;
  station: number;
  now: () => string;
  log: (event: string, detail?: string) => void;
  /** A stick was judged good: the console learns the package from it (once). */
  ready: (io: ReturnType<StickSource['io']>) => Promise<void>;
  /** Both sticks are back and reconciled: every ballot is on both again. */
  resumed: () => void;
}

export class StickWatch {
  readonly #o: StickWatchOptions;
  readonly #status: Record<StickPort, StickStatus> = { A: { kind: 'absent' }, B: { kind: 'absent' } };
  #halt: Halt | undefined;

  constructor(options: StickWatchOptions) {
    this.#o = options;
  }

  get halt(): Halt | undefined {
    return this.#halt;
  }

  status(port: StickPort): StickStatus {
    return this.#status[port];
  }

  bothReady(): boolean {
    return PORTS.every((p) => this.#status[p].kind === 'ready');
  }

  /** A stick the opening or a reattachment found unusable: shown as such until it is taken out. */
  refuse(port: StickPort, status: Extract<StickStatus, { kind: 'error' }>): void {
    this.#status[port] = status;
  }

  /** What the screen shows: a stick judged blank at insertion is in use once the session started on it. */
  view(port: StickPort, pair: StickPair | undefined): StickStatus {
    const s = this.#status[port];
    if (s.kind !== 'ready' || !pair) return s;
    return { ...s, state: pair.phase === 'closed' ? 'closed' : 'in-use' };
  }

  /** One look at both ports: judge new sticks, halt on a missing one, resume when it is back. */
  async check(pair: StickPair | undefined): Promise<void> {
    for (const port of PORTS) {
      const presence = await this.#o.sticks.presence(port);
      if (presence.kind === 'absent') {
        if (this.#status[port].kind !== 'absent') this.#o.log('stick-removed', port);
        this.#status[port] = { kind: 'absent' };
        if (pair && pair.phase !== 'closed') {
          pair.detach(port);
          this.haltFor(port, 'removed');
        }
        continue;
      }
      const needsLook = this.#status[port].kind === 'absent' || (pair !== undefined && pair.broken.includes(port)) || (!pair && this.#status[port].kind !== 'ready');
      if (!needsLook) continue;
      const io = this.#o.sticks.io(port);
      const status = await judgeStick(io, presence.path, { organiserPublicKey: this.#o.organiserPublicKey, station: this.#o.station });
      this.#status[port] = status;
      if (status.kind === 'ready') {
        this.#o.log('stick-ready', `${port} ${status.state}`);
        await this.#o.ready(io);
      } else {
        await io.close();
        this.#o.log('stick-refused', `${port} ${status.kind === 'error' ? status.reason : status.kind}`);
      }
    }
    if (pair && this.#halt) await this.#tryResume(pair);
  }

  haltFor(port: StickPort, reason: HaltReason): void {
    if (this.#halt) return;
    this.#halt = { port, reason, since: this.#o.now(), message: HALT_MESSAGES[reason](port) };
    this.#o.log('voting-halted', `${port} ${reason}`);
  }

  haltOnFailure(failure: WriteFailure): void {
    this.haltFor(failure.port, haltReasonOf(failure));
    // A stick that failed is looked at again on the next check.
    this.#status[failure.port] = { kind: 'absent' };
  }

  /** Appends an event; a failure halts voting (the event stays in memory for the sticks). */
  async append(pair: StickPair, body: EventBody): Promise<boolean> {
    if (pair.phase === 'closed') return false;
    const r = await pair.appendEvent(body);
    if (!r.ok) this.haltOnFailure(r.error.failure);
    return r.ok;
  }

  async #tryResume(pair: StickPair): Promise<void> {
    const halt = this.#halt;
    if (!halt || halt.reason === 'full') return;
    if (!this.bothReady()) return;
    for (const port of pair.broken) {
      const r = await pair.reattach(port, this.#o.sticks.io(port));
      if (!r.ok) {
        this.#status[port] = { kind: 'error', path: '', reason: r.error.code === 'different-sessions' ? 'other-session' : 'damaged', message: r.error.message };
        this.#o.log('stick-refused', `${port} ${r.error.code}`);
        return;
      }
      for (const c of r.value.completions) await this.append(pair, { type: 'sticks-reconciled', stick: c.to, ballots: c.ballots, events: c.events, files: c.files });
    }
    this.#halt = undefined;
    this.#o.resumed();
    await this.append(pair, { type: 'interruption', stick: halt.port, reason: halt.reason, from: halt.since, to: this.#o.now() });
    this.#o.log('voting-resumed', halt.port);
  }
}
