// A 1-bit raster: rows of bytes, most significant bit = leftmost dot, 1 = black. The same
// layout as ESC/POS GS v 0, so a ballot's QR goes to the printer without conversion.

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export type BitmapProblem = 'bad-dimensions' | 'bytes-per-row-too-small' | 'data-length-mismatch' | 'ink-in-padding';

/** Strict check: also rejects set bits right of `width`, which a printer would print. */
export function validateBitmap(b: Bitmap): BitmapProblem | null {
  if (!Number.isInteger(b.width) || !Number.isInteger(b.height) || b.width < 1 || b.height < 1) return 'bad-dimensions';
  if (!Number.isInteger(b.bytesPerRow) || b.bytesPerRow < Math.ceil(b.width / 8)) return 'bytes-per-row-too-small';
  if (b.data.length !== b.bytesPerRow * b.height) return 'data-length-mismatch';
  for (let y = 0; y < b.height; y++) {
    for (let x = b.width; x < b.bytesPerRow * 8; x++) if (getPixel(b, x, y)) return 'ink-in-padding';
  }
  return null;
}

export function getPixel(b: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= b.bytesPerRow * 8 || y >= b.height) return false;
  return ((b.data[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function setPixel(b: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return;
  const i = y * b.bytesPerRow + (x >> 3);
  b.data[i] = (b.data[i] ?? 0) | (0x80 >> (x & 7));
}

/** A copy of `src` shifted right by `offset` dots (left padding), rows no wider than needed. */
export function padLeft(src: Bitmap, offset: number): Bitmap {
  if (offset === 0) return src;
  const out = createBitmap(src.width + offset, src.height);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) if (getPixel(src, x, y)) setPixel(out, x + offset, y);
  }
  return out;
}

/** Rows [from, to) as a bitmap of their own (shares no memory with `src`). */
export function sliceRows(src: Bitmap, from: number, to: number): Bitmap {
  return {
    width: src.width,
    height: to - from,
    bytesPerRow: src.bytesPerRow,
    data: src.data.slice(from * src.bytesPerRow, to * src.bytesPerRow),
  };
}
