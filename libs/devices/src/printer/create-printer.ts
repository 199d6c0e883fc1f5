// The one way to get a printer: configuration decides between hardware and simulator.

import { openSerialChannel, type SerialBinding } from '../serial/channel.ts';
import { realTimers, type Timers } from '../timers.ts';
import { openDeviceFileChannel } from './device-file-channel.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import type { ThermalPrinter } from './printer.ts';
import { SimulatedPrinter, type SimulatedPrinterOptions } from './simulated-printer.ts';

export type PrinterConfig =
  | ({ readonly kind: 'simulated' } & SimulatedPrinterOptions)
  | {
      readonly kind: 'serial';
      readonly path: string;
      readonly baudRate: number;
      /** RTS/CTS flow control; recommended (the printer pauses the host when its buffer fills). */
      readonly rtscts?: boolean;
      readonly statusTimeoutMs?: number;
      readonly binding?: SerialBinding;
    }
  | { readonly kind: 'device-file'; readonly path: string; readonly statusTimeoutMs?: number };

export function createPrinter(config: { kind: 'simulated' } & SimulatedPrinterOptions, timers?: Timers): SimulatedPrinter;
export function createPrinter(config: PrinterConfig, timers?: Timers): ThermalPrinter;
export function createPrinter(config: PrinterConfig, timers: Timers = realTimers()): ThermalPrinter {
  switch (config.kind) {
    case 'simulated':
      return new SimulatedPrinter(config);
    case 'serial':
      return new EscPosPrinter(
        openSerialChannel({ path: config.path, baudRate: config.baudRate, rtscts: config.rtscts ?? true, binding: config.binding }, timers),
        timers,
        { statusTimeoutMs: config.statusTimeoutMs },
      );
    case 'device-file':
      return new EscPosPrinter(openDeviceFileChannel({ path: config.path }, timers), timers, { statusTimeoutMs: config.statusTimeoutMs });
    default:
      return config satisfies never;
  }
}
