// Host side of the OVS serial link: commands with sequence numbers, acknowledgement,
// timeouts and retries; deduplicated device events; a heartbeat that notices a pulled
// cable. Only one command is in flight at a time, so replies can never be confused.

import { err, ok, type Result } from '@ovs/basics';
import type { DeviceIdentity } from '../self-test.ts';
import type { TimerHandle, Timers } from '../timers.ts';
import type { ByteChannel } from './channel.ts';
import { encodeFrame, FrameDecoder, type Frame } from './frame.ts';
import { decodeHelloReply } from './identity.ts';
import { ACK, BOOT, HELLO, isEventType, NAK, PING, PROTOCOL_VERSION } from './link-codes.ts';

export interface LinkTiming {
  /** Wait for an ACK/NAK before resending the same frame. */
  readonly ackTimeoutMs: number;
  /** Resends after the first attempt. */
  readonly retries: number;
  /** A PING is sent when the line has been quiet this long. */
  readonly heartbeatMs: number;
  /** No valid frame from the device for this long: the link is down. */
  readonly silenceMs: number;
}

export const DEFAULT_LINK_TIMING: LinkTiming = { ackTimeoutMs: 200, retries: 3, heartbeatMs: 500, silenceMs: 1500 };

export type LinkState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'up'; readonly identity: DeviceIdentity }
  | { readonly kind: 'down'; readonly reason: 'no-port' | 'silent' | 'wrong-device' | 'closed' };

/** `nak`: the device refused the command, with its NAK code (link-codes.ts, the device's protocol). */
export type CommandError = { readonly code: 'timeout' | 'link-down' } | { readonly code: 'nak'; readonly nak: number };

/** The ACK's payload, or why there is none. */
export type CommandResult = Result<Uint8Array, CommandError>;

export interface LinkCounters {
  commands: number;
  resends: number;
  timeouts: number;
  corruptFrames: number;
  duplicateEvents: number;
}

interface Pending {
  readonly type: number;
  readonly payload: Uint8Array;
  readonly retries: number;
  readonly resolve: (r: CommandResult) => void;
}

interface InFlight extends Pending {
  readonly seq: number;
  readonly bytes: Uint8Array;
  attempts: number;
  timer: TimerHandle | null;
}

export class HostLink {
  private linkState: LinkState = { kind: 'starting' };
  private readonly decoder = new FrameDecoder();
  private readonly queue: Pending[] = [];
  private inFlight: InFlight | null = null;
  private seq = 0;
  private lastEventSeq: number | null = null;
  private lastRx: number;
  private lastTx = -Infinity;
  private heartbeat: TimerHandle | null = null;
  private helloInFlight = false;
  private closed = false;
  private readonly eventListeners = new Set<(type: number, payload: Uint8Array) => void>();
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  private readonly heartbeatListeners = new Set<(status: Uint8Array) => void>();
  readonly counters: LinkCounters = { commands: 0, resends: 0, timeouts: 0, corruptFrames: 0, duplicateEvents: 0 };

  constructor(
    private readonly channel: ByteChannel,
    private readonly expectedClass: number,
    private readonly timers: Timers,
    private readonly timing: LinkTiming = DEFAULT_LINK_TIMING,
  ) {
    this.lastRx = timers.now();
    channel.onData((bytes) => this.receive(bytes));
    channel.onState((s) => {
      switch (s) {
        case 'open':
          this.decoder.reset();
          this.hello();
          break;
        case 'closed':
          this.setState({ kind: 'down', reason: this.closed ? 'closed' : 'no-port' });
          this.failAll('link-down');
          break;
        case 'opening':
          break;
        default:
          s satisfies never;
      }
    });
    if (channel.state === 'open') this.hello();
    this.scheduleHeartbeat();
  }

  get state(): LinkState {
    return this.linkState;
  }

  onEvent(listener: (type: number, payload: Uint8Array) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** The status bytes of every answered PING. */
  onHeartbeat(listener: (status: Uint8Array) => void): () => void {
    this.heartbeatListeners.add(listener);
    return () => this.heartbeatListeners.delete(listener);
  }

  /** Sends a command; fails at once with `link-down` unless the link is up. */
  command(type: number, payload: Uint8Array = new Uint8Array(0), retries = this.timing.retries): Promise<CommandResult> {
    if (this.linkState.kind !== 'up') return Promise.resolve(err({ code: 'link-down' }));
    return this.enqueue(type, payload, retries);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) this.timers.clearTimeout(this.heartbeat);
    this.heartbeat = null;
    this.failAll('link-down');
    await this.channel.close();
    this.setState({ kind: 'down', reason: 'closed' });
  }

  private enqueue(type: number, payload: Uint8Array, retries: number): Promise<CommandResult> {
    return new Promise((resolve) => {
      this.queue.push({ type, payload, retries, resolve });
      this.pump();
    });
  }

  private hello(): void {
    if (this.helloInFlight || this.closed) return;
    this.helloInFlight = true;
    void this.enqueue(HELLO, Uint8Array.of(PROTOCOL_VERSION), this.timing.retries).then((r) => {
      this.helloInFlight = false;
      if (!r.ok) return; // the heartbeat tries again
      const reply = decodeHelloReply(r.value);
      if (reply === null || reply.protocolVersion !== PROTOCOL_VERSION || reply.deviceClass !== this.expectedClass) {
        this.setState({ kind: 'down', reason: 'wrong-device' });
        return;
      }
      this.lastEventSeq = null;
      this.setState({ kind: 'up', identity: reply.identity });
    });
  }

  private pump(): void {
    if (this.inFlight !== null || this.closed) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    this.seq = this.seq >= 0xff ? 1 : this.seq + 1;
    const bytes = encodeFrame({ seq: this.seq, type: next.type, payload: next.payload });
    this.inFlight = { ...next, seq: this.seq, bytes, attempts: 0, timer: null };
    this.counters.commands++;
    this.transmit();
  }

  private transmit(): void {
    const f = this.inFlight;
    if (f === null) return;
    f.attempts++;
    if (f.attempts > 1) this.counters.resends++;
    this.lastTx = this.timers.now();
    f.timer = this.timers.setTimeout(() => this.onAckTimeout(f), this.timing.ackTimeoutMs);
    void this.channel.write(f.bytes).then((w) => {
      // A failed write is left to the ack timer: the port's 'closed' state follows on its own.
      void w;
    });
  }

  private onAckTimeout(f: InFlight): void {
    if (this.inFlight !== f) return;
    f.timer = null;
    if (f.attempts <= f.retries) {
      this.transmit();
      return;
    }
    this.counters.timeouts++;
    this.finish(err({ code: 'timeout' }));
  }

  private finish(result: CommandResult): void {
    const f = this.inFlight;
    if (f === null) return;
    if (f.timer) this.timers.clearTimeout(f.timer);
    this.inFlight = null;
    f.resolve(result);
    this.pump();
  }

  private failAll(code: 'link-down'): void {
    const pending = this.queue.splice(0);
    this.finish(err({ code }));
    for (const p of pending) p.resolve(err({ code }));
    this.helloInFlight = false;
  }

  private receive(bytes: Uint8Array): void {
    for (const ev of this.decoder.push(bytes)) {
      switch (ev.kind) {
        case 'corrupt':
          this.counters.corruptFrames++;
          break;
        case 'frame':
          this.lastRx = this.timers.now();
          this.onFrame(ev.frame);
          break;
        default:
          ev satisfies never;
      }
    }
  }

  private onFrame(frame: Frame): void {
    if (frame.type === ACK || frame.type === NAK) {
      const f = this.inFlight;
      if (f === null || f.seq !== frame.seq) return; // late reply to an abandoned attempt
      if (frame.type === ACK) this.finish(ok(frame.payload));
      else this.finish(err({ code: 'nak', nak: frame.payload[0] ?? 0 }));
      return;
    }
    if (!isEventType(frame.type)) return; // a device never sends commands; ignore
    // Events are neither acknowledged nor delivered before HELLO has shown which device
    // this is; the device keeps resending them, so none is lost.
    if (this.linkState.kind !== 'up') return;
    // Acknowledge every copy, deliver only the first: the device resends until it hears the ACK.
    void this.channel.write(encodeFrame({ seq: frame.seq, type: ACK, payload: new Uint8Array(0) }));
    if (frame.type === BOOT) {
      // The device lost its state: make it say who it is again; the driver resynchronises.
      this.hello();
    } else if (this.lastEventSeq === frame.seq) {
      this.counters.duplicateEvents++;
      return;
    }
    this.lastEventSeq = frame.seq;
    for (const l of this.eventListeners) l(frame.type, frame.payload);
  }

  private scheduleHeartbeat(): void {
    if (this.closed) return;
    this.heartbeat = this.timers.setTimeout(() => {
      this.tick();
      this.scheduleHeartbeat();
    }, this.timing.heartbeatMs);
  }

  private tick(): void {
    if (this.channel.state !== 'open') return;
    const now = this.timers.now();
    if (this.linkState.kind === 'up' && now - this.lastRx > this.timing.silenceMs) {
      this.setState({ kind: 'down', reason: 'silent' });
    }
    if (this.linkState.kind !== 'up') {
      this.hello();
      return;
    }
    if (this.inFlight === null && this.queue.length === 0 && now - this.lastTx >= this.timing.heartbeatMs) {
      void this.enqueue(PING, new Uint8Array(0), 0).then((r) => {
        if (r.ok) for (const l of this.heartbeatListeners) l(r.value);
      });
    }
  }

  private setState(state: LinkState): void {
    const before = this.linkState;
    // 'up' after 'up' is reported again on purpose: the device was re-identified (after a
    // BOOT) and the driver must resynchronise it.
    const same =
      before.kind === state.kind &&
      (state.kind === 'starting' || (state.kind === 'down' && before.kind === 'down' && before.reason === state.reason));
    if (same) return;
    this.linkState = state;
    for (const l of this.stateListeners) l(state);
  }
}
