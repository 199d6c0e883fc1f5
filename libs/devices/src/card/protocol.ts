// The card terminal's commands and events on the OVS serial link (HARDWARE.md, "Card
// terminal"). The terminal reads and writes card memory; the layout is the host's business,
// except MARK_USED, which is a compare-and-write the terminal does in one step.

export const Command = {
  getStatus: 0x02,
  read: 0x03,
  write: 0x04,
  markUsed: 0x05,
} as const;

export const Event = {
  inserted: 0x40,
  removed: 0x41,
  cardError: 0x42,
} as const;

export const Nak = {
  noCard: 0x10,
  cardRemoved: 0x11,
  cardError: 0x12,
  outOfRange: 0x13,
  writeProtected: 0x14,
  writeFailed: 0x15,
  alreadyUsed: 0x16,
} as const;

/** Most bytes one READ may ask for, or one WRITE may carry. */
export const MAX_TRANSFER = 2048;

export type SlotState = 'empty' | 'card-present' | 'card-error';
export const SLOT_STATES: readonly SlotState[] = ['empty', 'card-present', 'card-error'];

export interface TerminalStatus {
  readonly slot: SlotState;
  /** Card memory in bytes (0 when no card). */
  readonly capacity: number;
  readonly writeProtected: boolean;
}

//  0  slot state (index in SLOT_STATES)
//  1  capacity, big-endian u16 (bytes)
//  3  flags: bit 0 write-protected
export function encodeTerminalStatus(s: TerminalStatus): Uint8Array {
  return Uint8Array.of(SLOT_STATES.indexOf(s.slot), (s.capacity >> 8) & 0xff, s.capacity & 0xff, s.writeProtected ? 1 : 0);
}

export function decodeTerminalStatus(b: Uint8Array): TerminalStatus | null {
  const slot = SLOT_STATES[b[0] ?? 99];
  if (b.length !== 4 || slot === undefined || (b[3] ?? 0) > 1) return null;
  return { slot, capacity: ((b[1] ?? 0) << 8) | (b[2] ?? 0), writeProtected: b[3] === 1 };
}

export function u16(n: number): [number, number] {
  return [(n >> 8) & 0xff, n & 0xff];
}
