import t from 'tap';
import {
  addNoise,
  createRandom,
  eraseRect,
  gaussianBlur,
  mockBallot,
  photographBallot,
  reduceContrast,
  resample,
  rotate,
} from '../src/degrade.ts';
import { bitmapsEqual, type GrayImage } from '../src/index.ts';
import { ballotImage, payloadFromSeed, qrBitmap, sameBytes } from './support.ts';

const flat = (width: number, height: number, value: number): GrayImage => ({ width, height, data: new Uint8Array(width * height).fill(value) });
const mean = (img: GrayImage): number => Array.from(img.data).reduce((a, b) => a + b, 0) / img.data.length;
const bytes = (img: GrayImage): Uint8Array => Uint8Array.from(img.data);

t.test('seeded randomness replays and differs by seed', (t) => {
  const a = createRandom(1);
  const b = createRandom(1);
  const c = createRandom(2);
  const sa = Array.from({ length: 100 }, () => a.next());
  t.same(sa, Array.from({ length: 100 }, () => b.next()));
  t.not(sa[0], c.next());
  t.ok(sa.every((x) => x >= 0 && x < 1));
  const g = createRandom(3);
  const n = Array.from({ length: 20000 }, () => g.gaussian());
  const m = n.reduce((x, y) => x + y, 0) / n.length;
  const v = n.reduce((x, y) => x + (y - m) ** 2, 0) / n.length;
  t.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.05, `gaussian mean ${m.toFixed(3)}, variance ${v.toFixed(3)}`);
  t.end();
});

t.test('every degradation is deterministic', (t) => {
  const img = ballotImage(payloadFromSeed(1));
  t.ok(sameBytes(bytes(addNoise(img, 10, 5)), bytes(addNoise(img, 10, 5))));
  t.notOk(sameBytes(bytes(addNoise(img, 10, 5)), bytes(addNoise(img, 10, 6))));
  t.ok(sameBytes(bytes(photographBallot(img, { seed: 9 })), bytes(photographBallot(img, { seed: 9 }))));
  t.notOk(sameBytes(bytes(photographBallot(img, { seed: 9 })), bytes(photographBallot(img, { seed: 10 }))));
  t.ok(bitmapsEqual(mockBallot(qrBitmap(payloadFromSeed(1)), { seed: 3 }), mockBallot(qrBitmap(payloadFromSeed(1)), { seed: 3 })));
  t.end();
});

t.test('noise: mean kept, spread as asked', (t) => {
  const out = addNoise(flat(200, 200, 128), 20, 1);
  const m = mean(out);
  const sd = Math.sqrt(Array.from(out.data).reduce((a, b) => a + (b - m) ** 2, 0) / out.data.length);
  t.ok(Math.abs(m - 128) < 1, `mean ${m}`);
  t.ok(Math.abs(sd - 20) < 1, `deviation ${sd}`);
  t.end();
});

t.test('blur: flat stays flat, an edge spreads, sigma 0 copies', (t) => {
  t.ok(gaussianBlur(flat(30, 30, 77), 2).data.every((v) => v === 77));
  const edge: GrayImage = { width: 40, height: 1, data: Uint8Array.from({ length: 40 }, (_, x) => (x < 20 ? 0 : 255)) };
  const b = gaussianBlur(edge, 2);
  t.ok((b.data[19] as number) > 60 && (b.data[19] as number) < 128 && (b.data[20] as number) > 128 && (b.data[20] as number) < 195, 'a ramp across the edge');
  t.equal(b.data[0], 0);
  t.equal(b.data[39], 255);
  t.ok(sameBytes(bytes(gaussianBlur(edge, 0)), bytes(edge)));
  t.end();
});

t.test('rotation: 0° is the identity, the canvas grows to hold the corners, 90° turns', (t) => {
  const img = ballotImage(payloadFromSeed(2));
  t.ok(sameBytes(bytes(rotate(img, 0)), bytes(img)));
  const r = rotate(img, 10);
  const rad = (10 * Math.PI) / 180;
  t.equal(r.width, Math.ceil(img.width * Math.cos(rad) + img.height * Math.sin(rad)));
  t.equal(r.height, Math.ceil(img.width * Math.sin(rad) + img.height * Math.cos(rad)));
  const tiny: GrayImage = { width: 3, height: 2, data: Uint8Array.of(0, 50, 100, 150, 200, 250) };
  const q = rotate(tiny, 90);
  t.same([q.width, q.height], [2, 3]);
  // Counter-clockwise: the top row (0, 50, 100) becomes the left column, read bottom-up.
  t.same([q.data[0], q.data[2], q.data[4]], [100, 50, 0]);
  t.end();
});

t.test('contrast: keep 0.9 is a 10 % loss around mid-gray', (t) => {
  const img: GrayImage = { width: 2, height: 1, data: Uint8Array.of(0, 255) };
  t.same(Array.from(reduceContrast(img, 0.9).data), [13, 242]);
  t.same(Array.from(reduceContrast(img, 0.1).data), [115, 140]);
  t.end();
});

t.test('resampling and erasing', (t) => {
  const img = ballotImage(payloadFromSeed(3));
  const half = resample(img, 0.5);
  t.same([half.width, half.height], [Math.round(img.width / 2), Math.round(img.height / 2)]);
  t.ok(Math.abs(mean(half) - mean(img)) < 2, 'area averaging keeps the mean');
  const e = eraseRect(flat(10, 10, 255), 8, 8, 5, 5, 0);
  t.equal(e.data.filter((v) => v === 0).length, 4, 'clipped to the image');
  t.end();
});

t.test('the photograph: frame size, gray background, paper brighter than background', (t) => {
  const photo = photographBallot(ballotImage(payloadFromSeed(4)), { seed: 1, frameWidth: 900, frameHeight: 700, noiseSigma: 0, blurSigma: 0 });
  t.same([photo.width, photo.height], [900, 700]);
  const histogram = new Array<number>(256).fill(0);
  for (const v of photo.data) histogram[v] = (histogram[v] as number) + 1;
  const background = histogram.slice(80, 115).reduce((a, b) => a + b, 0);
  const paper = histogram.slice(170, 256).reduce((a, b) => a + b, 0);
  t.ok(background > photo.data.length * 0.2, 'much of the frame is the gray slot');
  t.ok(paper > photo.data.length * 0.1, 'the ballot is there');
  t.end();
});
