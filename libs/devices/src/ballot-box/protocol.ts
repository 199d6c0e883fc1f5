// The ballot-box controller's commands, events and status bytes on the OVS serial link
// (HARDWARE.md, "Ballot-box controller"). Shared by the host driver and the emulator.

export const Command = {
  getStatus: 0x02,
  setLeds: 0x03,
  openFlap: 0x04,
  closeFlap: 0x05,
  selfTest: 0x06,
} as const;

export const Event = {
  deposit: 0x40,
  cover: 0x41,
  flap: 0x42,
  flapJammed: 0x43,
} as const;

export const Nak = {
  coverOpen: 0x10,
  flapJammed: 0x11,
  badDuration: 0x12,
} as const;

export type FlapState = 'closed' | 'opening' | 'open' | 'closing' | 'jammed';
export type LedMode = 'off' | 'on' | 'blink';
export type FlapCloseReason = 'command' | 'deposit' | 'timeout' | 'watchdog' | 'cover-opened' | 'power-up';

export const FLAP_STATES: readonly FlapState[] = ['closed', 'opening', 'open', 'closing', 'jammed'];
export const LED_MODES: readonly LedMode[] = ['off', 'on', 'blink'];
export const CLOSE_REASONS: readonly FlapCloseReason[] = ['command', 'deposit', 'timeout', 'watchdog', 'cover-opened', 'power-up'];

/** Bounds of OPEN_FLAP's duration; the controller refuses anything else (NAK badDuration). */
export const MIN_OPEN_MS = 500;
export const MAX_OPEN_MS = 30_000;

export interface ControllerStatus {
  readonly flap: FlapState;
  readonly red: LedMode;
  readonly green: LedMode;
  readonly cover: 'closed' | 'open';
  readonly depositSensor: 'clear' | 'blocked';
  /** Set when the controller closed the flap because the host fell silent; cleared by HELLO. */
  readonly watchdogTripped: boolean;
  /** Deposits sensed since power-up (wraps at 65536): lets the host notice a lost event. */
  readonly deposits: number;
}

//  0  flap state (index in FLAP_STATES)
//  1  LEDs: bits 0-1 red mode, bits 2-3 green mode (index in LED_MODES)
//  2  flags: bit 0 cover open, bit 1 deposit sensor blocked, bit 2 watchdog tripped
//  3  deposits since power-up, big-endian u16
export function encodeStatus(s: ControllerStatus): Uint8Array {
  return Uint8Array.of(
    FLAP_STATES.indexOf(s.flap),
    LED_MODES.indexOf(s.red) | (LED_MODES.indexOf(s.green) << 2),
    (s.cover === 'open' ? 1 : 0) | (s.depositSensor === 'blocked' ? 2 : 0) | (s.watchdogTripped ? 4 : 0),
    (s.deposits >> 8) & 0xff,
    s.deposits & 0xff,
  );
}

export function decodeStatus(b: Uint8Array): ControllerStatus | null {
  if (b.length !== 5) return null;
  const flap = FLAP_STATES[b[0] ?? 99];
  const red = LED_MODES[(b[1] ?? 0) & 3];
  const green = LED_MODES[((b[1] ?? 0) >> 2) & 3];
  if (flap === undefined || red === undefined || green === undefined || (b[1] ?? 0) >> 4 !== 0 || (b[2] ?? 0) >> 3 !== 0) return null;
  return {
    flap,
    red,
    green,
    cover: (b[2] ?? 0) & 1 ? 'open' : 'closed',
    depositSensor: (b[2] ?? 0) & 2 ? 'blocked' : 'clear',
    watchdogTripped: ((b[2] ?? 0) & 4) !== 0,
    deposits: ((b[3] ?? 0) << 8) | (b[4] ?? 0),
  };
}

/** SELF_TEST answer: one bit per sensor/actuator check that passed. */
export const SelfTestBits = {
  depositSensor: 0x01,
  flapClosedSwitch: 0x02,
  flapOpenSwitch: 0x04,
  coverSwitch: 0x08,
  redLed: 0x10,
  greenLed: 0x20,
} as const;
