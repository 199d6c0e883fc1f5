// Shared fixtures for the barcode tests (not a test file itself).
import { BALLOT_QR, bitmapToGray, encodeQr, renderQr, type Bitmap, type EncodeQrOptions, type GrayImage } from '../src/index.ts';
import { createRandom, mockBallot } from '../src/degrade.ts';

/** A deterministic pseudo-random payload of `length` bytes. */
export function payloadFromSeed(seed: number, length = 170): Uint8Array {
  const random = createRandom(seed);
  return Uint8Array.from({ length }, () => random.int(256));
}

/** encode + render at the ballot layout; throws if the payload does not fit (a fixture bug). */
export function qrBitmap(payload: Uint8Array, options: EncodeQrOptions = {}, moduleDots = BALLOT_QR.moduleDots): Bitmap {
  const encoded = encodeQr(payload, options);
  if (!encoded.ok) throw new Error(`fixture does not fit: ${encoded.error}`);
  return renderQr(encoded.value.matrix, { moduleDots, quietZoneModules: BALLOT_QR.quietZoneModules });
}

/** The printed ballot (mock text + QR) as a perfect gray scan at 8 dots/mm. */
export function ballotImage(payload: Uint8Array, seed = 1): GrayImage {
  return bitmapToGray(mockBallot(qrBitmap(payload), { seed }));
}

export function toRgba(image: GrayImage): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i++) {
    const v = image.data[i] as number;
    data[4 * i] = v;
    data[4 * i + 1] = v;
    data[4 * i + 2] = v;
    data[4 * i + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Places `inner` on a white canvas of the given size at (x, y). */
export function placeOnCanvas(inner: GrayImage, width: number, height: number, x: number, y: number, fill = 255): GrayImage {
  const data = new Uint8Array(width * height).fill(fill);
  for (let yy = 0; yy < inner.height; yy++) {
    if (y + yy < 0 || y + yy >= height) continue;
    for (let xx = 0; xx < inner.width; xx++) {
      if (x + xx < 0 || x + xx >= width) continue;
      data[(y + yy) * width + x + xx] = inner.data[yy * inner.width + xx] as number;
    }
  }
  return { width, height, data };
}

/** Nearest-neighbour enlargement by an integer factor with a white border of `border` pixels. */
export function enlarge(image: GrayImage, factor: number, border: number): GrayImage {
  const width = image.width * factor + 2 * border;
  const height = image.height * factor + 2 * border;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < image.height * factor; y++) {
    for (let x = 0; x < image.width * factor; x++) {
      data[(y + border) * width + x + border] = image.data[Math.floor(y / factor) * image.width + Math.floor(x / factor)] as number;
    }
  }
  return { width, height, data };
}
