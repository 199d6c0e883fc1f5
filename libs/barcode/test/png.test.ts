import t from 'tap';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import {
  bitmapToGray,
  bitmapToPng,
  bitmapsEqual,
  blitBitmap,
  createBitmap,
  getDot,
  grayToBitmap,
  grayToPng,
  pngToBitmap,
  readPng,
  setDot,
  stackBitmaps,
  type Bitmap,
} from '../src/index.ts';
import { mockBallot } from '../src/degrade.ts';
import { qrBitmap, payloadFromSeed, sameBytes } from './support.ts';

const arbitraryBitmap = fc
  .record({ width: fc.integer({ min: 1, max: 70 }), height: fc.integer({ min: 1, max: 40 }), seed: fc.integer() })
  .map(({ width, height, seed }): Bitmap => {
    const bmp = createBitmap(width, height);
    const bits = payloadFromSeed(seed, width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) setDot(bmp, x, y, ((bits[y * width + x] as number) & 1) === 1);
    return bmp;
  });

t.test('bitmap → PNG → bitmap is exact, any width (also not a multiple of 8)', (t) => {
  fc.assert(
    fc.property(arbitraryBitmap, (bmp) => {
      const back = pngToBitmap(bitmapToPng(bmp));
      return back.ok && bitmapsEqual(back.value, bmp);
    }),
    { numRuns: 150 },
  );
  t.end();
});

t.test('a whole mock ballot survives PNG and gray conversions', (t) => {
  const ballot = mockBallot(qrBitmap(payloadFromSeed(4)), { seed: 4 });
  const png = bitmapToPng(ballot);
  const back = pngToBitmap(png);
  t.ok(back.ok && bitmapsEqual(back.value, ballot));
  t.ok(bitmapsEqual(grayToBitmap(bitmapToGray(ballot)), ballot));
  const gray = readPng(png);
  t.ok(gray.ok && sameBytes(gray.value.data as Uint8Array, bitmapToGray(ballot).data as Uint8Array));
  t.end();
});

t.test('gray PNG round trip and alpha shown over white paper', (t) => {
  const gray = { width: 3, height: 1, data: Uint8Array.of(0, 128, 255) };
  const r = readPng(grayToPng(gray));
  t.ok(r.ok && sameBytes(r.value.data as Uint8Array, gray.data));
  // RGBA: opaque black, fully transparent black, half-transparent black.
  const png = new PNG({ width: 3, height: 1 });
  png.data = Buffer.from([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128]);
  const rgba = readPng(new Uint8Array(PNG.sync.write(png)));
  t.ok(rgba.ok);
  if (rgba.ok) t.same(Array.from(rgba.value.data), [0, 255, 127]);
  t.end();
});

t.test('bad PNG bytes are values, not exceptions', (t) => {
  const good = bitmapToPng(qrBitmap(payloadFromSeed(5)));
  t.same(readPng(new Uint8Array(0)), { ok: false, error: 'not-png' });
  t.same(readPng(new TextEncoder().encode('GIF89a and then some more bytes')), { ok: false, error: 'not-png' });
  t.same(readPng(good.subarray(0, good.length - 30)), { ok: false, error: 'corrupt-png' }, 'truncated');
  const flipped = Uint8Array.from(good);
  flipped[60] = (flipped[60] as number) ^ 0xff;
  t.same(readPng(flipped), { ok: false, error: 'corrupt-png' }, 'CRC mismatch');
  // A 60-byte file whose header claims 100 000 × 100 000 pixels must not be decoded at all.
  const huge = Uint8Array.from(good.subarray(0, 33));
  new DataView(huge.buffer).setUint32(16, 100_000);
  new DataView(huge.buffer).setUint32(20, 100_000);
  t.same(readPng(huge), { ok: false, error: 'image-too-large' });
  t.same(pngToBitmap(huge), { ok: false, error: 'image-too-large' });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withSignature) => {
      const input = withSignature ? Uint8Array.from([...good.subarray(0, 8), ...bytes]) : bytes;
      const r = readPng(input);
      return !r.ok;
    }),
    { numRuns: 300 },
  );
  t.end();
});

t.test('composing a ballot from parts', (t) => {
  const a = createBitmap(10, 2);
  setDot(a, 9, 1, true);
  const b = createBitmap(4, 3);
  setDot(b, 0, 0, true);
  const s = stackBitmaps([a, b]);
  t.same([s.width, s.height], [10, 5]);
  t.ok(getDot(s, 9, 1) && getDot(s, 0, 2));
  t.equal(s.data.reduce((n, byte) => n + (byte.toString(2).split('1').length - 1), 0), 2, 'exactly two black dots');
  const dst = createBitmap(5, 5);
  blitBitmap(dst, b, 3, 4);
  t.ok(getDot(dst, 3, 4), 'clipped blit keeps the part that fits');
  t.throws(() => createBitmap(-1, 1), RangeError);
  t.end();
});
