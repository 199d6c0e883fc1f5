// Helpers for a voting computer on simulated devices (the virtual polling station, the
// election-day simulation, tests): put a card in the slot, take it out, take the ballot.
import { SimulatedCard, type CardReader, type SimulatedTicket } from '@ovs/devices';
import type { SimulatedDevices } from './start.ts';

/** Resolves once the card reader answers (the simulator's link handshake, or a real reader). */
export function readerReady(reader: CardReader): Promise<void> {
  if (reader.status().kind !== 'no-reader') return Promise.resolve();
  return new Promise((resolve) => {
    const off = reader.onEvent((e) => {
      if (e.kind === 'reader-found') {
        off();
        resolve();
      }
    });
  });
}

/** Puts a card, written with `payload` as the president console writes it, in the slot. */
export function insertCard(devices: SimulatedDevices, payload: Uint8Array): SimulatedCard {
  const card = SimulatedCard.initialised(payload);
  devices.cardReader.terminal.insert(card);
  return card;
}

/** Takes the card out of the slot (null when there was none). */
export function removeCard(devices: SimulatedDevices): SimulatedCard | null {
  return devices.cardReader.terminal.remove();
}

/** The voter tears off the ballot: the printed tickets leave the (simulated) printer. */
export function takeTickets(devices: SimulatedDevices): SimulatedTicket[] {
  return devices.printer.tickets.splice(0);
}
