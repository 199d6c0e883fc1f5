/// <reference types="emscripten" />
// (zxing-wasm's module type extends the global EmscriptenModule; our tsconfig lists only node types.)
import {
  CHARACTER_SETS,
  EAN_ADD_ON_SYMBOLS,
  BINARIZERS,
  TEXT_MODES,
  encodeFormats,
  type ZXingReaderModule,
  type ZXingReaderOptions,
  type ZXingReadResult,
} from 'zxing-wasm/reader';
import { err, ok, type Result } from '@ovs/basics';
import { MAX_IMAGE_PIXELS, readPng } from './png.ts';
import type { DecodeInput } from './types.ts';
import { loadZxingReader, markBroken } from './zxing-module.ts';

export type DecodeQrError =
  /** Nothing that looks like a barcode in the image. */
  | 'no-barcode'
  /** More than one readable QR code: the ballot box must see exactly one ballot. */
  | 'multiple-barcodes'
  /** A barcode, but not a (model 2) QR code: a product code, a Data Matrix, a Micro QR... */
  | 'not-qr'
  /** A QR code was found but error correction could not restore it (torn, stained, faded). */
  | 'damaged-barcode'
  /** Not an image: bad PNG, zero size, data length that fits neither gray nor RGBA. */
  | 'unreadable-image'
  /** More than MAX_IMAGE_PIXELS pixels, or a side longer than 65535 (zxing's limit). */
  | 'image-too-large'
  /** The decoder itself failed (WebAssembly abort, out of memory); the next call starts a new one. */
  | 'decoder-failure';

/** The bytes of the one QR code in the image. */
export type DecodeQrResult = Result<Uint8Array, DecodeQrError>;

export interface QrDecoderOptions {
  /**
   * When no QR code is found, look again for every other symbology so that a wrong code
   * is reported as 'not-qr' rather than 'no-barcode'. Costs a second pass (about as long
   * as the first) on failures only; a camera loop that polls empty frames may turn it off.
   * Default true.
   */
  identifyOtherBarcodes?: boolean;
  /**
   * When the fast pass reads no QR code, look again with zxing's tryHarder. The fast pass
   * reads ballots tilted up to about 30° and the slightly blurred, noisy and faded frames of
   * the degradation tests; the retry also reads codes turned 45° and a few more of the
   * worst frames, at about 1.5× the cost, paid only on frames that failed. Default true.
   */
  retryHarder?: boolean;
}

export interface QrDecoder {
  /** Synchronous, reuses one pixel buffer in WebAssembly memory; never throws. */
  decode(input: DecodeInput): DecodeQrResult;
  /** False after a WebAssembly trap: this decoder only answers 'decoder-failure' from then on. */
  readonly usable: boolean;
}

// Formats zxing reports for a model 2 QR code (the only kind we print).
const QR_MODEL_2 = new Set(['QRCode', 'QRCodeModel2']);
// zxing-cpp's ImageView takes 16-bit sides.
const MAX_SIDE = 65535;

function readerOptions(formats: string, tryHarder: boolean): ZXingReaderOptions {
  return {
    formats,
    tryHarder,
    // QR detection finds finder patterns at any angle; the rotated passes are for 1D codes.
    tryRotate: false,
    // Ballots are always dark print on light paper.
    tryInvert: false,
    // Cheap (a few ms) and it lets large, close-up frames decode at a coarser scale.
    tryDownscale: true,
    tryDenoise: false,
    binarizer: BINARIZERS.indexOf('LocalAverage'),
    isPure: false,
    downscaleThreshold: 500,
    downscaleFactor: 3,
    minLineCount: 2,
    maxNumberOfSymbols: 255,
    validateOptionalChecksum: false,
    // Returned so that a found-but-uncorrectable code is told apart from no code at all;
    // the bytes of such results are never used.
    returnErrors: true,
    eanAddOnSymbol: EAN_ADD_ON_SYMBOLS.indexOf('Ignore'),
    // We only read `bytes`; hex is the cheapest text rendering and never guesses a charset.
    textMode: TEXT_MODES.indexOf('Hex'),
    characterSet: CHARACTER_SETS.indexOf('Unknown'),
    tryCode39ExtendedMode: true,
  };
}

interface Pixels {
  width: number;
  height: number;
  /** Gray (1 byte per pixel) or RGBA (4). */
  channels: 1 | 4;
  data: ArrayLike<number>;
}

type Prepared = Result<Pixels, 'unreadable-image' | 'image-too-large'>;

function prepare(input: unknown): Prepared {
  if (input instanceof Uint8Array) {
    const png = readPng(input);
    if (!png.ok) return err(png.error === 'image-too-large' ? 'image-too-large' : 'unreadable-image');
    return prepare(png.value);
  }
  if (!isImageObject(input)) return err('unreadable-image');
  const { width, height, data } = input;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) {
    return err('unreadable-image');
  }
  const pixels = width * height;
  if (pixels > MAX_IMAGE_PIXELS || width > MAX_SIDE || height > MAX_SIDE) return err('image-too-large');
  if (data.length === pixels) return ok({ width, height, channels: 1, data });
  if (data.length === pixels * 4) return ok({ width, height, channels: 4, data });
  return err('unreadable-image');
}

function isImageObject(input: unknown): input is { width: number; height: number; data: Uint8Array | Uint8ClampedArray } {
  if (typeof input !== 'object' || input === null) return false;
  const o = input as Record<string, unknown>;
  return typeof o.width === 'number' && typeof o.height === 'number' && (o.data instanceof Uint8Array || o.data instanceof Uint8ClampedArray);
}

function classify(results: readonly ZXingReadResult[]): DecodeQrResult | undefined {
  // zxing-wasm turns a C++ exception into a result with no format and the message in
  // `error` (and no bytes at all); it is the decoder failing, not the image.
  if (results.some((r) => r.format === '')) return err('decoder-failure');
  const valid = results.filter((r) => r.isValid);
  const qr = valid.filter((r) => QR_MODEL_2.has(r.format) && r.sequenceSize < 0);
  if (qr.length > 1) return err('multiple-barcodes');
  const [only] = qr;
  // `slice` copies: the bytes must not alias anything zxing may reuse.
  if (only) return ok(only.bytes.slice());
  if (valid.length > 0) return err('not-qr');
  if (results.some((r) => r.symbology === 'QRCode')) return err('damaged-barcode');
  return undefined;
}

/** A decoder bound to one zxing-wasm instance (loaded from node_modules, never from the network). */
export async function createQrDecoder(options: QrDecoderOptions = {}): Promise<QrDecoder> {
  const instance = await loadZxingReader();
  const zxing = instance.module;
  const retry = options.retryHarder ?? true;
  const identify = options.identifyOtherBarcodes ?? true;
  const qrFormats = encodeFormats(['QRCode']);
  const fastPass = readerOptions(qrFormats, false);
  const harderPass = readerOptions(qrFormats, true);
  // Every readable symbology, QR included (a Micro QR or rMQR is 'not-qr' too).
  const anyPass = readerOptions(encodeFormats([]), false);
  let buffer = 0;
  let capacity = 0;

  const read = (m: ZXingReaderModule, pixels: Pixels, options: ZXingReaderOptions): ZXingReadResult[] => {
    const vector = m.readBarcodesFromPixmap(buffer, pixels.width, pixels.height, options);
    try {
      const out: ZXingReadResult[] = [];
      for (let i = 0; i < vector.size(); i++) {
        const r = vector.get(i);
        if (r) out.push(r);
      }
      return out;
    } finally {
      // The vector is a C++ object behind an embind handle; without delete() it leaks.
      (vector as { delete?: () => void }).delete?.();
    }
  };

  const decodeWith = (m: ZXingReaderModule, pixels: Pixels): DecodeQrResult => {
    const n = pixels.width * pixels.height;
    if (n > capacity) {
      if (buffer) m._free(buffer);
      buffer = 0;
      capacity = 0;
      const ptr = m._malloc(n);
      if (!ptr) return err('decoder-failure');
      buffer = ptr;
      capacity = n;
    }
    // HEAPU8 is read after malloc: growing the memory replaces the view.
    const heap = m.HEAPU8;
    if (pixels.channels === 1) {
      heap.set(pixels.data, buffer);
    } else {
      // Luminance with zxing-wasm's own weights (ITU-R BT.601 in 10-bit fixed point); alpha is ignored.
      const d = pixels.data;
      for (let i = 0, p = 0; i < n; i++, p += 4) {
        heap[buffer + i] = (306 * (d[p] as number) + 601 * (d[p + 1] as number) + 117 * (d[p + 2] as number) + 512) >> 10;
      }
    }
    const fast = classify(read(m, pixels, fastPass));
    if (fast && (fast.ok || fast.error !== 'damaged-barcode' || !retry)) return fast;
    const harder = retry ? classify(read(m, pixels, harderPass)) : undefined;
    if (harder) return harder;
    if (fast) return fast;
    if (!identify) return err('no-barcode');
    const others = read(m, pixels, anyPass).filter((r) => r.isValid);
    return err(others.length > 0 ? 'not-qr' : 'no-barcode');
  };

  return {
    get usable() {
      return !instance.broken;
    },
    decode(input: DecodeInput): DecodeQrResult {
      if (instance.broken) return err('decoder-failure');
      let prepared: Prepared;
      try {
        prepared = prepare(input);
      } catch {
        // Only reachable with a hostile object (a throwing getter, a detached buffer).
        return err('unreadable-image');
      }
      if (!prepared.ok) return prepared;
      try {
        return decodeWith(zxing, prepared.value);
      } catch {
        // A WebAssembly trap leaves the instance in an unknown state: never use it again.
        markBroken(instance);
        return err('decoder-failure');
      }
    },
  };
}

let shared: Promise<QrDecoder> | undefined;

/** Decodes one QR code with a process-wide decoder (created on first use). Never rejects on bad input. */
export async function decodeQr(input: DecodeInput): Promise<DecodeQrResult> {
  shared ??= createQrDecoder().catch((e: unknown) => {
    shared = undefined;
    throw e;
  });
  let decoder = await shared;
  if (!decoder.usable) {
    shared = createQrDecoder();
    decoder = await shared;
  }
  return decoder.decode(input);
}
