import { getPixel, type Bitmap } from '../../src/bitmap.ts';
import { pngToGray } from '../../src/image.ts';

/** Null when the bitmap and the PNG show the same dots; otherwise where they first differ. */
export function diffAgainstPng(b: Bitmap, png: Uint8Array): string | null {
  const decoded = pngToGray(png);
  if (!decoded.ok) return 'fixture is not a PNG';
  const img = decoded.value;
  if (img.width !== b.width || img.height !== b.height) return `size ${b.width}x${b.height}, fixture ${img.width}x${img.height}`;
  let differing = 0;
  let first = '';
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      const black = (img.data[y * img.width + x] ?? 255) < 128;
      if (black !== getPixel(b, x, y)) {
        if (differing === 0) first = `(${x}, ${y})`;
        differing++;
      }
    }
  }
  return differing === 0 ? null : `${differing} dots differ, first at ${first}`;
}
