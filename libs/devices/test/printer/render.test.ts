import t from 'tap';
import fc from 'fast-check';
import { Image, Printer } from '@node-escpos/core';
import { createBitmap, getPixel, setPixel, type Bitmap } from '../../src/bitmap.ts';
import { CaptureAdapter } from '../../src/printer/capture-adapter.ts';
import { decodeWpc1252, encodeWpc1252 } from '../../src/printer/codepage.ts';
import { encodeJob, rasterCommand } from '../../src/printer/escpos-encoder.ts';
import { FONT_CELL_HEIGHT, FONT_CELL_WIDTH, glyphDot } from '../../src/printer/font.ts';
import { FONT_DEFINED_BYTES } from '../../src/printer/font-12x24.ts';
import { PAPER, type Align } from '../../src/printer/job.ts';
import { renderEscPos } from '../../src/printer/render.ts';

const bitmapArb = fc
  .record({ width: fc.integer({ min: 1, max: PAPER.widthDots }), height: fc.integer({ min: 1, max: 300 }), seed: fc.integer() })
  .map(({ width, height, seed }) => {
    const b = createBitmap(width, height);
    let s = seed >>> 0 || 1;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        if ((s >>> 0) % 3 === 0) setPixel(b, x, y);
      }
    return b;
  });

function offsetFor(width: number, align: Align): number {
  return align === 'left' ? 0 : align === 'center' ? Math.floor((PAPER.widthDots - width) / 2) : PAPER.widthDots - width;
}

t.test('raster: every dot lands exactly where it belongs, and nowhere else (property)', async (t) => {
  fc.assert(
    fc.property(bitmapArb, fc.constantFrom<Align>('left', 'center', 'right'), (bitmap, align) => {
      const r = encodeJob({ elements: [{ kind: 'raster', bitmap, align }] });
      if (!r.ok) return false;
      const { tickets, warnings } = renderEscPos(r.value.bytes);
      const img = tickets[0]?.image;
      if (!img || warnings.length > 0 || img.height !== bitmap.height) return false;
      const off = offsetFor(bitmap.width, align);
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < PAPER.widthDots; x++) {
          const want = x >= off && x < off + bitmap.width && getPixel(bitmap, x - off, y);
          if (getPixel(img, x, y) !== want) return false;
        }
      return true;
    }),
    { numRuns: 40 },
  );
  t.pass('property held');
});

t.test('our GS v 0 bytes equal what node-escpos raster() makes of the same picture', async (t) => {
  const b = createBitmap(21, 5);
  [
    [0, 0],
    [20, 0],
    [7, 2],
    [8, 2],
    [20, 4],
    [13, 3],
  ].forEach(([x, y]) => setPixel(b, x ?? 0, y ?? 0));
  const rgba = new Uint8Array(b.width * b.height * 4);
  for (let y = 0; y < b.height; y++)
    for (let x = 0; x < b.width; x++) rgba.set(getPixel(b, x, y) ? [0, 0, 0, 255] : [255, 255, 255, 255], (y * b.width + x) * 4);
  // node-escpos' Image reads get-pixels' ndarray: shape [width, height, channels], row-major data.
  const image = new Image({ data: rgba, shape: [b.width, b.height, 4] } as unknown as ConstructorParameters<typeof Image>[0]);
  const adapter = new CaptureAdapter();
  const p = new Printer(adapter, {});
  p.raster(image);
  await p.flush();
  t.same([...adapter.take()], [...rasterCommand(b)]);
});

t.test('tall rasters are sent in bands and render seamlessly', async (t) => {
  const b = createBitmap(16, 600);
  for (let y = 0; y < 600; y++) setPixel(b, y % 16, y);
  const bytes = rasterCommand(b);
  t.equal(bytes.filter((v, i) => v === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30).length >= 3, true);
  const img = renderEscPos(bytes).tickets[0]?.image;
  t.equal(img?.height, 600);
  let ok = true;
  for (let y = 0; y < 600; y++) for (let x = 0; x < 16; x++) if (img && getPixel(img, x, y) !== (x === y % 16)) ok = false;
  t.ok(ok);
});

/** Reads text back from a rendered line by matching each 12 x 24 cell against the font. */
function readLine(img: Bitmap, top: number, cols: number): string {
  let out = '';
  for (let c = 0; c < cols; c++) {
    let found = '?';
    for (const b of FONT_DEFINED_BYTES) {
      let same = true;
      for (let y = 0; y < FONT_CELL_HEIGHT && same; y++)
        for (let x = 0; x < FONT_CELL_WIDTH && same; x++) if (getPixel(img, c * FONT_CELL_WIDTH + x, top + y) !== glyphDot(b, x, y)) same = false;
      if (same) {
        found = decodeWpc1252(Uint8Array.of(b));
        break;
      }
    }
    out += found;
  }
  return out;
}

t.test('the font has one distinct glyph per character (so text can be read back)', async (t) => {
  const seen = new Map<string, number>();
  const dupes: string[] = [];
  for (const b of FONT_DEFINED_BYTES) {
    let key = '';
    for (let y = 0; y < FONT_CELL_HEIGHT; y++) for (let x = 0; x < FONT_CELL_WIDTH; x++) key += glyphDot(b, x, y) ? '1' : '0';
    const prev = seen.get(key);
    if (prev !== undefined) dupes.push(`${prev.toString(16)}=${b.toString(16)}`);
    else seen.set(key, b);
  }
  // Typographic twins in a monospaced font: comma and low quote, en and em dash, space and
  // no-break space, hyphen and soft hyphen. No letter or digit is among them.
  t.same(dupes, ['2c=82', '96=97', '20=a0', '2d=ad']);
});

t.test('text: what is printed reads back as the text sent (property, Latin-1 incl. é ë ç ö ß)', async (t) => {
  const twins = [0x20, 0x82, 0x97, 0xa0, 0xad];
  const printable = FONT_DEFINED_BYTES.filter((b) => !twins.includes(b));
  const charArb = fc.constantFrom(...printable.map((b) => decodeWpc1252(Uint8Array.of(b))));
  fc.assert(
    fc.property(fc.array(charArb, { minLength: 1, maxLength: 48 }), (chars) => {
      const text = chars.join('');
      if (encodeWpc1252(text).bytes.length !== chars.length) return false;
      const r = encodeJob({ elements: [{ kind: 'text', text }] });
      if (!r.ok) return false;
      const img = renderEscPos(r.value.bytes).tickets[0]?.image;
      return img !== undefined && readLine(img, 0, chars.length) === text;
    }),
    { numRuns: 25 },
  );
  t.pass('property held');
});

t.test('size multipliers, bold and underline change the dots as the manual says', async (t) => {
  const one = renderEscPos(okBytes({ kind: 'text', text: 'A' })).tickets[0]?.image;
  const big = renderEscPos(okBytes({ kind: 'text', text: 'A', size: { width: 2, height: 3 } })).tickets[0]?.image;
  const bold = renderEscPos(okBytes({ kind: 'text', text: 'A', bold: true })).tickets[0]?.image;
  const ul = renderEscPos(okBytes({ kind: 'text', text: 'A', underline: 2 })).tickets[0]?.image;
  if (!one || !big || !bold || !ul) return t.fail('no image');
  t.equal(big.height, 72, 'triple height line advances by 72 dots');
  let scaled = true;
  for (let y = 0; y < 72; y++) for (let x = 0; x < 24; x++) if (getPixel(big, x, y) !== getPixel(one, x >> 1, Math.floor(y / 3))) scaled = false;
  t.ok(scaled, 'each dot becomes a 2 x 3 block');
  let boldOk = true;
  for (let y = 0; y < 24; y++) for (let x = 0; x < 12; x++) if (getPixel(bold, x, y) !== (getPixel(one, x, y) || getPixel(one, x - 1, y))) boldOk = false;
  t.ok(boldOk, 'bold is a double strike one dot to the right');
  t.ok([...Array(12).keys()].every((x) => getPixel(ul, x, 22) && getPixel(ul, x, 23)), 'two-dot underline at the cell bottom');
});

t.test('alignment of a text line', async (t) => {
  for (const [align, x0] of [
    ['left', 0],
    ['center', (576 - 36) / 2],
    ['right', 576 - 36],
  ] as const) {
    const img = renderEscPos(okBytes({ kind: 'text', text: 'III', align })).tickets[0]?.image;
    if (!img) return t.fail('no image');
    const shifted = createBitmap(36, 24);
    for (let y = 0; y < 24; y++) for (let x = 0; x < 36; x++) if (getPixel(img, x0 + x, y)) setPixel(shifted, x, y);
    t.equal(readLine(shifted, 0, 3), 'III', align);
  }
});

t.test('the printer wraps a line that is too long, like a real one', async (t) => {
  const bytes = Uint8Array.from([0x1b, 0x40, 0x1b, 0x74, 0x10, ...Array(50).fill(0x41), 0x0a]);
  const { tickets } = renderEscPos(bytes);
  const img = tickets[0]?.image;
  t.equal(img?.height, 60, 'two lines');
  if (img) t.equal(readLine(img, 30, 2), 'AA');
});

t.test('unknown commands and truncated streams are reported, not fatal', async (t) => {
  const r = renderEscPos(Uint8Array.of(0x1b, 0x7a, 0x41, 0x0a, 0x1d, 0x76, 0x30, 0x00, 0x10));
  t.ok(r.warnings.some((w) => w.includes('unknown command ESC')));
  t.ok(r.warnings.some((w) => w.includes('truncated')));
  t.equal(r.tickets.length, 1);
});

function okBytes(el: Parameters<typeof encodeJob>[0]['elements'][number]): Uint8Array {
  const r = encodeJob({ elements: [el] });
  if (!r.ok) throw new Error(r.error.detail);
  return r.value.bytes;
}
