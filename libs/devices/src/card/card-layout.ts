// How a voter or activation card's bytes sit on the card's memory (HARDWARE.md, "Card
// layout"). The payload is opaque here (signed elsewhere, libs/card); this layout only
// guards against a blank, torn or damaged card, and holds the "used" mark.
//
//   0x000  4   magic "OVS1"
//   0x004  1   layout version (1)
//   0x005  1   reserved, 0x00
//   0x006  2   payload length, big-endian, 1..1024
//   0x008  4   CRC-32 (IEEE) of the payload, big-endian
//   0x00C  4   reserved, 0x00
//   0x010  ..  payload (length bytes), then 0xFF up to 0x420
//   0x420  16  used area: 16 x 0xFF = unused; "USED" + 12-byte tag once marked
//
// Any used area that is not all 0xFF counts as used, so a mark torn by a pulled card
// still keeps the card from voting twice.

import { crc32 } from 'node:zlib';
import { err, ok, type Result } from '@ovs/basics';

export const MAGIC = Uint8Array.of(0x4f, 0x56, 0x53, 0x31); // "OVS1"
export const LAYOUT_VERSION = 1;
export const HEADER_BYTES = 16;
export const MAX_PAYLOAD = 1024;
export const USED_OFFSET = 0x420;
export const USED_BYTES = 16;
export const USED_TAG_BYTES = 12;
export const LAYOUT_BYTES = USED_OFFSET + USED_BYTES; // 1072
/** Smallest card memory the layout fits on; cards of 2 KiB or more are specified. */
export const MIN_CARD_BYTES = LAYOUT_BYTES;
const USED_MAGIC = Uint8Array.of(0x55, 0x53, 0x45, 0x44); // "USED"

export type UsedState =
  | { readonly kind: 'unused' }
  | { readonly kind: 'used'; readonly tag: Uint8Array }
  /** Neither erased nor a complete mark (torn write, damage): treated as used. */
  | { readonly kind: 'damaged' };

export interface CardContent {
  readonly payload: Uint8Array;
  readonly used: UsedState;
}

export type ParsedCard = Result<CardContent, 'blank' | 'corrupt'>;

/** Header + payload, padded with 0xFF up to the used area (which is not included). */
export function encodeCardImage(payload: Uint8Array): Uint8Array {
  if (payload.length < 1 || payload.length > MAX_PAYLOAD) throw new RangeError(`payload must be 1..${MAX_PAYLOAD} bytes`);
  const out = new Uint8Array(USED_OFFSET).fill(0xff);
  out.set(MAGIC, 0);
  out[4] = LAYOUT_VERSION;
  out[5] = 0;
  out[6] = payload.length >> 8;
  out[7] = payload.length & 0xff;
  const crc = crc32(payload) >>> 0;
  out.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], 8);
  out.set([0, 0, 0, 0], 12);
  out.set(payload, HEADER_BYTES);
  return out;
}

export function encodeUsedMark(tag: Uint8Array): Uint8Array {
  if (tag.length > USED_TAG_BYTES) throw new RangeError(`tag must be at most ${USED_TAG_BYTES} bytes`);
  const out = new Uint8Array(USED_BYTES);
  out.set(USED_MAGIC, 0);
  out.set(tag, 4);
  return out;
}

export function parseUsed(area: Uint8Array): UsedState {
  if (area.length === USED_BYTES && area.every((b) => b === 0xff)) return { kind: 'unused' };
  if (area.length === USED_BYTES && USED_MAGIC.every((b, i) => area[i] === b)) return { kind: 'used', tag: area.slice(4) };
  return { kind: 'damaged' };
}

/** Strict: every header byte and the padding are checked. */
export function parseCardImage(image: Uint8Array): ParsedCard {
  if (image.length < LAYOUT_BYTES) return err('corrupt');
  const head = image.subarray(0, HEADER_BYTES);
  if (head.every((b) => b === 0xff) || head.every((b) => b === 0x00)) return err('blank');
  if (!MAGIC.every((b, i) => image[i] === b) || image[4] !== LAYOUT_VERSION || image[5] !== 0) return err('corrupt');
  const len = ((image[6] ?? 0) << 8) | (image[7] ?? 0);
  if (len < 1 || len > MAX_PAYLOAD) return err('corrupt');
  if (image[12] !== 0 || image[13] !== 0 || image[14] !== 0 || image[15] !== 0) return err('corrupt');
  const payload = image.slice(HEADER_BYTES, HEADER_BYTES + len);
  const crc = (((image[8] ?? 0) << 24) | ((image[9] ?? 0) << 16) | ((image[10] ?? 0) << 8) | (image[11] ?? 0)) >>> 0;
  if ((crc32(payload) >>> 0) !== crc) return err('corrupt');
  for (let i = HEADER_BYTES + len; i < USED_OFFSET; i++) if (image[i] !== 0xff) return err('corrupt');
  return ok({ payload, used: parseUsed(image.slice(USED_OFFSET, USED_OFFSET + USED_BYTES)) });
}
