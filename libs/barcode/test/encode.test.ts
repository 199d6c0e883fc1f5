import t from 'tap';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { BALLOT_QR, MAX_BALLOT_PAYLOAD_BYTES, bitmapToGray, encodeQr, modulesForVersion, type QrMatrix } from '../src/index.ts';
import { payloadFromSeed, qrBitmap, sameBytes, toRgba } from './support.ts';

// Byte-mode capacities from ISO/IEC 18004:2015 Table 7 (data characters, byte mode).
const ISO_BYTE_CAPACITY: Array<[version: number, ecc: 'L' | 'M' | 'Q' | 'H', bytes: number]> = [
  [1, 'L', 17],
  [1, 'H', 7],
  [9, 'M', 180],
  [10, 'M', 213],
  [10, 'Q', 151],
  [11, 'Q', 177],
  [12, 'Q', 203],
  [13, 'H', 177],
  [40, 'L', 2953],
];

t.test('capacity at a fixed version follows ISO 18004 Table 7 exactly', (t) => {
  for (const [version, ecc, bytes] of ISO_BYTE_CAPACITY) {
    const fits = encodeQr(new Uint8Array(bytes), { version, ecc });
    t.ok(fits.ok, `V${version}-${ecc} holds ${bytes} bytes`);
    t.same(encodeQr(new Uint8Array(bytes + 1), { version, ecc }), { ok: false, error: 'payload-too-large' }, `V${version}-${ecc} rejects ${bytes + 1}`);
  }
  t.end();
});

t.test('the ballot layout holds the largest ballot payload and has a fixed size', (t) => {
  for (const length of [1, 100, MAX_BALLOT_PAYLOAD_BYTES]) {
    const r = encodeQr(payloadFromSeed(length, length));
    if (!r.ok) throw new Error(r.error);
    t.equal(r.value.version, BALLOT_QR.version);
    t.equal(r.value.ecc, BALLOT_QR.ecc);
    t.equal(r.value.matrix.size, modulesForVersion(BALLOT_QR.version), `${length} bytes: same symbol size`);
    t.equal(r.value.matrix.modules.length, r.value.matrix.size * r.value.matrix.size);
  }
  t.end();
});

t.test('bad options are programmer errors', (t) => {
  t.throws(() => encodeQr(new Uint8Array(1), { version: 0 }), RangeError);
  t.throws(() => encodeQr(new Uint8Array(1), { version: 41 }), RangeError);
  t.throws(() => encodeQr(new Uint8Array(1), { version: 2.5 }), RangeError);
  t.throws(() => encodeQr(new Uint8Array(1), { mask: 8 }), RangeError);
  t.end();
});

// The first codeword of the data stream is placed in the bottom-right corner, filling the
// two rightmost columns upwards, two modules per row (MSB first). With several blocks the
// next codeword placed belongs to another block, so only a one-block symbol keeps the
// character count next to the mode indicator: version 5-L is one block, and at versions
// 1–9 the byte-mode count is 8 bits. Those 12 modules are clear of function patterns.
function leadingBits(matrix: QrMatrix, count: number): number[] {
  const bits: number[] = [];
  for (let i = 0; i < count; i++) {
    const y = matrix.size - 1 - (i >> 1);
    const x = matrix.size - 1 - (i & 1);
    const raw = matrix.modules[y * matrix.size + x] as number;
    // Mask pattern 0 (forced below) inverts modules where row + column is even.
    bits.push((x + y) % 2 === 0 ? raw ^ 1 : raw);
  }
  return bits;
}

t.test('one byte-mode segment, no ECI, even for digits and capitals', (t) => {
  const digits = new TextEncoder().encode('0123456789'.repeat(10));
  const capitals = new TextEncoder().encode('VLINDERMEER'.repeat(9));
  for (const payload of [digits, capitals, payloadFromSeed(3, 100)]) {
    const single = encodeQr(payload, { version: 5, ecc: 'L', mask: 0 });
    if (!single.ok) throw new Error(single.error);
    const bits = leadingBits(single.value.matrix, 12);
    t.same(bits.slice(0, 4), [0, 1, 0, 0], 'mode indicator 0100 = byte (ECI would be 0111, numeric 0001)');
    t.equal(parseInt(bits.slice(4).join(''), 2), payload.length, 'character count = whole payload: one segment');
    // At the ballot layout the first codeword still starts with the byte-mode indicator.
    const ballot = encodeQr(payload, { mask: 0 });
    if (!ballot.ok) throw new Error(ballot.error);
    t.same(leadingBits(ballot.value.matrix, 4), [0, 1, 0, 0]);
    // An independent decoder agrees: one chunk, of type byte, with the same bytes.
    const img = toRgba(bitmapToGray(qrBitmap(payload, { mask: 0 })));
    const read = jsQR(img.data, img.width, img.height);
    t.same(read?.chunks.map((c) => c.type), ['byte']);
    t.ok(read && sameBytes(Uint8Array.from(read.binaryData), payload), 'jsQR reads the same bytes');
  }
  t.end();
});

t.test('encoding is deterministic and the caller’s buffer is not kept', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: MAX_BALLOT_PAYLOAD_BYTES }), (payload) => {
      const a = encodeQr(payload);
      const copy = Uint8Array.from(payload);
      payload.fill(0xa5);
      const b = encodeQr(copy);
      return a.ok && b.ok && sameBytes(a.value.matrix.modules, b.value.matrix.modules);
    }),
    { numRuns: 50 },
  );
  t.end();
});

t.test('finder patterns sit in three corners', (t) => {
  const r = encodeQr(payloadFromSeed(9));
  if (!r.ok) throw new Error(r.error);
  const { size, modules } = r.value.matrix;
  const at = (x: number, y: number): number => modules[y * size + x] as number;
  for (const [ox, oy] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ] as const) {
    // Outer ring dark, next ring light, 3×3 core dark.
    t.equal(at(ox, oy), 1);
    t.equal(at(ox + 6, oy + 6), 1);
    t.equal(at(ox + 1, oy + 1), 0);
    t.equal(at(ox + 3, oy + 3), 1);
  }
  t.equal(at(size - 4, size - 4) === 1 && at(size - 3, size - 3) === 1 && at(size - 5, size - 5) === 1, false, 'no fourth finder');
  t.end();
});
