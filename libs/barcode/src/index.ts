// @ovs/barcode: the ballot's 2D barcode. Encode bytes as a fixed-size QR code, render it as
// a thermal-printer raster, read it back from a camera image. Payloads are opaque bytes here;
// their format and signature belong to @ovs/ballot.
export type { Bitmap, DecodeInput, EccLevel, GrayImage, QrMatrix, RgbaImage } from './types.ts';
export {
  BALLOT_QR,
  MAX_BALLOT_PAYLOAD_BYTES,
  PRINTER_DOTS_PER_MM,
  PRINTER_WIDTH_DOTS,
  modulesForVersion,
  qrGeometry,
  type QrGeometry,
  type QrLayout,
} from './ballot-qr.ts';
export { encodeQr, type EncodedQr, type EncodeQrOptions, type EncodeQrResult } from './encode.ts';
export { renderQr, type RenderQrOptions } from './render.ts';
export {
  bitmapToGray,
  bitmapsEqual,
  blitBitmap,
  createBitmap,
  fillRect,
  getDot,
  grayToBitmap,
  setDot,
  stackBitmaps,
} from './bitmap.ts';
export { MAX_IMAGE_PIXELS, bitmapToPng, grayToPng, pngToBitmap, readPng, type PngError, type PngToBitmapResult, type ReadPngResult } from './png.ts';
export {
  createQrDecoder,
  decodeQr,
  type DecodeQrError,
  type DecodeQrResult,
  type QrDecoder,
  type QrDecoderOptions,
} from './decode.ts';
