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

/**
 * Puts a card in the slot: one written with `payload` as the president console writes it, or a
 * card taken out before (an erased activation card back as the president's key, say).
 */
export function insertCard(devices: SimulatedDevices, card: Uint8Array | SimulatedCard): SimulatedCard {
  const chip = card instanceof SimulatedCard ? card : SimulatedCard.initialised(card);
  devices.cardReader.terminal.insert(chip);
  return chip;
}

/** Takes the card out of the slot (null when there was none). */
export function removeCard(devices: SimulatedDevices): SimulatedCard | null {
  return devices.cardReader.terminal.remove();
}

/** The voter tears off the ballot: the printed tickets leave the (simulated) printer. */
export function takeTickets(devices: SimulatedDevices): SimulatedTicket[] {
  return devices.printer.tickets.splice(0);
}
