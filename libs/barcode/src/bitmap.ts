import type { Bitmap, GrayImage } from './types.ts';

// Helpers for the printer's 1-bit raster format (see `Bitmap`).

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bitmap size must be non-negative integers, got ${width}x${height}`);
  }
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function getDot(bitmap: Bitmap, x: number, y: number): boolean {
  const byte = bitmap.data[y * bitmap.bytesPerRow + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

export function setDot(bitmap: Bitmap, x: number, y: number, black: boolean): void {
  const i = y * bitmap.bytesPerRow + (x >> 3);
  const mask = 0x80 >> (x & 7);
  const byte = bitmap.data[i] ?? 0;
  bitmap.data[i] = black ? byte | mask : byte & ~mask;
}

/** Blackens the rectangle [x, x+w) × [y, y+h), clipped to the bitmap. */
export function fillRect(bitmap: Bitmap, x: number, y: number, w: number, h: number): void {
  const x0 = Math.max(0, x);
  const x1 = Math.min(bitmap.width, x + w);
  const y0 = Math.max(0, y);
  const y1 = Math.min(bitmap.height, y + h);
  for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) setDot(bitmap, xx, yy, true);
}

/** Copies `src` into `dst` with its top-left corner at (x, y), clipped; for composing a ballot. */
export function blitBitmap(dst: Bitmap, src: Bitmap, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    for (let sx = 0; sx < src.width; sx++) {
      const dx = x + sx;
      if (dx < 0 || dx >= dst.width) continue;
      setDot(dst, dx, dy, getDot(src, sx, sy));
    }
  }
}

/** Vertical stack, left-aligned, for a ballot made of printed parts. */
export function stackBitmaps(parts: readonly Bitmap[]): Bitmap {
  const width = Math.max(0, ...parts.map((p) => p.width));
  const out = createBitmap(width, parts.reduce((h, p) => h + p.height, 0));
  let y = 0;
  for (const part of parts) {
    blitBitmap(out, part, 0, y);
    y += part.height;
  }
  return out;
}

/** Black dots become 0, white 255: how a perfect scan of the print would look. */
export function bitmapToGray(bitmap: Bitmap): GrayImage {
  const { width, height } = bitmap;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * bitmap.bytesPerRow;
    for (let x = 0; x < width; x++) {
      const byte = bitmap.data[row + (x >> 3)] ?? 0;
      data[y * width + x] = byte & (0x80 >> (x & 7)) ? 0 : 255;
    }
  }
  return { width, height, data };
}

/** Pixels darker than `threshold` become black dots. */
export function grayToBitmap(gray: GrayImage, threshold = 128): Bitmap {
  const out = createBitmap(gray.width, gray.height);
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < gray.width; x++) {
      if ((gray.data[y * gray.width + x] ?? 255) < threshold) setDot(out, x, y, true);
    }
  }
  return out;
}

export function bitmapsEqual(a: Bitmap, b: Bitmap): boolean {
  if (a.width !== b.width || a.height !== b.height || a.bytesPerRow !== b.bytesPerRow) return false;
  if (a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
