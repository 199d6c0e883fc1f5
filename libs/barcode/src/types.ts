/** A QR symbol as modules, without quiet zone: `modules[y * size + x]` is 1 for dark, 0 for light. */
export interface QrMatrix {
  size: number;
  modules: Uint8Array;
}

/**
 * A 1-bit bitmap laid out exactly as the ESC/POS raster command `GS v 0` takes it:
 * rows top to bottom, each row `bytesPerRow = ceil(width / 8)` bytes, the most significant
 * bit is the leftmost dot, 1 = black (burn), padding bits at the end of a row are 0.
 * `GS v 0 m xL xH yL yH` then gets x = bytesPerRow and y = height, followed by `data` as is.
 */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

/** 8-bit grayscale, one byte per pixel, 0 = black, 255 = white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** 8-bit RGBA, four bytes per pixel (the shape of a DOM `ImageData`). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** What the decoder accepts: gray or RGBA pixels (told apart by `data.length`), or PNG file bytes. */
export type DecodeInput = GrayImage | RgbaImage | Uint8Array;

export type EccLevel = 'L' | 'M' | 'Q' | 'H';
