import { BALLOT_QR, PRINTER_WIDTH_DOTS } from './ballot-qr.ts';
import { blitBitmap, createBitmap, fillRect } from './bitmap.ts';
import { createRandom, type Random } from './random.ts';
import type { Bitmap } from './types.ts';

// A stand-in for a printed ballot, for tests and benchmarks: lines of glyph-like marks
// (the real text is rendered elsewhere) around the QR raster, 576 dots wide. Text has
// edges and runs that a detector must not mistake for finder patterns, so it belongs
// in the picture.

export interface MockBallotOptions {
  seed: number;
  linesAbove?: number;
  linesBelow?: number;
}

const LINE_DOTS = 28;
const GLYPH_DOTS = 12;

function drawGlyph(bitmap: Bitmap, x: number, y: number, random: Random): void {
  // Two or three strokes per glyph, like the stems and bars of a sans-serif font at 24 dots.
  const strokes = 2 + random.int(2);
  for (let s = 0; s < strokes; s++) {
    if (random.next() < 0.6) fillRect(bitmap, x + random.int(GLYPH_DOTS - 3), y, 2, 20);
    else fillRect(bitmap, x, y + random.int(18), GLYPH_DOTS - 3, 2);
  }
}

function drawTextLine(bitmap: Bitmap, y: number, random: Random): void {
  let x = 16 + random.int(24);
  const end = 16 + random.int(bitmap.width - 64) + 32;
  while (x < end) {
    const letters = 2 + random.int(9);
    for (let i = 0; i < letters && x + GLYPH_DOTS < bitmap.width - 16; i++, x += GLYPH_DOTS) drawGlyph(bitmap, x, y, random);
    x += GLYPH_DOTS;
  }
}

/** The QR raster centred under `linesAbove` lines of mock text and above `linesBelow`. */
export function mockBallot(qr: Bitmap, options: MockBallotOptions): Bitmap {
  const random = createRandom(options.seed);
  const above = options.linesAbove ?? 8;
  const below = options.linesBelow ?? 2;
  const width = Math.max(PRINTER_WIDTH_DOTS, qr.width);
  const margin = 8 * BALLOT_QR.moduleDots;
  const height = margin + (above + below) * LINE_DOTS + qr.height + margin;
  const bitmap = createBitmap(width, height);
  // A heavy rule under the title, as on the real ballot.
  fillRect(bitmap, 16, margin + LINE_DOTS - 4, width - 32, 3);
  for (let i = 0; i < above; i++) drawTextLine(bitmap, margin + i * LINE_DOTS, random);
  const qrTop = margin + above * LINE_DOTS;
  blitBitmap(bitmap, qr, Math.floor((width - qr.width) / 2), qrTop);
  for (let i = 0; i < below; i++) drawTextLine(bitmap, qrTop + qr.height + i * LINE_DOTS, random);
  return bitmap;
}
