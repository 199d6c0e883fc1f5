// The one way to get the voting computer's alarm.

import { openSerialChannel, type SerialBinding } from '../serial/channel.ts';
import { realTimers, type Timers } from '../timers.ts';
import type { Alarm } from './alarm.ts';
import { GpioFileAlarm, SerialAlarm, SimulatedAlarm } from './alarm-outputs.ts';

export type AlarmConfig =
  | { readonly kind: 'simulated' }
  | { readonly kind: 'gpio-file'; readonly path: string; readonly activeLow?: boolean }
  | { readonly kind: 'serial'; readonly path: string; readonly baudRate: number; readonly binding?: SerialBinding };

export function createAlarm(config: { kind: 'simulated' }, timers?: Timers): SimulatedAlarm;
export function createAlarm(config: AlarmConfig, timers?: Timers): Alarm;
export function createAlarm(config: AlarmConfig, timers: Timers = realTimers()): Alarm {
  switch (config.kind) {
    case 'simulated':
      return new SimulatedAlarm(timers);
    case 'gpio-file':
      return new GpioFileAlarm(timers, config.path, config.activeLow ?? false);
    case 'serial':
      return new SerialAlarm(openSerialChannel({ path: config.path, baudRate: config.baudRate, binding: config.binding }, timers), timers);
    default:
      return config satisfies never;
  }
}
