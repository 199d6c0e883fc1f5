import t from 'tap';
import fc from 'fast-check';
import {
  MAX_BALLOT_PAYLOAD_BYTES,
  bitmapToGray,
  bitmapToPng,
  createQrDecoder,
  decodeQr,
  grayToPng,
  type GrayImage,
} from '../src/index.ts';
import { eraseRect, mockBallot } from '../src/degrade.ts';
import { otherBarcode } from './other-barcodes.ts';
import { ballotImage, payloadFromSeed, placeOnCanvas, qrBitmap, sameBytes, toRgba } from './support.ts';

const decoder = await createQrDecoder();

t.test('round trip: random binary payloads → QR → 203 dpi raster → decode, byte-exact', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: MAX_BALLOT_PAYLOAD_BYTES }), fc.integer({ min: 0, max: 1000 }), (payload, seed) => {
      const ballot = bitmapToGray(mockBallot(qrBitmap(payload), { seed }));
      const r = decoder.decode(ballot);
      return r.ok && sameBytes(r.value, payload);
    }),
    { numRuns: 120 },
  );
  t.end();
});

t.test('payloads that look like text still come back as the same bytes', (t) => {
  const awkward = [
    new Uint8Array(MAX_BALLOT_PAYLOAD_BYTES), // all zero
    new Uint8Array(MAX_BALLOT_PAYLOAD_BYTES).fill(0xff),
    new TextEncoder().encode('0123456789'.repeat(17)), // would be numeric mode
    Uint8Array.from([0xef, 0xbb, 0xbf, ...payloadFromSeed(1, 100)]), // UTF-8 BOM
    Uint8Array.from([0x81, 0x40, 0x9f, 0xfc, 0xe0, 0x40, 0xeb, 0xbf]), // valid Shift JIS pairs (Kanji)
    Uint8Array.from({ length: 170 }, (_, i) => (i % 2 ? 0xc3 : 0xa9)), // "é" in UTF-8, repeated
    Uint8Array.from([0x1b, 0x5c, 0x30, 0x30, 0x30, 0x30, 0x32, 0x36, 0x0d, 0x0a]), // looks like an ECI escape
  ];
  for (const payload of awkward) {
    const r = decoder.decode(ballotImage(payload));
    t.ok(r.ok && sameBytes(r.value, payload), `${Buffer.from(payload.subarray(0, 8)).toString('hex')}…`);
  }
  t.end();
});

t.test('gray, RGBA, Uint8ClampedArray and PNG inputs all decode', async (t) => {
  const payload = payloadFromSeed(2);
  const gray = ballotImage(payload);
  const inputs: Array<[string, Parameters<typeof decodeQr>[0]]> = [
    ['gray', gray],
    ['gray clamped', { ...gray, data: Uint8ClampedArray.from(gray.data) }],
    ['rgba', toRgba(gray)],
    ['png of the raster', bitmapToPng(mockBallot(qrBitmap(payload), { seed: 1 }))],
    ['png of the gray image', grayToPng(gray)],
    ['Buffer holding a png', Buffer.from(grayToPng(gray))],
  ];
  for (const [label, input] of inputs) {
    const viaDecoder = decoder.decode(input);
    t.ok(viaDecoder.ok && sameBytes(viaDecoder.value, payload), label);
    const viaShared = await decodeQr(input);
    t.same(viaShared, viaDecoder, `${label}: decodeQr agrees`);
  }
});

t.test('the decoded bytes are a copy, not a view of decoder memory', (t) => {
  const a = payloadFromSeed(3);
  const b = payloadFromSeed(4);
  const first = decoder.decode(ballotImage(a));
  decoder.decode(ballotImage(b));
  t.ok(first.ok && sameBytes(first.value, a), 'the first result is unchanged by the second decode');
  t.ok(first.ok && first.value.buffer.byteLength === first.value.length, 'owns its buffer');
  t.end();
});

t.test('the buffer is reused across sizes: small after large still decodes', (t) => {
  const payload = payloadFromSeed(5);
  const img = ballotImage(payload);
  const big = placeOnCanvas(img, 2000, 1500, 700, 400);
  for (const input of [big, img, big, img]) {
    const r = decoder.decode(input);
    t.ok(r.ok && sameBytes(r.value, payload), `${input.width}×${input.height}`);
  }
  t.end();
});

t.test('no-barcode, multiple-barcodes, not-qr, damaged-barcode', async (t) => {
  const blank: GrayImage = { width: 400, height: 300, data: new Uint8Array(400 * 300).fill(230) };
  t.same(decoder.decode(blank), { ok: false, error: 'no-barcode' }, 'blank paper');
  const textOnly = bitmapToGray(mockBallot(qrBitmap(payloadFromSeed(6), {}, 1), { seed: 6, linesAbove: 12 }));
  const noCode = eraseRect(textOnly, 0, textOnly.height - 200, textOnly.width, 200);
  t.same(decoder.decode(noCode), { ok: false, error: 'no-barcode' }, 'ballot text without its code');

  const a = ballotImage(payloadFromSeed(7));
  const b = ballotImage(payloadFromSeed(8));
  const two = placeOnCanvas(a, a.width * 2 + 20, a.height, 0, 0);
  for (let y = 0; y < b.height; y++) two.data.set(b.data.subarray(y * b.width, (y + 1) * b.width), y * two.width + a.width + 20);
  t.same(decoder.decode(two), { ok: false, error: 'multiple-barcodes' }, 'two ballots side by side');
  const same = placeOnCanvas(a, a.width * 2 + 20, a.height, 0, 0);
  for (let y = 0; y < a.height; y++) same.data.set(a.data.subarray(y * a.width, (y + 1) * a.width), y * same.width + a.width + 20);
  t.same(decoder.decode(same), { ok: false, error: 'multiple-barcodes' }, 'two copies of the same ballot');

  for (const format of ['DataMatrix', 'Code128', 'Aztec', 'PDF417', 'MicroQRCode'] as const) {
    const img = await otherBarcode(format, 'OVS-1234567890', format === 'Code128' ? 3 : 6);
    t.same(decoder.decode(img), { ok: false, error: 'not-qr' }, format);
  }
  const quiet = await createQrDecoder({ identifyOtherBarcodes: false });
  t.same(quiet.decode(await otherBarcode('DataMatrix', 'x', 6)), { ok: false, error: 'no-barcode' }, 'identification off');

  // Finder patterns intact, a third of the data area gone: found, but beyond repair.
  const qr = bitmapToGray(qrBitmap(payloadFromSeed(9)));
  const band = eraseRect(qr, 12 * 4, 20 * 4, (61 - 16) * 4, 24 * 4, 0);
  t.same(decoder.decode(band), { ok: false, error: 'damaged-barcode' });
});

t.test('images that are not images are values, never exceptions', async (t) => {
  const hostile = {
    get width(): number {
      throw new Error('boom');
    },
    height: 1,
    data: new Uint8Array(1),
  };
  const cases: Array<[string, unknown, string]> = [
    ['zero width', { width: 0, height: 10, data: new Uint8Array(0) }, 'unreadable-image'],
    ['negative', { width: -1, height: -1, data: new Uint8Array(1) }, 'unreadable-image'],
    ['NaN', { width: Number.NaN, height: 1, data: new Uint8Array(1) }, 'unreadable-image'],
    ['fractional', { width: 1.5, height: 2, data: new Uint8Array(3) }, 'unreadable-image'],
    ['length fits neither gray nor RGBA', { width: 10, height: 10, data: new Uint8Array(200) }, 'unreadable-image'],
    ['data is a plain array', { width: 1, height: 1, data: [0] }, 'unreadable-image'],
    ['null', null, 'unreadable-image'],
    ['a string', 'QR', 'unreadable-image'],
    ['a throwing getter', hostile, 'unreadable-image'],
    ['empty bytes', new Uint8Array(0), 'unreadable-image'],
    ['random bytes', payloadFromSeed(1, 500), 'unreadable-image'],
    ['too many pixels', { width: 10_000, height: 10_000, data: new Uint8Array(1) }, 'image-too-large'],
    ['a side over 65535', { width: 70_000, height: 1, data: new Uint8Array(70_000) }, 'image-too-large'],
  ];
  for (const [label, input, error] of cases) {
    t.same(decoder.decode(input as GrayImage), { ok: false, error }, label);
    t.same(await decodeQr(input as GrayImage), { ok: false, error }, `${label} (decodeQr)`);
  }
  t.ok(decoder.usable, 'none of this broke the decoder');
  const r = decoder.decode(ballotImage(payloadFromSeed(10)));
  t.ok(r.ok && sameBytes(r.value, payloadFromSeed(10)), 'and it still decodes');
});
