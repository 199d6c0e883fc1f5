// The card terminal's firmware behaviour, in TypeScript: the reference next to HARDWARE.md,
// the far end of the simulator, and the device the driver is tested against over
// MockBinding. Cards are in-memory EEPROM images that can be inserted, pulled (also in the
// middle of an operation, leaving a torn write), damaged or write-protected.

import { done, err, ok } from '@ovs/basics';
import { DeviceLink, type DeviceReply } from '../serial/link-device.ts';
import { DeviceClass, NakCode } from '../serial/link-codes.ts';
import type { DeviceIdentity } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import { encodeCardImage, USED_BYTES, USED_OFFSET } from './card-layout.ts';
import { Command, encodeTerminalStatus, Event, MAX_TRANSFER, Nak, type TerminalStatus } from './protocol.ts';

export class SimulatedCard {
  readonly memory: Uint8Array;
  writeProtected = false;
  /** The terminal cannot talk to this card at all (broken chip, wrong card type). */
  unreadable = false;

  constructor(capacity = 2048) {
    this.memory = new Uint8Array(capacity).fill(0xff);
  }

  /** A card as the president console leaves it: payload written, not used. */
  static initialised(payload: Uint8Array, capacity = 2048): SimulatedCard {
    const card = new SimulatedCard(capacity);
    card.memory.set(encodeCardImage(payload), 0);
    return card;
  }

  /** Flip bits at `offset` (a scratched contact, a worn EEPROM cell). */
  damage(offset: number, mask = 0x01): void {
    this.memory[offset] = (this.memory[offset] ?? 0) ^ mask;
  }
}

export class CardTerminalEmulator {
  private readonly link: DeviceLink;
  private slot: SimulatedCard | null = null;
  private pullNext = false;

  constructor(
    send: (bytes: Uint8Array) => void,
    options: { readonly timers: Timers; readonly identity?: DeviceIdentity },
  ) {
    this.link = new DeviceLink(send, {
      deviceClass: DeviceClass.cardTerminal,
      identity: options.identity ?? { model: 'OVS-CT-EMU', firmware: '1.0.0', serial: 'EMU-0002' },
      timers: options.timers,
      status: () => encodeTerminalStatus(this.status),
      handle: (type, payload) => this.handle(type, payload),
    });
  }

  get card(): SimulatedCard | null {
    return this.slot;
  }

  get status(): TerminalStatus {
    if (this.slot === null) return { slot: 'empty', capacity: 0, writeProtected: false };
    if (this.slot.unreadable) return { slot: 'card-error', capacity: 0, writeProtected: false };
    return { slot: 'card-present', capacity: this.slot.memory.length, writeProtected: this.slot.writeProtected };
  }

  receive(bytes: Uint8Array): void {
    this.link.receive(bytes);
  }

  insert(card: SimulatedCard): void {
    if (this.slot !== null) this.remove();
    this.slot = card;
    if (card.unreadable) this.link.emit(Event.cardError, new Uint8Array(0));
    else this.link.emit(Event.inserted, Uint8Array.of(card.memory.length >> 8, card.memory.length & 0xff));
  }

  remove(): SimulatedCard | null {
    const card = this.slot;
    if (card === null) return null;
    this.slot = null;
    this.link.emit(Event.removed, new Uint8Array(0));
    return card;
  }

  /** The voter pulls the card during the next read or write; a write is left half done. */
  pullDuringNextOperation(): void {
    this.pullNext = true;
  }

  stop(): void {
    this.link.stop();
  }

  private handle(type: number, p: Uint8Array): DeviceReply {
    switch (type) {
      case Command.getStatus:
        return ok(encodeTerminalStatus(this.status));
      case Command.read: {
        if (p.length !== 4) return err(NakCode.badPayload);
        const offset = ((p[0] ?? 0) << 8) | (p[1] ?? 0);
        const length = ((p[2] ?? 0) << 8) | (p[3] ?? 0);
        const card = this.ready();
        if (typeof card === 'number') return err(card);
        if (length < 1 || length > MAX_TRANSFER || offset + length > card.memory.length) return err(Nak.outOfRange);
        if (this.pulled()) return err(Nak.cardRemoved);
        return ok(card.memory.slice(offset, offset + length));
      }
      case Command.write: {
        if (p.length < 3) return err(NakCode.badPayload);
        const offset = ((p[0] ?? 0) << 8) | (p[1] ?? 0);
        const data = p.subarray(2);
        const card = this.ready();
        if (typeof card === 'number') return err(card);
        if (data.length > MAX_TRANSFER || offset + data.length > card.memory.length) return err(Nak.outOfRange);
        if (card.writeProtected) return err(Nak.writeProtected);
        if (this.pullNext) {
          card.memory.set(data.subarray(0, data.length >> 1), offset); // torn: half written
          this.pulled();
          return err(Nak.cardRemoved);
        }
        card.memory.set(data, offset);
        return done;
      }
      case Command.markUsed: {
        if (p.length !== 2 + USED_BYTES) return err(NakCode.badPayload);
        const offset = ((p[0] ?? 0) << 8) | (p[1] ?? 0);
        if (offset !== USED_OFFSET) return err(Nak.outOfRange);
        const card = this.ready();
        if (typeof card === 'number') return err(card);
        if (offset + USED_BYTES > card.memory.length) return err(Nak.outOfRange);
        if (card.writeProtected) return err(Nak.writeProtected);
        // Compare-and-write in one step: only an erased area can be marked.
        if (!card.memory.subarray(offset, offset + USED_BYTES).every((b) => b === 0xff)) return err(Nak.alreadyUsed);
        if (this.pullNext) {
          card.memory.set(p.subarray(2, 2 + USED_BYTES / 2), offset);
          this.pulled();
          return err(Nak.cardRemoved);
        }
        card.memory.set(p.subarray(2), offset);
        return done;
      }
      default:
        return err(NakCode.unknownCommand);
    }
  }

  private ready(): SimulatedCard | number {
    if (this.slot === null) return Nak.noCard;
    if (this.slot.unreadable) return Nak.cardError;
    return this.slot;
  }

  private pulled(): boolean {
    if (!this.pullNext) return false;
    this.pullNext = false;
    this.remove();
    return true;
  }
}
