// Ballot QR: generation (encode + render at 203 dpi), decoding with zxing-wasm of a clean
// ballot raster and of ballot-box camera frames, and jsQR on the same images as the peer.
// Also: how many camera pixels per millimetre the chosen layout needs (full run only).
import jsQR from 'jsqr';
import {
  BALLOT_QR,
  MAX_BALLOT_PAYLOAD_BYTES,
  PRINTER_DOTS_PER_MM,
  bitmapToGray,
  createQrDecoder,
  encodeQr,
  qrGeometry,
  renderQr,
  type GrayImage,
  type QrDecoder,
} from '@ovs/barcode';
import { createRandom, eraseRect, mockBallot, photographBallot, reduceContrast } from '@ovs/barcode/degrade';
import { median, round, timeEach } from './stats.ts';
import type { BenchFn } from './types.ts';

interface Case {
  payload: Uint8Array;
  gray: GrayImage;
  rgba: Uint8ClampedArray;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

function payload(seed: number): Uint8Array {
  const random = createRandom(seed);
  return Uint8Array.from({ length: MAX_BALLOT_PAYLOAD_BYTES }, () => random.int(256));
}

function toRgba(gray: GrayImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(gray.width * gray.height * 4);
  for (let i = 0; i < gray.width * gray.height; i++) {
    const v = gray.data[i] as number;
    out[4 * i] = v;
    out[4 * i + 1] = v;
    out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}

function makeCases(n: number, look: (ballot: GrayImage, seed: number) => GrayImage): Case[] {
  return Array.from({ length: n }, (_, seed) => {
    const p = payload(seed);
    const encoded = encodeQr(p);
    if (!encoded.ok) throw new Error(encoded.error);
    const gray = look(bitmapToGray(mockBallot(renderQr(encoded.value.matrix), { seed })), seed);
    return { payload: p, gray, rgba: toRgba(gray) };
  });
}

interface DecoderFigures {
  medianMs: number;
  successRate: number;
}

/** Median over every image × `reps`, success over the images. */
async function zxingFigures(decoder: QrDecoder, cases: Case[], reps: number, rgba: boolean): Promise<DecoderFigures> {
  let ok = 0;
  const times: number[] = [];
  for (const c of cases) {
    const input = rgba ? { width: c.gray.width, height: c.gray.height, data: c.rgba } : c.gray;
    const r = decoder.decode(input);
    if (r.ok && same(r.value, c.payload)) ok++;
    times.push(...(await timeEach(reps, () => decoder.decode(input))));
  }
  return { medianMs: round(median(times), 3), successRate: round(ok / cases.length, 3) };
}

async function jsqrFigures(cases: Case[], reps: number): Promise<DecoderFigures> {
  let ok = 0;
  const times: number[] = [];
  for (const c of cases) {
    const run = (): boolean => {
      // Ballots are never inverted; the same assumption as the zxing decoder.
      const r = jsQR(c.rgba, c.gray.width, c.gray.height, { inversionAttempts: 'dontInvert' });
      return r !== null && same(Uint8Array.from(r.binaryData), c.payload);
    };
    if (run()) ok++;
    times.push(...(await timeEach(reps, run)));
  }
  return { medianMs: round(median(times), 3), successRate: round(ok / cases.length, 3) };
}

/**
 * Largest damage, in mm, that every one of 6 codes survives: a blank band across the middle
 * (between the finder patterns) and a white crease line through the whole symbol.
 */
function erasureToleranceMm(decoder: QrDecoder, version: number, ecc: 'M' | 'Q' | 'H'): { band: number; crease: number } {
  const size = 17 + 4 * version;
  const d = BALLOT_QR.moduleDots;
  const q = BALLOT_QR.quietZoneModules;
  const survives = (kind: 'band' | 'crease', k: number): boolean => {
    for (let seed = 0; seed < 6; seed++) {
      const p = payload(500 + seed);
      const encoded = encodeQr(p, { version, ecc });
      if (!encoded.ok) throw new Error(encoded.error);
      const img = bitmapToGray(renderQr(encoded.value.matrix));
      const mid = Math.floor(size / 2 - k / 2);
      const damaged =
        kind === 'band'
          ? eraseRect(img, (q + 8) * d, (q + mid) * d, (size - 16) * d, k * d)
          : eraseRect(img, q * d, (q + mid) * d + d / 2, size * d, k * d);
      const r = decoder.decode(damaged);
      if (!(r.ok && same(r.value, p))) return false;
    }
    return true;
  };
  const largest = (kind: 'band' | 'crease'): number => {
    let k = 0;
    while (k < size && survives(kind, k + 1)) k++;
    return (k * d) / PRINTER_DOTS_PER_MM;
  };
  return { band: largest('band'), crease: largest('crease') };
}

export const bench: BenchFn = async ({ quick }) => {
  const geometry = qrGeometry();
  const initStart = process.hrtime.bigint();
  const decoder = await createQrDecoder();
  const initMs = Number(process.hrtime.bigint() - initStart) / 1e6;

  // Generation: a fresh payload each time, as on the voting computer.
  const payloads = Array.from({ length: 64 }, (_, i) => payload(1000 + i));
  const generate = await timeEach(quick ? 100 : 500, (i) => {
    const encoded = encodeQr(payloads[i % payloads.length] as Uint8Array);
    if (!encoded.ok) throw new Error(encoded.error);
    return renderQr(encoded.value.matrix);
  });

  const n = quick ? 4 : 12;
  const clean = makeCases(n, (ballot) => ballot);
  // The ballot-box camera: 8 px/mm, tilt up to 5°, blur 1 px, noise 6.
  const photo = makeCases(n, (ballot, seed) => photographBallot(ballot, { seed }));
  // Worse: tilt up to 10°, the print faded to 60 % contrast, noise 8.
  const hard = makeCases(n, (ballot, seed) => photographBallot(reduceContrast(ballot, 0.6), { seed, maxDegrees: 10, noiseSigma: 8 }));

  const reps = quick ? 3 : 10;
  const zxing = {
    clean: await zxingFigures(decoder, clean, reps, false),
    photo: await zxingFigures(decoder, photo, reps, false),
    hard: await zxingFigures(decoder, hard, reps, false),
  };
  // Same RGBA buffers as jsQR gets, for a like-for-like ratio.
  const zxingRgba = {
    clean: await zxingFigures(decoder, clean, reps, true),
    photo: await zxingFigures(decoder, photo, reps, true),
    hard: await zxingFigures(decoder, hard, reps, true),
  };
  // jsQR takes around a second per failed camera frame: one run per image.
  const jsqr = {
    clean: await jsqrFigures(clean, quick ? 1 : 3),
    photo: await jsqrFigures(photo, 1),
    hard: await jsqrFigures(hard, 1),
  };
  const emptyFrame: GrayImage = { width: 1280, height: 960, data: new Uint8Array(1280 * 960).fill(110) };
  const failMs = median(await timeEach(quick ? 3 : 10, () => decoder.decode(emptyFrame)));

  // Camera resolution needed: decode rate of photographed ballots by camera pixels per mm.
  const resolution: Record<string, number> = {};
  if (!quick) {
    for (const pixelsPerMm of [4, 5, 6, 7, 8]) {
      const cases = makeCases(8, (ballot, seed) => photographBallot(ballot, { seed, pixelsPerMm }));
      resolution[`${pixelsPerMm}px/mm`] = (await zxingFigures(decoder, cases, 1, false)).successRate;
    }
  }

  // Error correction against damage, for the chosen layout and its neighbours (full run only).
  const erasure: Record<string, { band: number; crease: number }> = {};
  if (!quick) {
    for (const [version, ecc] of [
      [10, 'M'],
      [11, 'Q'],
      [13, 'H'],
    ] as const) {
      erasure[`V${version}-${ecc}`] = erasureToleranceMm(decoder, version, ecc);
    }
  }

  const ratio = (a: number, b: number): number => round(a / b, 1);
  return {
    key: 'barcode',
    results: {
      layout: {
        qrVersion: BALLOT_QR.version,
        ecc: BALLOT_QR.ecc,
        maxPayloadBytes: MAX_BALLOT_PAYLOAD_BYTES,
        modules: geometry.modules,
        moduleDots: BALLOT_QR.moduleDots,
        moduleMm: geometry.moduleMm,
        symbolMm: geometry.symbolMm,
        quietZoneModules: BALLOT_QR.quietZoneModules,
        withQuietZoneMm: geometry.withQuietZoneMm,
        printerDotsPerMm: PRINTER_DOTS_PER_MM,
      },
      images: {
        clean: `${clean[0]?.gray.width}x${clean[0]?.gray.height} gray, the printed raster`,
        photo: '1280x960 camera frame, 8 px/mm, tilt <=5°, blur 1 px, noise 6',
        hard: '1280x960, tilt <=10°, print contrast 60 %, blur 1 px, noise 8',
        count: n,
      },
      decoderInitMs: round(initMs, 1),
      generateMedianMs: round(median(generate), 3),
      zxing,
      zxingRgba,
      jsqr,
      jsqrOverZxingTime: {
        clean: ratio(jsqr.clean.medianMs, zxingRgba.clean.medianMs),
        photo: ratio(jsqr.photo.medianMs, zxingRgba.photo.medianMs),
        hard: ratio(jsqr.hard.medianMs, zxingRgba.hard.medianMs),
      },
      emptyFrameMedianMs: round(failMs, 3),
      zxingSuccessByCameraResolution: resolution,
      erasureToleranceMm: erasure,
    },
    table: [
      ['layout', `V${BALLOT_QR.version}-${BALLOT_QR.ecc}, ${BALLOT_QR.moduleDots} dots = ${geometry.moduleMm} mm/module, symbol ${geometry.symbolMm} mm (${geometry.withQuietZoneMm} mm with quiet zone)`],
      ['generate (encode+render)', `${round(median(generate), 3)} ms`],
      ['zxing clean / photo / hard', `${zxing.clean.medianMs} / ${zxing.photo.medianMs} / ${zxing.hard.medianMs} ms, ok ${zxing.clean.successRate} / ${zxing.photo.successRate} / ${zxing.hard.successRate}`],
      ['zxing on RGBA', `${zxingRgba.clean.medianMs} / ${zxingRgba.photo.medianMs} / ${zxingRgba.hard.medianMs} ms`],
      ['jsQR clean / photo / hard', `${jsqr.clean.medianMs} / ${jsqr.photo.medianMs} / ${jsqr.hard.medianMs} ms, ok ${jsqr.clean.successRate} / ${jsqr.photo.successRate} / ${jsqr.hard.successRate}`],
      ['empty 1280x960 frame (zxing)', `${round(failMs, 3)} ms`],
      ['zxing init (once)', `${round(initMs, 1)} ms`],
      ...(quick
        ? []
        : ([
            ['ok by camera px/mm', JSON.stringify(resolution)],
            ['erasure tolerated (mm)', JSON.stringify(erasure)],
          ] as Array<[string, string]>)),
    ],
  };
};
