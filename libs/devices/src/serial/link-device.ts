// Device side of the OVS serial link: the reference a firmware developer can read next
// to HARDWARE.md, and the core of the protocol emulators the tests run over
// serialport's MockBinding. Duplicate commands (a resend after a lost ACK) are answered
// from memory, never executed twice; events are resent until the host acknowledges them;
// a host that falls silent trips the watchdog (the ballot box then closes its flap).

import { err, ok, type Result } from '@ovs/basics';
import type { DeviceIdentity } from '../self-test.ts';
import type { TimerHandle, Timers } from '../timers.ts';
import { encodeFrame, FrameDecoder, type Frame } from './frame.ts';
import { encodeHelloReply } from './identity.ts';
import { ACK, BOOT, HELLO, isCommandType, NAK, NakCode, PING, PROTOCOL_VERSION } from './link-codes.ts';

/** The ACK's payload (none: an empty ACK), or the NAK code (link-codes.ts). */
export type DeviceReply = Result<Uint8Array | void, number>;

export interface DeviceLinkOptions {
  readonly deviceClass: number;
  readonly identity: DeviceIdentity;
  readonly timers: Timers;
  /** Executes a device-specific command (not HELLO or PING). */
  readonly handle: (type: number, payload: Uint8Array) => DeviceReply;
  /** The status bytes carried by the ACK of a PING. */
  readonly status: () => Uint8Array;
  readonly eventResendMs?: number;
  /** Host silent this long: `onWatchdog` runs once until the host is heard again. */
  readonly watchdogMs?: number;
  readonly onWatchdog?: () => void;
  /** A HELLO arrived: the host (re)started a session. */
  readonly onHello?: () => void;
  readonly maxQueuedEvents?: number;
}

export class DeviceLink {
  private readonly decoder = new FrameDecoder();
  private lastSeq: number | null = null;
  private lastReply: Uint8Array | null = null;
  private eventSeq = 0;
  private readonly events: { type: number; payload: Uint8Array }[] = [];
  private outstanding: { seq: number; bytes: Uint8Array } | null = null;
  private resendTimer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private watchdogTripped = false;
  private stopped = false;
  /** A HELLO has been answered since power-up (HARDWARE.md: NAK 0x04 before that). */
  private greeted = false;

  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly options: DeviceLinkOptions,
  ) {
    this.armWatchdog();
  }

  /** Power-up: announce the (re)start to the host. */
  boot(): void {
    this.emit(BOOT, new Uint8Array(0));
  }

  /**
   * A power cycle: everything the link remembered is gone (the last SEQ and its reply, queued
   * events, the greeting), as on a real controller; then BOOT is announced.
   */
  powerCycle(): void {
    this.lastSeq = null;
    this.lastReply = null;
    this.events.length = 0;
    this.outstanding = null;
    if (this.resendTimer) this.options.timers.clearTimeout(this.resendTimer);
    this.resendTimer = null;
    this.greeted = false;
    this.armWatchdog();
    this.boot();
  }

  emit(type: number, payload: Uint8Array): void {
    if (this.events.length >= (this.options.maxQueuedEvents ?? 32)) this.events.shift();
    this.events.push({ type, payload });
    this.nextEvent();
  }

  stop(): void {
    this.stopped = true;
    if (this.resendTimer) this.options.timers.clearTimeout(this.resendTimer);
    if (this.watchdog) this.options.timers.clearTimeout(this.watchdog);
  }

  receive(bytes: Uint8Array): void {
    for (const ev of this.decoder.push(bytes)) {
      // Corrupt frames are dropped silently: the host's timeout and resend recover.
      if (ev.kind === 'frame') this.onFrame(ev.frame);
    }
  }

  private onFrame(frame: Frame): void {
    this.armWatchdog();
    if (frame.type === ACK) {
      if (this.outstanding?.seq === frame.seq) {
        this.outstanding = null;
        if (this.resendTimer) this.options.timers.clearTimeout(this.resendTimer);
        this.resendTimer = null;
        this.nextEvent();
      }
      return;
    }
    if (!isCommandType(frame.type)) return;
    if (frame.type !== HELLO && frame.seq === this.lastSeq && this.lastReply !== null) {
      this.send(this.lastReply); // a resend: the first ACK was lost
      return;
    }
    const reply: DeviceReply = this.greeted || frame.type === HELLO || frame.type === PING ? this.execute(frame) : err(NakCode.notGreeted);
    if (frame.type === HELLO && reply.ok) this.greeted = true;
    const bytes = reply.ok
      ? encodeFrame({ seq: frame.seq, type: ACK, payload: reply.value ?? new Uint8Array(0) })
      : encodeFrame({ seq: frame.seq, type: NAK, payload: Uint8Array.of(reply.error) });
    this.lastSeq = frame.seq;
    this.lastReply = bytes;
    this.send(bytes);
  }

  private execute(frame: Frame): DeviceReply {
    switch (frame.type) {
      case HELLO:
        if (frame.payload[0] !== PROTOCOL_VERSION) return err(NakCode.badPayload);
        this.options.onHello?.();
        return ok(
          encodeHelloReply({
            protocolVersion: PROTOCOL_VERSION,
            deviceClass: this.options.deviceClass,
            identity: this.options.identity,
          }),
        );
      case PING:
        return ok(this.options.status());
      default:
        return this.options.handle(frame.type, frame.payload);
    }
  }

  private nextEvent(): void {
    if (this.outstanding !== null || this.stopped) return;
    const ev = this.events.shift();
    if (ev === undefined) return;
    this.eventSeq = this.eventSeq >= 0xff ? 1 : this.eventSeq + 1;
    this.outstanding = { seq: this.eventSeq, bytes: encodeFrame({ seq: this.eventSeq, type: ev.type, payload: ev.payload }) };
    this.transmitEvent();
  }

  private transmitEvent(): void {
    const o = this.outstanding;
    if (o === null || this.stopped) return;
    this.send(o.bytes);
    this.resendTimer = this.options.timers.setTimeout(() => this.transmitEvent(), this.options.eventResendMs ?? 200);
  }

  private armWatchdog(): void {
    if (this.stopped || this.options.watchdogMs === undefined) return;
    if (this.watchdog) this.options.timers.clearTimeout(this.watchdog);
    this.watchdogTripped = false;
    this.watchdog = this.options.timers.setTimeout(() => {
      if (this.watchdogTripped) return;
      this.watchdogTripped = true;
      this.options.onWatchdog?.();
    }, this.options.watchdogMs);
  }
}
