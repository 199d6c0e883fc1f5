import t from 'tap';
import fc from 'fast-check';
import { crc16, crc8 } from '../../src/serial/crc.ts';
import { encodeFrame, FrameDecoder, MAX_BODY, type DecodeEvent } from '../../src/serial/frame.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

t.test('CRC check values from the CRC catalogue', async (t) => {
  t.equal(crc16(ascii('123456789')), 0x29b1, 'CRC-16/CCITT-FALSE');
  t.equal(crc8(ascii('123456789')), 0xf4, 'CRC-8/SMBUS');
});

t.test('golden frames: bytes a firmware developer can check an implementation against', async (t) => {
  // PING, seq 1: LEN 0x0002, HCRC crc8(00 02) = 0x0E, CRC-16 over 00 02 0E 01 01.
  t.equal(Buffer.from(encodeFrame({ seq: 1, type: 0x01, payload: new Uint8Array(0) })).toString('hex'), 'a55a00020e0101c475');
  // OPEN_FLAP 3000 ms, seq 7.
  t.equal(Buffer.from(encodeFrame({ seq: 7, type: 0x04, payload: Uint8Array.of(0x0b, 0xb8) })).toString('hex'), 'a55a00041c07040bb80fda');
  // HELLO, protocol version 1; the ACK of seq 7; a NAK 0x10; a DEPOSIT event (count 1).
  t.equal(Buffer.from(encodeFrame({ seq: 1, type: 0x00, payload: Uint8Array.of(1) })).toString('hex'), 'a55a0003090100013' + '4a4');
  t.equal(Buffer.from(encodeFrame({ seq: 7, type: 0x80, payload: new Uint8Array(0) })).toString('hex'), 'a55a00020e0780ef7a');
  t.equal(Buffer.from(encodeFrame({ seq: 7, type: 0x81, payload: Uint8Array.of(0x10) })).toString('hex'), 'a55a000309078110acbd');
  t.equal(Buffer.from(encodeFrame({ seq: 3, type: 0x40, payload: Uint8Array.of(0, 1) })).toString('hex'), 'a55a00041c03400001ee4e');
});

const frameArb = fc.record({
  seq: fc.integer({ min: 0, max: 255 }),
  type: fc.integer({ min: 0, max: 255 }),
  payload: fc.uint8Array({ maxLength: 300 }),
});

t.test('round trip, split at arbitrary points, with noise between frames', async (t) => {
  fc.assert(
    fc.property(fc.array(frameArb, { minLength: 1, maxLength: 6 }), fc.array(fc.uint8Array({ maxLength: 5 }), { minLength: 7, maxLength: 7 }), fc.integer({ min: 1, max: 64 }), (frames, noise, chunk) => {
      const parts: number[] = [];
      frames.forEach((f, i) => {
        // Noise without a sync pair: what a line picks up between frames.
        parts.push(...[...(noise[i] ?? [])].map((b) => (b === 0xa5 ? 0x00 : b)));
        parts.push(...encodeFrame(f));
      });
      const stream = Uint8Array.from(parts);
      const dec = new FrameDecoder();
      const events: DecodeEvent[] = [];
      for (let i = 0; i < stream.length; i += chunk) events.push(...dec.push(stream.subarray(i, i + chunk)));
      const got = events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
      if (got.length !== frames.length) return false;
      return got.every((g, i) => g.seq === frames[i]?.seq && g.type === frames[i]?.type && Buffer.from(g.payload).equals(Buffer.from(frames[i]?.payload ?? [])));
    }),
  );
  t.pass('property held');
});

t.test('any single corrupted byte is caught, and the next frame still arrives', async (t) => {
  fc.assert(
    fc.property(frameArb, frameArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (a, b, where, flip) => {
      const first = encodeFrame(a);
      const i = 2 + (where % (first.length - 2)); // damage anything after the sync pair
      const damaged = Uint8Array.from(first);
      damaged[i] = (damaged[i] ?? 0) ^ flip;
      const dec = new FrameDecoder();
      const events = dec.push(Uint8Array.from([...damaged, ...encodeFrame(b)]));
      const frames = events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
      // The damaged frame is never delivered; the good one always is.
      return frames.length === 1 && frames[0]?.seq === b.seq && frames[0].type === b.type && events.some((e) => e.kind === 'corrupt');
    }),
  );
  t.pass('property held');
});

t.test('a damaged length does not swallow the frames behind it', async (t) => {
  const good = encodeFrame({ seq: 2, type: 0x41, payload: Uint8Array.of(1, 2, 3) });
  const bad = Uint8Array.from(encodeFrame({ seq: 1, type: 0x41, payload: new Uint8Array(10) }));
  bad[2] = 0x0f; // LEN now 0x0f0c: header check fails at once
  const dec = new FrameDecoder();
  const events = dec.push(Uint8Array.from([...bad, ...good]));
  t.same(events.map((e) => e.kind), ['corrupt', 'frame']);
  t.equal(events[0]?.kind === 'corrupt' && events[0].reason, 'bad-header-check');
});

t.test('lengths outside 2..MAX_BODY are rejected, even with a valid header check', async (t) => {
  for (const len of [0, 1, MAX_BODY + 1, 0xffff]) {
    const hdr = Uint8Array.of(0xa5, 0x5a, len >> 8, len & 0xff, 0);
    hdr[4] = crc8(hdr, 2, 4);
    const events = new FrameDecoder().push(hdr);
    t.same(events, [{ kind: 'corrupt', reason: 'bad-length' }], `LEN=${len}`);
  }
  t.throws(() => encodeFrame({ seq: 0, type: 0, payload: new Uint8Array(MAX_BODY) }), RangeError);
});

t.test('a sync byte at the end of a chunk is kept for the next chunk', async (t) => {
  const f = encodeFrame({ seq: 9, type: 0x40, payload: Uint8Array.of(0xa5, 0x5a) });
  const dec = new FrameDecoder();
  t.same(dec.push(Uint8Array.of(0x00, 0x11, f[0] ?? 0)), []);
  const ev = dec.push(f.subarray(1));
  t.equal(ev.length, 1);
  t.equal(dec.pending, 0);
  t.equal(dec.noiseBytes, 2);
});
