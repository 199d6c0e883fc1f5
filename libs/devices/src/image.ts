// Images crossing device boundaries: 8-bit grayscale camera frames, and PNG in and out
// (the simulated printer's paper, the simulated scanner's input).

import { err, ok, type Result } from '@ovs/basics';
import { PNG } from 'pngjs';
import { getPixel, type Bitmap } from './bitmap.ts';

/** 8 bits per pixel, row-major, 0 = black, 255 = white. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export function bitmapToGray(b: Bitmap, scale = 1): GrayImage {
  const width = b.width * scale;
  const height = b.height * scale;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (getPixel(b, Math.floor(x / scale), Math.floor(y / scale))) data[y * width + x] = 0;
  }
  return { width, height, data };
}

export function grayToPng(img: GrayImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(img.data);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}

export function bitmapToPng(b: Bitmap): Buffer {
  return grayToPng(bitmapToGray(b));
}

export type PngDecodeResult = Result<GrayImage, 'bad-png'>;

/** Any PNG → grayscale (ITU-R BT.601 luma; transparent counts as white paper). */
export function pngToGray(bytes: Uint8Array): PngDecodeResult {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch {
    return err('bad-png');
  }
  const { width, height, data } = png;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const r = data[i * 4] ?? 255;
    const g = data[i * 4 + 1] ?? 255;
    const b = data[i * 4 + 2] ?? 255;
    const a = (data[i * 4 + 3] ?? 255) / 255;
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    out[i] = Math.round(luma * a + 255 * (1 - a));
  }
  return ok({ width, height, data: out });
}
