// The OVS serial frame: one framing for every serial device of the stack (ballot-box
// controller, card terminal, imagers, alarm module). Binary-safe (QR payloads and card
// contents are arbitrary bytes), length-prefixed, with a header check so that a damaged
// length is rejected at once instead of swallowing the frames that follow.
//
//   0   1   SYNC0 0xA5
//   1   1   SYNC1 0x5A
//   2   2   LEN   big-endian, bytes in BODY (2..MAX_BODY)
//   4   1   HCRC  CRC-8/SMBUS over the two LEN bytes
//   5   LEN BODY  SEQ (1 byte), TYPE (1 byte), PAYLOAD (LEN - 2 bytes)
//   5+LEN 2 CRC   CRC-16/CCITT-FALSE over bytes 2 .. 4+LEN (LEN, HCRC, BODY), big-endian

import { crc16, crc8 } from './crc.ts';

export const SYNC0 = 0xa5;
export const SYNC1 = 0x5a;
export const HEADER_BYTES = 5;
export const TRAILER_BYTES = 2;
export const MIN_BODY = 2;
/** Enough for a 2,953-byte QR payload or a 1 KiB card image plus headers. */
export const MAX_BODY = 4096;

export interface Frame {
  readonly seq: number;
  readonly type: number;
  readonly payload: Uint8Array;
}

export function encodeFrame(frame: Frame): Uint8Array {
  const len = MIN_BODY + frame.payload.length;
  if (len > MAX_BODY) throw new RangeError(`frame body of ${len} bytes exceeds ${MAX_BODY}`);
  if (!isByte(frame.seq) || !isByte(frame.type)) throw new RangeError('seq and type must be bytes');
  const out = new Uint8Array(HEADER_BYTES + len + TRAILER_BYTES);
  out[0] = SYNC0;
  out[1] = SYNC1;
  out[2] = len >> 8;
  out[3] = len & 0xff;
  out[4] = crc8(out, 2, 4);
  out[5] = frame.seq;
  out[6] = frame.type;
  out.set(frame.payload, 7);
  const crc = crc16(out, 2, HEADER_BYTES + len);
  out[HEADER_BYTES + len] = crc >> 8;
  out[HEADER_BYTES + len + 1] = crc & 0xff;
  return out;
}

export type DecodeEvent =
  | { readonly kind: 'frame'; readonly frame: Frame }
  | { readonly kind: 'corrupt'; readonly reason: 'bad-header-check' | 'bad-length' | 'bad-crc' };

/**
 * Incremental decoder. Bytes before a sync pair are line noise and skipped. After any
 * corrupt frame it resumes the search one byte after the failed sync, so a frame that
 * follows a damaged one is still found.
 */
export class FrameDecoder {
  private buf = new Uint8Array(0);
  private skipped = 0;

  constructor(private readonly maxBody = MAX_BODY) {}

  /** Bytes held waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /** Bytes dropped as noise (not part of any frame) since construction. */
  get noiseBytes(): number {
    return this.skipped;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }

  push(chunk: Uint8Array): DecodeEvent[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    const events: DecodeEvent[] = [];
    let pos = 0;
    for (;;) {
      const sync = findSync(joined, pos);
      if (sync < 0) {
        // Keep a trailing SYNC0: it may be the start of the next frame.
        const keepFrom = joined.length > pos && joined[joined.length - 1] === SYNC0 ? joined.length - 1 : joined.length;
        this.skipped += keepFrom - pos;
        pos = keepFrom;
        break;
      }
      this.skipped += sync - pos;
      pos = sync;
      if (joined.length - pos < HEADER_BYTES) break;
      const len = ((joined[pos + 2] ?? 0) << 8) | (joined[pos + 3] ?? 0);
      if (crc8(joined, pos + 2, pos + 4) !== joined[pos + 4]) {
        events.push({ kind: 'corrupt', reason: 'bad-header-check' });
        pos += 1;
        continue;
      }
      if (len < MIN_BODY || len > this.maxBody) {
        events.push({ kind: 'corrupt', reason: 'bad-length' });
        pos += 1;
        continue;
      }
      const total = HEADER_BYTES + len + TRAILER_BYTES;
      if (joined.length - pos < total) break;
      const expected = crc16(joined, pos + 2, pos + HEADER_BYTES + len);
      const got = ((joined[pos + HEADER_BYTES + len] ?? 0) << 8) | (joined[pos + HEADER_BYTES + len + 1] ?? 0);
      if (expected !== got) {
        events.push({ kind: 'corrupt', reason: 'bad-crc' });
        pos += 1;
        continue;
      }
      events.push({
        kind: 'frame',
        frame: {
          seq: joined[pos + 5] ?? 0,
          type: joined[pos + 6] ?? 0,
          payload: joined.slice(pos + 7, pos + HEADER_BYTES + len),
        },
      });
      pos += total;
    }
    this.buf = joined.slice(pos);
    return events;
  }
}

function findSync(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] === SYNC0 && bytes[i + 1] === SYNC1) return i;
  }
  return -1;
}

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xff;
}
