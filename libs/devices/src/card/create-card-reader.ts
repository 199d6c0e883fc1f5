// The one way to get a card reader: a serial card terminal, or the simulator (the same
// driver talking to the terminal emulator, whose in-memory cards the demo inserts and pulls).

import { openSerialChannel, type SerialBinding } from '../serial/channel.ts';
import { createPipe } from '../serial/pipe.ts';
import { realTimers, type Timers } from '../timers.ts';
import type { CardReader } from './card-reader.ts';
import { SerialCardReader } from './serial-card-reader.ts';
import { CardTerminalEmulator } from './terminal-emulator.ts';

export type CardReaderConfig =
  | { readonly kind: 'simulated' }
  | { readonly kind: 'serial'; readonly path: string; readonly baudRate: number; readonly binding?: SerialBinding };

export interface SimulatedCardReader extends CardReader {
  /** Insert, pull, damage or write-protect cards here. */
  readonly terminal: CardTerminalEmulator;
  pullCable(): void;
  plugCable(): void;
}

export function createCardReader(config: { kind: 'simulated' }, timers?: Timers): SimulatedCardReader;
export function createCardReader(config: CardReaderConfig, timers?: Timers): CardReader;
export function createCardReader(config: CardReaderConfig, timers: Timers = realTimers()): CardReader {
  switch (config.kind) {
    case 'simulated': {
      const pipe = createPipe();
      const terminal = new CardTerminalEmulator((b) => pipe.device.send(b), { timers });
      pipe.device.onReceive((b) => terminal.receive(b));
      const driver = new SerialCardReader(pipe.host, timers, { implementation: 'simulated' });
      return Object.assign(driver, { terminal, pullCable: () => pipe.cut(), plugCable: () => pipe.mend() });
    }
    case 'serial':
      return new SerialCardReader(openSerialChannel({ path: config.path, baudRate: config.baudRate, binding: config.binding }, timers), timers);
    default:
      return config satisfies never;
  }
}
