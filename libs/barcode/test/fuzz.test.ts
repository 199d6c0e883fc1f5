// 1,500 hostile or damaged images: the decoder must never throw, never answer bytes for an
// image without a code, and never answer bytes other than the printed ones.
import t from 'tap';
import fc from 'fast-check';
import { bitmapToPng, createQrDecoder, encodeQr, grayToPng, renderQr, bitmapToGray, type GrayImage, type QrMatrix } from '../src/index.ts';
import { createRandom, type Random } from '../src/degrade.ts';
import { payloadFromSeed, qrBitmap, sameBytes, toRgba } from './support.ts';

const decoder = await createQrDecoder();

function noise(random: Random, width: number, height: number): GrayImage {
  return { width, height, data: Uint8Array.from({ length: width * height }, () => random.int(256)) };
}

/** Random modules with three proper finder patterns: looks like a QR code to a detector. */
function fakeQr(random: Random, version: number): QrMatrix {
  const size = 17 + 4 * version;
  const modules = Uint8Array.from({ length: size * size }, () => (random.next() < 0.5 ? 1 : 0));
  for (const [ox, oy] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ] as const) {
    for (let y = -1; y <= 7; y++) {
      for (let x = -1; x <= 7; x++) {
        const mx = ox + x;
        const my = oy + y;
        if (mx < 0 || my < 0 || mx >= size || my >= size) continue;
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        modules[my * size + mx] = ring === 4 || ring === 2 ? 0 : 1;
      }
    }
  }
  return { size, modules };
}

let decodedReal = 0;

t.test('random noise, gray and RGBA, any size: no barcode', (t) => {
  const random = createRandom(2024);
  for (let i = 0; i < 400; i++) {
    const img = noise(random, 1 + random.int(300), 1 + random.int(300));
    const r = decoder.decode(i % 2 ? toRgba(img) : img);
    if (r.ok) t.fail(`noise ${i}: decoded ${r.value.length} bytes`);
  }
  t.pass('400 noise images, no decode');
  t.end();
});

t.test('QR look-alikes (finder patterns, random modules): no barcode', (t) => {
  const random = createRandom(7);
  for (let i = 0; i < 300; i++) {
    const matrix = fakeQr(random, 1 + random.int(15));
    const img = bitmapToGray(renderQr(matrix, { moduleDots: 2 + random.int(3), quietZoneModules: 4 }));
    const r = decoder.decode(img);
    if (r.ok) t.fail(`look-alike ${i}: decoded ${r.value.length} bytes`);
  }
  t.pass('300 look-alikes, no decode');
  t.end();
});

t.test('real codes with modules flipped at random: the printed bytes or an error', (t) => {
  const random = createRandom(99);
  for (let i = 0; i < 400; i++) {
    const payload = payloadFromSeed(10_000 + i, 1 + random.int(170));
    const encoded = encodeQr(payload);
    if (!encoded.ok) throw new Error(encoded.error);
    // Level Q repairs up to ~3 % of data modules flipped at random; a flipped module in a
    // finder pattern can hide the whole code. 0–4 % gives both outcomes in good numbers.
    const flipRate = random.next() * 0.04;
    const modules = encoded.value.matrix.modules.map((m) => (random.next() < flipRate ? m ^ 1 : m));
    const img = bitmapToGray(renderQr({ size: encoded.value.matrix.size, modules }, { moduleDots: 2 }));
    const r = decoder.decode(img);
    if (r.ok) {
      if (!sameBytes(r.value, payload)) t.fail(`flipped ${i} (rate ${flipRate.toFixed(2)}): WRONG BYTES`);
      decodedReal++;
    }
  }
  t.pass('400 damaged codes, never wrong bytes');
  t.end();
});

t.test('random bytes and corrupted PNG files: unreadable-image, never an exception', (t) => {
  const png = bitmapToPng(qrBitmap(payloadFromSeed(1)));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const r = decoder.decode(bytes);
      return !r.ok && r.error === 'unreadable-image';
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: png.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, xor, truncate) => {
      const bad = truncate ? png.subarray(0, at) : Uint8Array.from(png);
      if (!truncate) bad[at] = (bad[at] as number) ^ xor;
      const r = decoder.decode(bad);
      // A flipped bit in a chunk that is not checked (none here) could still decode; then it must be exact.
      return r.ok ? sameBytes(r.value, payloadFromSeed(1)) : ['unreadable-image', 'image-too-large'].includes(r.error);
    }),
    { numRuns: 200 },
  );
  t.end();
});

t.test('noise saved as PNG: decodes as an image, finds nothing', (t) => {
  const random = createRandom(5);
  for (let i = 0; i < 50; i++) {
    const r = decoder.decode(grayToPng(noise(random, 1 + random.int(200), 1 + random.int(200))));
    if (r.ok || r.error === 'unreadable-image') t.fail(`png noise ${i}: ${r.ok ? 'decoded' : r.error}`);
  }
  t.pass('50 PNG noise images');
  t.end();
});

t.test('the decoder is still healthy and the damaged set did exercise both outcomes', (t) => {
  t.ok(decoder.usable);
  t.ok(decodedReal > 50 && decodedReal < 380, `${decodedReal} of 400 damaged codes repaired`);
  t.end();
});
