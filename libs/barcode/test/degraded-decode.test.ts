// Decoding through the degradations of `@ovs/barcode/degrade`. Every case is seeded, so a
// failure names the image that failed and replays exactly.
import t from 'tap';
import { createQrDecoder, type GrayImage } from '../src/index.ts';
import { addNoise, eraseRect, gaussianBlur, photographBallot, reduceContrast, rotate } from '../src/degrade.ts';
import { ballotImage, payloadFromSeed, sameBytes } from './support.ts';

const decoder = await createQrDecoder();
const SEEDS = [1, 2, 3, 4, 5, 6];

/** The seeds whose degraded ballot did not decode to its own payload, with the reason. */
function failures(degrade: (img: GrayImage, seed: number) => GrayImage): string[] {
  const failed: string[] = [];
  for (const seed of SEEDS) {
    const payload = payloadFromSeed(seed);
    const r = decoder.decode(degrade(ballotImage(payload, seed), seed));
    if (!r.ok) failed.push(`seed ${seed}: ${r.error}`);
    else if (!sameBytes(r.value, payload)) failed.push(`seed ${seed}: WRONG BYTES`);
  }
  return failed;
}

t.test('additive Gaussian noise, σ = 30 gray levels', (t) => {
  t.same(failures((img, seed) => addNoise(img, 30, seed)), [], 'noise 30');
  t.end();
});

t.test('Gaussian blur, σ = 2 dots (half a module)', (t) => {
  t.same(failures((img) => gaussianBlur(img, 2)), [], 'blur 2');
  t.end();
});

t.test('rotation up to 10° either way, and turned a quarter or upside down', (t) => {
  for (const degrees of [-10, -6.5, -2, 3, 10, 90, 180]) t.same(failures((img) => rotate(img, degrees)), [], `rotate ${degrees}°`);
  t.end();
});

t.test('rotation by 45° needs the tryHarder retry', async (t) => {
  t.same(failures((img) => rotate(img, 45)), [], 'rotate 45°');
  const fastOnly = await createQrDecoder({ retryHarder: false });
  const r = fastOnly.decode(rotate(ballotImage(payloadFromSeed(1)), 45));
  t.same(r, { ok: false, error: 'no-barcode' }, 'the fast pass alone does not find it (why the retry exists)');
});

t.test('contrast loss: 10 %, and a badly faded print with 10 % of the contrast left', (t) => {
  t.same(failures((img) => reduceContrast(img, 0.9)), [], 'contrast 0.9');
  t.same(failures((img) => reduceContrast(img, 0.1)), [], 'contrast 0.1');
  t.end();
});

t.test('all at once on the raster: tilt, blur, fading, noise', (t) => {
  const combined = (img: GrayImage, seed: number): GrayImage =>
    addNoise(reduceContrast(gaussianBlur(rotate(img, seed % 2 ? 10 : -10), 1.2), 0.5), 15, seed);
  t.same(failures(combined), [], '±10°, blur 1.2, contrast 0.5, noise 15');
  t.end();
});

t.test('photographed by the ballot-box camera', (t) => {
  t.same(failures((img, seed) => photographBallot(img, { seed })), [], 'defaults: 8 px/mm, ±5°, blur 1, noise 6');
  t.same(
    failures((img, seed) => photographBallot(reduceContrast(img, 0.6), { seed, maxDegrees: 10, noiseSigma: 8 })),
    [],
    '±10°, faded to 60 %, noise 8',
  );
  t.end();
});

t.test('past the limit the answer is an error, never other bytes', (t) => {
  // Blur of a whole module (4 dots) erases the pattern; the decoder must say so.
  for (const seed of SEEDS) {
    const r = decoder.decode(gaussianBlur(ballotImage(payloadFromSeed(seed), seed), 4));
    t.notOk(r.ok, `blur 4, seed ${seed}`);
  }
  t.end();
});

t.test('torn or stained codes: an error or the right bytes, never wrong bytes', (t) => {
  // Rectangles of paper torn away (white) or stained (black) anywhere on the symbol,
  // including finder patterns; small ones are repaired by error correction.
  let repaired = 0;
  let refused = 0;
  for (let seed = 0; seed < 150; seed++) {
    const payload = payloadFromSeed(seed);
    const img = ballotImage(payload, seed);
    // The QR's place on the mock ballot: centred, below 8 lines of text.
    const qrSide = (61 + 8) * 4;
    const qrX = Math.floor((img.width - qrSide) / 2);
    const qrY = 8 * 4 * 1 + 8 * 28;
    const w = 8 + ((seed * 37) % 120);
    const h = 8 + ((seed * 53) % 120);
    const x = qrX + ((seed * 71) % (qrSide - w));
    const y = qrY + ((seed * 29) % (qrSide - h));
    const r = decoder.decode(eraseRect(img, x, y, w, h, seed % 2 ? 0 : 255));
    if (r.ok) {
      t.ok(sameBytes(r.value, payload), `seed ${seed}: decoded bytes are the printed ones`);
      repaired++;
    } else {
      t.ok(['damaged-barcode', 'no-barcode'].includes(r.error), `seed ${seed}: ${r.error}`);
      refused++;
    }
  }
  // Both outcomes must occur, or the damage sizes above test nothing.
  t.ok(repaired > 20, `${repaired} repaired by error correction`);
  t.ok(refused > 5, `${refused} refused`);
  t.end();
});
