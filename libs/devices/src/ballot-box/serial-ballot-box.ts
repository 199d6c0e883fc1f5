// Host driver for the ballot-box controller on the OVS serial link. Safety rules, all
// tested: OPEN_FLAP is sent only from openFlap(), never resent after its own retries and
// never replayed after a reconnect; when an open is not confirmed the driver sends
// CLOSE_FLAP at once; whenever the link comes (back) up the first command is CLOSE_FLAP.

import { done, err } from '@ovs/basics';
import type { ByteChannel } from '../serial/channel.ts';
import { DeviceClass, NakCode } from '../serial/link-codes.ts';
import { DEFAULT_LINK_TIMING, HostLink, type CommandResult, type LinkTiming } from '../serial/link-host.ts';
import { check, report, type SelfTestCheck, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import { sleep, type Timers } from '../timers.ts';
import type { BallotBox, BallotBoxEvent, BallotBoxResult, BallotBoxStatus } from './ballot-box.ts';
import {
  CLOSE_REASONS,
  Command,
  decodeStatus,
  Event,
  LED_MODES,
  MAX_OPEN_MS,
  MIN_OPEN_MS,
  Nak,
  SelfTestBits,
  type ControllerStatus,
  type LedMode,
} from './protocol.ts';

export interface SerialBallotBoxOptions {
  readonly timing?: LinkTiming;
  readonly implementation?: 'real' | 'simulated';
}

export class SerialBallotBox implements BallotBox {
  readonly implementation: 'real' | 'simulated';
  private readonly link: HostLink;
  private last: ControllerStatus | null = null;
  private leds: { red: LedMode; green: LedMode } = { red: 'on', green: 'off' };
  private readonly listeners = new Set<(e: BallotBoxEvent) => void>();
  /** Protocol events with a payload we could not read (counted, never acted on). */
  malformedEvents = 0;

  constructor(
    channel: ByteChannel,
    private readonly timers: Timers,
    options: SerialBallotBoxOptions = {},
  ) {
    this.implementation = options.implementation ?? 'real';
    this.link = new HostLink(channel, DeviceClass.ballotBoxController, timers, options.timing ?? DEFAULT_LINK_TIMING);
    this.link.onHeartbeat((bytes) => this.remember(decodeStatus(bytes)));
    this.link.onEvent((type, payload) => this.onControllerEvent(type, payload));
    let up = false;
    let lost = false;
    this.link.onState((s) => {
      switch (s.kind) {
        case 'up':
          void this.resynchronise(lost);
          up = true;
          lost = false;
          break;
        case 'down':
          this.last = null;
          if (up) {
            lost = true;
            this.emit({ kind: 'connection-lost' });
          }
          up = false;
          break;
        case 'starting':
          break;
        default:
          s satisfies never;
      }
    });
  }

  status(): BallotBoxStatus {
    const s = this.link.state;
    switch (s.kind) {
      case 'starting':
        return { kind: 'disconnected', reason: 'starting' };
      case 'down':
        return { kind: 'disconnected', reason: s.reason };
      case 'up': {
        const c = this.last;
        if (c === null) return { kind: 'disconnected', reason: 'starting' };
        return { kind: 'connected', flap: c.flap, red: c.red, green: c.green, cover: c.cover, depositSensor: c.depositSensor, deposits: c.deposits };
      }
      default:
        return s satisfies never;
    }
  }

  onEvent(listener: (event: BallotBoxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async openFlap(ms: number): Promise<BallotBoxResult> {
    if (!Number.isInteger(ms) || ms < MIN_OPEN_MS || ms > MAX_OPEN_MS) return err('refused');
    // retries: the link resends the same SEQ; the controller executes it once.
    const r = await this.link.command(Command.openFlap, Uint8Array.of(ms >> 8, ms & 0xff));
    if (r.ok) return done;
    if (r.error.code === 'nak') {
      switch (r.error.nak) {
        case Nak.coverOpen:
          return err('cover-open');
        case Nak.flapJammed:
          return err('flap-jammed');
        case NakCode.notGreeted:
          // The controller restarted before it executed this (or forgot that it did): not opened.
          return err('disconnected');
        default:
          return err('refused');
      }
    }
    // Not confirmed: it may have opened. Close it now; the controller's own timer and
    // watchdog close it anyway if this does not get through.
    void this.link.command(Command.closeFlap);
    return err(r.error.code === 'timeout' ? 'timeout' : 'disconnected');
  }

  async closeFlap(): Promise<BallotBoxResult> {
    return this.result(await this.link.command(Command.closeFlap));
  }

  async setLeds(leds: { readonly red: LedMode; readonly green: LedMode }): Promise<BallotBoxResult> {
    this.leds = { ...leds };
    return this.result(await this.link.command(Command.setLeds, Uint8Array.of(LED_MODES.indexOf(leds.red), LED_MODES.indexOf(leds.green))));
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const checks: SelfTestCheck[] = [];
    const link = this.link.state;
    if (link.kind !== 'up') {
      checks.push(check('link', 'Controller answers on the serial line', 'fail', `no answer (${link.kind === 'down' ? link.reason : 'starting'}): check cable and power`));
      return report('ballot-box', this.implementation, options.phase, null, checks);
    }
    checks.push(check('link', 'Controller answers on the serial line', 'pass', `${link.identity.model} firmware ${link.identity.firmware}`));
    const st = await this.link.command(Command.selfTest);
    if (!st.ok || st.value.length !== 1) {
      checks.push(check('sensors', "Controller's sensor self-test", 'fail', st.ok ? 'malformed answer' : st.error.code));
    } else {
      const bits = st.value[0] ?? 0;
      const named: [number, string, string][] = [
        [SelfTestBits.depositSensor, 'deposit-sensor', 'Deposit sensor (light barrier) sees its emitter'],
        [SelfTestBits.flapClosedSwitch, 'flap-closed-switch', 'Flap "closed" end switch'],
        [SelfTestBits.flapOpenSwitch, 'flap-open-switch', 'Flap "open" end switch'],
        [SelfTestBits.coverSwitch, 'cover-switch', 'Cover (tamper) switch'],
        [SelfTestBits.redLed, 'red-led', 'Red LED draws current'],
        [SelfTestBits.greenLed, 'green-led', 'Green LED draws current'],
      ];
      for (const [bit, id, title] of named) checks.push(check(id, title, bits & bit ? 'pass' : 'fail', bits & bit ? 'ok' : 'reported faulty by the controller'));
    }
    const cover = this.last?.cover;
    checks.push(check('cover', 'Cover closed', cover === 'closed' ? 'pass' : 'fail', cover === 'closed' ? 'closed' : 'open or unknown: close and seal the cover'));
    if (cover === 'closed') checks.push(await this.flapCycle());
    const leds = this.leds;
    await this.setLeds({ red: 'blink', green: 'blink' });
    await sleep(this.timers, 2000);
    await this.setLeds(leds);
    checks.push(check('leds', 'LEDs visible', 'operator', 'both LEDs blinked for 2 seconds; confirm both were seen'));
    if (options.phase === 'fase-1') {
      checks.push(check('deposit', 'Deposit sensor counts a sheet', 'operator', 'open the flap from the test menu, drop a blank sheet, confirm the deposit counter went up by one'));
    }
    return report('ballot-box', this.implementation, options.phase, link.identity, checks);
  }

  async close(): Promise<void> {
    await this.link.command(Command.closeFlap, new Uint8Array(0), 1);
    await this.link.close();
  }

  private async flapCycle(): Promise<SelfTestCheck> {
    const seen: BallotBoxEvent[] = [];
    const off = this.onEvent((e) => seen.push(e));
    const opened = await this.openFlap(MIN_OPEN_MS * 2);
    await sleep(this.timers, 500);
    const closed = await this.closeFlap();
    await sleep(this.timers, 1000);
    off();
    const sawOpen = seen.some((e) => e.kind === 'flap-opened');
    const sawClose = seen.some((e) => e.kind === 'flap-closed');
    const jam = seen.find((e) => e.kind === 'flap-jammed');
    if (opened.ok && closed.ok && sawOpen && sawClose && !jam) return check('flap', 'Flap opens and closes', 'pass', 'both end switches reached');
    const why = jam ? 'flap jammed' : !opened.ok ? `open refused: ${opened.error}` : !sawOpen ? 'never reported open' : 'never reported closed';
    return check('flap', 'Flap opens and closes', 'fail', why);
  }

  private async resynchronise(reconnected: boolean): Promise<void> {
    // First thing on every (re)connection: make sure the flap is closed.
    await this.link.command(Command.closeFlap);
    await this.link.command(Command.setLeds, Uint8Array.of(LED_MODES.indexOf(this.leds.red), LED_MODES.indexOf(this.leds.green)));
    const s = await this.link.command(Command.getStatus);
    if (s.ok) this.remember(decodeStatus(s.value));
    if (reconnected) this.emit({ kind: 'connection-restored' });
  }

  private remember(s: ControllerStatus | null): void {
    if (s !== null) this.last = s;
  }

  private onControllerEvent(type: number, payload: Uint8Array): void {
    const e = this.decodeEvent(type, payload);
    if (e === null) {
      this.malformedEvents++;
      return;
    }
    if (this.last !== null) this.last = applyEvent(this.last, e);
    if (e.kind === 'controller-restarted') void this.resynchronise(false);
    this.emit(e);
  }

  private decodeEvent(type: number, p: Uint8Array): BallotBoxEvent | null {
    switch (type) {
      case Event.deposit:
        return p.length === 2 ? { kind: 'deposit', count: ((p[0] ?? 0) << 8) | (p[1] ?? 0) } : null;
      case Event.cover:
        return p.length === 1 && (p[0] ?? 9) <= 1 ? { kind: p[0] === 1 ? 'cover-opened' : 'cover-closed' } : null;
      case Event.flap: {
        if (p.length !== 2) return null;
        if (p[0] === 2) return { kind: 'flap-opened' };
        const reason = CLOSE_REASONS[p[1] ?? 99];
        return p[0] === 0 && reason !== undefined ? { kind: 'flap-closed', reason } : null;
      }
      case Event.flapJammed:
        return p.length === 1 && (p[0] ?? 9) <= 1 ? { kind: 'flap-jammed', while: p[0] === 0 ? 'opening' : 'closing' } : null;
      case 0x7f:
        return { kind: 'controller-restarted' };
      default:
        return null;
    }
  }

  private result(r: CommandResult): BallotBoxResult {
    if (r.ok) return done;
    switch (r.error.code) {
      case 'nak':
        return err('refused');
      case 'timeout':
        return err('timeout');
      case 'link-down':
        return err('disconnected');
      default:
        return r.error satisfies never;
    }
  }

  private emit(e: BallotBoxEvent): void {
    for (const l of this.listeners) l(e);
  }
}

function applyEvent(s: ControllerStatus, e: BallotBoxEvent): ControllerStatus {
  switch (e.kind) {
    case 'deposit':
      return { ...s, deposits: e.count };
    case 'flap-opened':
      return { ...s, flap: 'open' };
    case 'flap-closed':
      return { ...s, flap: 'closed' };
    case 'flap-jammed':
      return { ...s, flap: 'jammed' };
    case 'cover-opened':
      return { ...s, cover: 'open' };
    case 'cover-closed':
      return { ...s, cover: 'closed' };
    case 'controller-restarted':
    case 'connection-lost':
    case 'connection-restored':
      return s;
    default:
      return e satisfies never;
  }
}
