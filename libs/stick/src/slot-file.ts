// The ballot store: one preallocated file of fixed-size slots. Each ballot is sealed to the
// hoofdbureau (ChaCha20-Poly1305 under the session's X25519 agreement) and written into a
// uniformly random free slot, so the file holds no order, no time and no length.
//
// Header (512 bytes):
//   0–7     magic "OVSSLOT1"
//   8–9     format version (1), big-endian
//   10–11   polling station number
//   12–43   SHA-256 of election.json
//   44–47   slot size in bytes (a power of two, 64–4096)
//   48–51   capacity (number of slots)
//   52–511  zero
// Slot i at byte 512 + i × slotSize:
//   empty:  every byte zero
//   used:   0x01 ‖ nonce (12) ‖ ciphertext (slotSize − 29) ‖ tag (16)
//           plaintext = length (2, big-endian) ‖ signed ballot ‖ zeros
//           AAD = "ovs:stick-slot\0" ‖ package hash ‖ station (2) ‖ session id (16) ‖ i (4) ‖ slot size (4)
import { err, ok, type Result } from '@ovs/basics';
import { aeadOpen, aeadSeal, AEAD_NONCE_BYTES, AEAD_TAG_BYTES, bytesEqual, concatBytes, withDomain } from '@ovs/crypto';

/** The label of the HKDF that turns the session's agreement with the hoofdbureau into the ballot key. */
export const BALLOT_KEY_INFO = 'ovs-stick-ballots/1';

export const SLOT_MAGIC = 'OVSSLOT1';
export const SLOT_FORMAT_VERSION = 1;
export const SLOT_HEADER_BYTES = 512;
export const SLOT_USED = 0x01;
/** State byte, nonce, tag, length prefix: what a slot costs besides the signed ballot. */
export const SLOT_OVERHEAD = 1 + AEAD_NONCE_BYTES + AEAD_TAG_BYTES + 2;
export const MIN_SLOT_BYTES = 64;
export const MAX_SLOT_BYTES = 4096;
export const MAX_CAPACITY = 1 << 20;

export interface SlotHeader {
  station: number;
  packageHash: Uint8Array;
  slotSize: number;
  capacity: number;
}

/** The smallest power of two that holds the largest signed ballot of the station. */
export function slotSizeFor(maxSignedBallotBytes: number): number {
  let size = MIN_SLOT_BYTES;
  while (size < maxSignedBallotBytes + SLOT_OVERHEAD) size *= 2;
  if (size > MAX_SLOT_BYTES) throw new Error(`slotSizeFor: a ballot of ${maxSignedBallotBytes} bytes does not fit a slot`);
  return size;
}

export const slotFileBytes = (h: Pick<SlotHeader, 'slotSize' | 'capacity'>): number => SLOT_HEADER_BYTES + h.slotSize * h.capacity;
export const slotOffset = (h: Pick<SlotHeader, 'slotSize'>, index: number): number => SLOT_HEADER_BYTES + index * h.slotSize;
export const maxSignedBallotBytes = (slotSize: number): number => slotSize - SLOT_OVERHEAD;

export function encodeSlotHeader(h: SlotHeader): Uint8Array {
  const out = new Uint8Array(SLOT_HEADER_BYTES);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(SLOT_MAGIC), 0);
  view.setUint16(8, SLOT_FORMAT_VERSION);
  view.setUint16(10, h.station);
  out.set(h.packageHash, 12);
  view.setUint32(44, h.slotSize);
  view.setUint32(48, h.capacity);
  return out;
}

export type HeaderProblem = 'too-short' | 'bad-magic' | 'bad-version' | 'bad-slot-size' | 'bad-capacity' | 'nonzero-padding' | 'bad-length';

export function decodeSlotHeader(file: Uint8Array): Result<SlotHeader, HeaderProblem> {
  const fields = decodeHeaderFields(file);
  if (!fields.ok) return fields;
  if (file.length !== slotFileBytes(fields.value)) return err('bad-length');
  return fields;
}

/** The header's fields without the file's length: what the reader checks before it reads the slots. */
export function decodeHeaderFields(file: Uint8Array): Result<SlotHeader, Exclude<HeaderProblem, 'bad-length'>> {
  if (file.length < SLOT_HEADER_BYTES) return err('too-short');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (new TextDecoder().decode(file.subarray(0, 8)) !== SLOT_MAGIC) return err('bad-magic');
  if (view.getUint16(8) !== SLOT_FORMAT_VERSION) return err('bad-version');
  const slotSize = view.getUint32(44);
  if (slotSize < MIN_SLOT_BYTES || slotSize > MAX_SLOT_BYTES || (slotSize & (slotSize - 1)) !== 0) return err('bad-slot-size');
  const capacity = view.getUint32(48);
  if (capacity < 1 || capacity > MAX_CAPACITY) return err('bad-capacity');
  for (let i = 52; i < SLOT_HEADER_BYTES; i++) if (file[i] !== 0) return err('nonzero-padding');
  return ok({ station: view.getUint16(10), packageHash: file.slice(12, 44), slotSize, capacity });
}

export function slotAad(h: SlotHeader, sessionId: Uint8Array, index: number): Uint8Array {
  const tail = new Uint8Array(2 + sessionId.length + 8);
  const view = new DataView(tail.buffer);
  view.setUint16(0, h.station);
  tail.set(sessionId, 2);
  view.setUint32(2 + sessionId.length, index);
  view.setUint32(6 + sessionId.length, h.slotSize);
  return withDomain('stick-slot', h.packageHash, tail);
}

/** The bytes of a used slot. `nonce` must be fresh random bytes for every seal. */
export function sealSlot(h: SlotHeader, sessionId: Uint8Array, index: number, key: Uint8Array, signedBallot: Uint8Array, nonce: Uint8Array): Uint8Array {
  const room = maxSignedBallotBytes(h.slotSize);
  if (signedBallot.length > room || signedBallot.length === 0) throw new Error(`sealSlot: a ballot of ${signedBallot.length} bytes does not fit a ${h.slotSize}-byte slot`);
  if (nonce.length !== AEAD_NONCE_BYTES) throw new Error('sealSlot: bad nonce');
  const plaintext = new Uint8Array(h.slotSize - 1 - AEAD_NONCE_BYTES - AEAD_TAG_BYTES);
  plaintext[0] = signedBallot.length >> 8;
  plaintext[1] = signedBallot.length & 0xff;
  plaintext.set(signedBallot, 2);
  return concatBytes(new Uint8Array([SLOT_USED]), nonce, aeadSeal(key, nonce, plaintext, slotAad(h, sessionId, index)));
}

export type SlotState = 'empty' | 'used' | 'bad-state' | 'nonzero-empty';

/** Structure only (no key needed): what the hoofdbureau can check without decrypting. */
export function slotState(slot: Uint8Array): SlotState {
  const first = slot[0];
  if (first === SLOT_USED) return 'used';
  if (first !== 0) return 'bad-state';
  for (let i = 1; i < slot.length; i++) if (slot[i] !== 0) return 'nonzero-empty';
  return 'empty';
}

export type OpenSlotError = 'not-used' | 'tag' | 'bad-length' | 'nonzero-padding';

/** The signed ballot in a used slot. */
export type OpenSlotResult = Result<Uint8Array, OpenSlotError>;

export function openSlot(h: SlotHeader, sessionId: Uint8Array, index: number, key: Uint8Array, slot: Uint8Array): OpenSlotResult {
  if (slot[0] !== SLOT_USED) return err('not-used');
  const nonce = slot.subarray(1, 1 + AEAD_NONCE_BYTES);
  const plaintext = aeadOpen(key, nonce, slot.subarray(1 + AEAD_NONCE_BYTES), slotAad(h, sessionId, index));
  if (!plaintext) return err('tag');
  const length = ((plaintext[0] as number) << 8) | (plaintext[1] as number);
  if (length === 0 || length > plaintext.length - 2) return err('bad-length');
  for (let i = 2 + length; i < plaintext.length; i++) if (plaintext[i] !== 0) return err('nonzero-padding');
  return ok(plaintext.slice(2, 2 + length));
}

export const sameHeader = (a: SlotHeader, b: SlotHeader): boolean =>
  a.station === b.station && a.slotSize === b.slotSize && a.capacity === b.capacity && bytesEqual(a.packageHash, b.packageHash);
