// The console's devices in the simulator: the devices library's simulated card terminal and
// thermal printer, plus a "card desk" playing the president's hands — a blank card is put in
// the writer when needed, and every written card is taken out and handed on (the virtual
// polling station gives it to a voting computer).
import { createCardReader, SimulatedCard, type CardReader, type SimulatedCardReader } from '@ovs/devices/card';
import { createPrinter, type SimulatedPrinter } from '@ovs/devices/printer';

export interface SimulatedConsoleDevices {
  cardWriter: CardReader;
  reader: SimulatedCardReader;
  printer: SimulatedPrinter;
  /** Cards written and taken out, oldest first, with what was written (unless `onCard` takes them). */
  cards: WrittenCard[];
}

export interface WrittenCard {
  card: SimulatedCard;
  payload: Uint8Array;
}

export function createSimulatedConsoleDevices(options: { onCard?: (written: WrittenCard) => void; autoFeed?: boolean } = {}): SimulatedConsoleDevices {
  const reader = createCardReader({ kind: 'simulated' });
  const printer = createPrinter({ kind: 'simulated' });
  const cards: WrittenCard[] = [];
  const autoFeed = options.autoFeed ?? true;
  const cardWriter: CardReader = {
    implementation: reader.implementation,
    status: () => reader.status(),
    onEvent: (l) => reader.onEvent(l),
    read: () => reader.read(),
    markUsed: (tag) => reader.markUsed(tag),
    async selfTest(o) {
      // The technician's test card: the desk puts a blank card in and leaves it there (the next
      // card written goes on it, as a president would reuse it).
      if (autoFeed && reader.terminal.card === null) {
        reader.terminal.insert(new SimulatedCard());
        for (let i = 0; i < 200 && reader.status().kind !== 'card-present'; i++) await new Promise((r) => setTimeout(r, 5));
      }
      return reader.selfTest(o);
    },
    close: () => reader.close(),
    async write(payload) {
      if (autoFeed && reader.terminal.card === null) reader.terminal.insert(new SimulatedCard());
      const r = await reader.write(payload);
      if (r.ok && autoFeed) {
        const card = reader.terminal.remove();
        if (card) {
          const written = { card, payload: new Uint8Array(payload) };
          if (options.onCard) options.onCard(written);
          else cards.push(written);
        }
      }
      return r;
    },
  };
  return { cardWriter, reader, printer, cards };
}
