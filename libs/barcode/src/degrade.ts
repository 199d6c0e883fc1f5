// Image degradations for tests and benchmarks only (exported as `@ovs/barcode/degrade`,
// never used on the decode path). Every function returns a new image and is deterministic:
// randomness comes from a seed.
import { createRandom } from './random.ts';
import type { GrayImage } from './types.ts';

export { createRandom, type Random } from './random.ts';
export { mockBallot, type MockBallotOptions } from './mock-ballot.ts';

const clamp255 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Adds Gaussian noise of standard deviation `sigma` (gray levels) to every pixel. */
export function addNoise(image: GrayImage, sigma: number, seed: number): GrayImage {
  const random = createRandom(seed);
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = clamp255((image.data[i] as number) + sigma * random.gaussian());
  return { width: image.width, height: image.height, data };
}

/** Separable Gaussian blur; the border repeats the edge pixels. */
export function gaussianBlur(image: GrayImage, sigma: number): GrayImage {
  const { width, height } = image;
  if (sigma <= 0) return { width, height, data: Uint8Array.from(image.data) };
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < kernel.length; k++) kernel[k] = (kernel[k] as number) / sum;

  const tmp = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) {
        const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
        acc += (kernel[k + radius] as number) * (image.data[row + xx] as number);
      }
      tmp[row + x] = acc;
    }
  }
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) {
        const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
        acc += (kernel[k + radius] as number) * (tmp[yy * width + x] as number);
      }
      data[y * width + x] = clamp255(acc);
    }
  }
  return { width, height, data };
}

/** Bilinear sample at (x, y); `outside` where the point is off the image. */
function sample(image: GrayImage, x: number, y: number, outside: number): number {
  const { width, height, data } = image;
  if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) return outside;
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const a = data[y0 * width + x0] as number;
  const b = data[y0 * width + x1] as number;
  const c = data[y1 * width + x0] as number;
  const d = data[y1 * width + x1] as number;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

/** Rotates about the centre by `degrees` (counter-clockwise); the canvas grows to keep the corners. */
export function rotate(image: GrayImage, degrees: number, background = 255): GrayImage {
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const width = Math.ceil(Math.abs(image.width * cos) + Math.abs(image.height * sin));
  const height = Math.ceil(Math.abs(image.width * sin) + Math.abs(image.height * cos));
  const data = new Uint8Array(width * height);
  const cxOut = (width - 1) / 2;
  const cyOut = (height - 1) / 2;
  const cxIn = (image.width - 1) / 2;
  const cyIn = (image.height - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - cxOut;
      const dy = y - cyOut;
      // Inverse mapping: where in the source does this output pixel come from?
      data[y * width + x] = clamp255(sample(image, cxIn + dx * cos - dy * sin, cyIn + dx * sin + dy * cos, background));
    }
  }
  return { width, height, data };
}

/**
 * Keeps `keep` (0..1) of the original contrast around mid-gray: `keep = 0.9` is a 10 % loss,
 * `keep = 0.1` a badly faded print where black and white differ by 26 gray levels.
 */
export function reduceContrast(image: GrayImage, keep: number): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = clamp255(127.5 + ((image.data[i] as number) - 127.5) * keep);
  return { width: image.width, height: image.height, data };
}

/** Resamples by `factor` (0.5 = half size) with area averaging, as a lower-resolution sensor sees it. */
export function resample(image: GrayImage, factor: number): GrayImage {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const data = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (sx <= 1 && sy <= 1) {
        data[y * width + x] = clamp255(sample(image, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, 255));
        continue;
      }
      // Area average over the source footprint (whole source pixels overlapping it).
      const x0 = Math.floor(x * sx);
      const x1 = Math.min(image.width, Math.ceil((x + 1) * sx));
      const y0 = Math.floor(y * sy);
      const y1 = Math.min(image.height, Math.ceil((y + 1) * sy));
      let acc = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) acc += image.data[yy * image.width + xx] as number;
      data[y * width + x] = clamp255(acc / ((x1 - x0) * (y1 - y0)));
    }
  }
  return { width, height, data };
}

/** Paints a rectangle with one gray level (a tear, a stain, a finger over the code). */
export function eraseRect(image: GrayImage, x: number, y: number, w: number, h: number, value = 255): GrayImage {
  const data = Uint8Array.from(image.data);
  for (let yy = Math.max(0, y); yy < Math.min(image.height, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(image.width, x + w); xx++) data[yy * image.width + xx] = value;
  }
  return { width: image.width, height: image.height, data };
}

export interface PhotographOptions {
  seed: number;
  /** Camera frame; default 1280 × 960 (a cheap 1.2-megapixel imager). */
  frameWidth?: number;
  frameHeight?: number;
  /** Camera pixels per millimetre of paper; default 8 (printer: 8 dots/mm). */
  pixelsPerMm?: number;
  /** Largest tilt of the ballot in the slot, degrees; default 5. */
  maxDegrees?: number;
  /** Blur of the lens/motion, in camera pixels; default 1.0. */
  blurSigma?: number;
  /** Sensor noise, gray levels; default 6. */
  noiseSigma?: number;
  /** Background gray level (the slot behind the ballot); default 110. */
  background?: number;
  /** Paper brightness (thermal paper is not white in a dim box); default 225. */
  paper?: number;
  /** Print darkness; default 40. */
  ink?: number;
}

/**
 * A ballot as the ballot-box camera sees it: printed dots (`ballot`, 8 dots/mm) on gray paper,
 * scaled to the sensor's resolution, tilted, on a gray background, unevenly lit, blurred and
 * noisy. The ballot is placed at a random position that keeps it within the frame where possible.
 */
export function photographBallot(ballot: GrayImage, options: PhotographOptions): GrayImage {
  const random = createRandom(options.seed);
  const frameWidth = options.frameWidth ?? 1280;
  const frameHeight = options.frameHeight ?? 960;
  const pixelsPerMm = options.pixelsPerMm ?? 8;
  const maxDegrees = options.maxDegrees ?? 5;
  const background = options.background ?? 110;
  const paper = options.paper ?? 225;
  const ink = options.ink ?? 40;

  // Printed dots to paper tones, then to sensor resolution, then tilt.
  const toned = new Uint8Array(ballot.data.length);
  for (let i = 0; i < toned.length; i++) toned[i] = ink + (((ballot.data[i] as number) * (paper - ink)) / 255);
  let img: GrayImage = { width: ballot.width, height: ballot.height, data: toned };
  img = resample(img, pixelsPerMm / 8);
  // Tilted with a marker background so that the paper's outline survives the rotation.
  const marker = 0;
  const shifted = new Uint8Array(img.data.length);
  for (let i = 0; i < shifted.length; i++) shifted[i] = Math.max(1, img.data[i] as number);
  img = rotate({ ...img, data: shifted }, random.range(-maxDegrees, maxDegrees), marker);

  const frame = new Uint8Array(frameWidth * frameHeight);
  const slackX = frameWidth - img.width;
  const slackY = frameHeight - img.height;
  const ox = slackX >= 0 ? random.int(slackX + 1) : Math.round(slackX / 2);
  const oy = slackY >= 0 ? random.int(slackY + 1) : Math.round(slackY / 2);
  // Light falls off towards one side of the slot: up to 25 % darker across the frame.
  const gx = random.range(-0.125, 0.125) / frameWidth;
  const gy = random.range(-0.125, 0.125) / frameHeight;
  for (let y = 0; y < frameHeight; y++) {
    for (let x = 0; x < frameWidth; x++) {
      const bx = x - ox;
      const by = y - oy;
      let v = background;
      if (bx >= 0 && by >= 0 && bx < img.width && by < img.height) {
        const p = img.data[by * img.width + bx] as number;
        // A pixel that is mostly marker lies outside the tilted paper.
        if (p > 0) v = p;
      }
      const light = 1 - Math.abs(gx * x + gy * y);
      frame[y * frameWidth + x] = clamp255(v * light);
    }
  }
  let out: GrayImage = { width: frameWidth, height: frameHeight, data: frame };
  out = gaussianBlur(out, options.blurSigma ?? 1.0);
  out = addNoise(out, options.noiseSigma ?? 6, random.int(2 ** 31));
  return out;
}
