import { err, ok, type Result } from '@ovs/basics';
import { PNG } from 'pngjs';
import { grayToBitmap } from './bitmap.ts';
import type { Bitmap, GrayImage } from './types.ts';

/**
 * Largest image accepted, in pixels. A 12-megapixel camera frame fits with room to spare;
 * the limit is checked on the PNG header before decoding, so a tiny file that claims a huge
 * image cannot make us allocate gigabytes.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type PngError = 'not-png' | 'corrupt-png' | 'image-too-large';

export type ReadPngResult = Result<GrayImage, PngError>;

export type PngToBitmapResult = Result<Bitmap, PngError>;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Writes a 1-bit printer raster as an 8-bit grayscale PNG (what a person or a test looks at). */
export function bitmapToPng(bitmap: Bitmap): Uint8Array {
  const { width, height } = bitmap;
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = bitmap.data[y * bitmap.bytesPerRow + (x >> 3)] ?? 0;
      gray[y * width + x] = byte & (0x80 >> (x & 7)) ? 0 : 255;
    }
  }
  return grayToPng({ width, height, data: gray });
}

export function grayToPng(image: GrayImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const out = PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Any PNG (gray, palette, RGB, with or without alpha) to 8-bit gray; transparency is shown over white paper. */
export function readPng(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): ReadPngResult {
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b)) return err('not-png');
  // IHDR must be the first chunk: length(4) "IHDR"(4) width(4) height(4).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return err('corrupt-png');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return err('corrupt-png');
  if (width * height > maxPixels) return err('image-too-large');

  let decoded: { width: number; height: number; data: Buffer };
  try {
    decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return err('corrupt-png');
  }
  if (decoded.width !== width || decoded.height !== height || decoded.data.length !== width * height * 4) {
    return err('corrupt-png');
  }
  const rgba = decoded.data;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    const lum = (306 * (rgba[p] as number) + 601 * (rgba[p + 1] as number) + 117 * (rgba[p + 2] as number) + 512) >> 10;
    const alpha = rgba[p + 3] as number;
    gray[i] = alpha === 255 ? lum : (lum * alpha + 255 * (255 - alpha) + 127) / 255;
  }
  return ok({ width, height, data: gray });
}

/** Reads a PNG back into a printer raster; pixels darker than mid-gray become black dots. */
export function pngToBitmap(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): PngToBitmapResult {
  const read = readPng(bytes, maxPixels);
  if (!read.ok) return read;
  return ok(grayToBitmap(read.value));
}
