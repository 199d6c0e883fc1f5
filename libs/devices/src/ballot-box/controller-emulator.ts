// The ballot-box controller's firmware behaviour, in TypeScript: the reference for the
// firmware developer (with HARDWARE.md), the far end of the simulator, and the device the
// driver is tested against over MockBinding. It closes the flap by itself on a deposit,
// at the end of the granted time, when the cover opens and when the host falls silent.

import { done, err, ok } from '@ovs/basics';
import { DeviceLink, type DeviceReply } from '../serial/link-device.ts';
import { DeviceClass, NakCode } from '../serial/link-codes.ts';
import type { DeviceIdentity } from '../self-test.ts';
import type { TimerHandle, Timers } from '../timers.ts';
import {
  CLOSE_REASONS,
  Command,
  encodeStatus,
  Event,
  LED_MODES,
  MAX_OPEN_MS,
  MIN_OPEN_MS,
  Nak,
  SelfTestBits,
  type ControllerStatus,
  type FlapCloseReason,
  type FlapState,
  type LedMode,
} from './protocol.ts';

export interface ControllerEmulatorOptions {
  readonly timers: Timers;
  readonly identity?: DeviceIdentity;
  /** Time the flap takes to move. Default 150 ms. */
  readonly flapTravelMs?: number;
  /** Host silence after which the flap closes. Default 2000 ms. */
  readonly watchdogMs?: number;
}

export class BallotBoxControllerEmulator {
  private readonly link: DeviceLink;
  private flap: FlapState = 'closed';
  private red: LedMode = 'on';
  private green: LedMode = 'off';
  private cover: 'closed' | 'open' = 'closed';
  private depositSensor: 'clear' | 'blocked' = 'clear';
  private watchdogTripped = false;
  private deposits = 0;
  private motorJammed = false;
  private failedChecks = 0;
  private openTimer: TimerHandle | null = null;
  private travelTimer: TimerHandle | null = null;
  private readonly timers: Timers;
  private readonly travelMs: number;
  /** Every position the flap reached, in order: tests read the flap's history from here. */
  readonly flapHistory: FlapState[] = [];
  /** OPEN_FLAP commands executed (duplicates answered from memory are not counted). */
  openCommands = 0;

  constructor(send: (bytes: Uint8Array) => void, options: ControllerEmulatorOptions) {
    this.timers = options.timers;
    this.travelMs = options.flapTravelMs ?? 150;
    this.link = new DeviceLink(send, {
      deviceClass: DeviceClass.ballotBoxController,
      identity: options.identity ?? { model: 'OVS-BB-EMU', firmware: '1.0.0', serial: 'EMU-0001' },
      timers: options.timers,
      status: () => encodeStatus(this.state),
      handle: (type, payload) => this.handle(type, payload),
      watchdogMs: options.watchdogMs ?? 2000,
      onWatchdog: () => {
        this.watchdogTripped = true;
        this.red = 'on';
        this.green = 'off';
        this.close('watchdog');
      },
      onHello: () => {
        this.watchdogTripped = false;
      },
    });
  }

  get state(): ControllerStatus {
    return {
      flap: this.flap,
      red: this.red,
      green: this.green,
      cover: this.cover,
      depositSensor: this.depositSensor,
      watchdogTripped: this.watchdogTripped,
      deposits: this.deposits,
    };
  }

  receive(bytes: Uint8Array): void {
    this.link.receive(bytes);
  }

  /** Power-up: flap closed, red LED on, BOOT announced to the host. */
  powerUp(): void {
    // A power cycle stops the motor and forgets every timer: the flap is closed and stays so.
    if (this.openTimer) this.timers.clearTimeout(this.openTimer);
    if (this.travelTimer) this.timers.clearTimeout(this.travelTimer);
    this.openTimer = null;
    this.travelTimer = null;
    this.setFlap('closed');
    this.red = 'on';
    this.green = 'off';
    this.watchdogTripped = false;
    this.link.powerCycle();
  }

  stop(): void {
    this.link.stop();
    if (this.openTimer) this.timers.clearTimeout(this.openTimer);
    if (this.travelTimer) this.timers.clearTimeout(this.travelTimer);
  }

  // ---- the physical world ----

  /** A ballot is pushed into the slot: it only goes in while the flap is open. */
  deposit(): 'deposited' | 'flap-closed' {
    if (this.flap !== 'open') return 'flap-closed';
    this.deposits = (this.deposits + 1) & 0xffff;
    this.link.emit(Event.deposit, Uint8Array.of(this.deposits >> 8, this.deposits & 0xff));
    this.close('deposit');
    return 'deposited';
  }

  setCover(state: 'open' | 'closed'): void {
    if (this.cover === state) return;
    this.cover = state;
    this.link.emit(Event.cover, Uint8Array.of(state === 'open' ? 1 : 0));
    if (state === 'open') this.close('cover-opened');
  }

  /** From now on the flap motor cannot move (a jammed sheet, a broken motor). */
  jamMotor(jammed: boolean): void {
    this.motorJammed = jammed;
    if (!jammed && this.flap === 'jammed') this.setFlap('closed');
  }

  /** Make the controller's own SELF_TEST report these checks (SelfTestBits) as failed. */
  failSelfTestChecks(bits: number): void {
    this.failedChecks = bits;
  }

  // ---- protocol ----

  private handle(type: number, payload: Uint8Array): DeviceReply {
    switch (type) {
      case Command.getStatus:
        return ok(encodeStatus(this.state));
      case Command.setLeds: {
        const red = LED_MODES[payload[0] ?? 99];
        const green = LED_MODES[payload[1] ?? 99];
        if (payload.length !== 2 || red === undefined || green === undefined) return err(NakCode.badPayload);
        this.red = red;
        this.green = green;
        return done;
      }
      case Command.openFlap: {
        if (payload.length !== 2) return err(NakCode.badPayload);
        const ms = ((payload[0] ?? 0) << 8) | (payload[1] ?? 0);
        if (ms < MIN_OPEN_MS || ms > MAX_OPEN_MS) return err(Nak.badDuration);
        if (this.cover === 'open') return err(Nak.coverOpen);
        if (this.flap === 'jammed') return err(Nak.flapJammed);
        this.openCommands++;
        this.open(ms);
        return done;
      }
      case Command.closeFlap:
        if (payload.length !== 0) return err(NakCode.badPayload);
        this.close('command');
        return done;
      case Command.selfTest: {
        const all =
          SelfTestBits.depositSensor | SelfTestBits.flapClosedSwitch | SelfTestBits.flapOpenSwitch | SelfTestBits.coverSwitch | SelfTestBits.redLed | SelfTestBits.greenLed;
        return ok(Uint8Array.of(all & ~this.failedChecks));
      }
      default:
        return err(NakCode.unknownCommand);
    }
  }

  private open(ms: number): void {
    if (this.openTimer) this.timers.clearTimeout(this.openTimer);
    this.openTimer = this.timers.setTimeout(() => this.close('timeout'), ms);
    if (this.flap === 'open' || this.flap === 'opening') return;
    this.move('opening', () => {
      this.setFlap('open');
      this.link.emit(Event.flap, Uint8Array.of(2, 0));
    });
  }

  private close(reason: FlapCloseReason): void {
    if (this.openTimer) this.timers.clearTimeout(this.openTimer);
    this.openTimer = null;
    if (this.flap === 'closed' || this.flap === 'closing' || this.flap === 'jammed') return;
    this.move('closing', () => {
      this.setFlap('closed');
      this.link.emit(Event.flap, Uint8Array.of(0, CLOSE_REASONS.indexOf(reason)));
    });
  }

  private move(through: 'opening' | 'closing', arrive: () => void): void {
    if (this.travelTimer) this.timers.clearTimeout(this.travelTimer);
    this.setFlap(through);
    this.travelTimer = this.timers.setTimeout(() => {
      this.travelTimer = null;
      if (this.motorJammed) {
        this.setFlap('jammed');
        this.link.emit(Event.flapJammed, Uint8Array.of(through === 'opening' ? 0 : 1));
        return;
      }
      arrive();
    }, this.travelMs);
  }

  private setFlap(state: FlapState): void {
    this.flap = state;
    this.flapHistory.push(state);
  }
}
