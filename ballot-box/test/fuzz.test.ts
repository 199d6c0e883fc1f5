// Fuzz, end to end with the console: random pictures, damaged ballots, random payloads and
// bit-flipped ballots on the glass. Whatever it is, the box answers (no crash, no hang) and the
// flap stays shut: nothing that is not a valid new ballot of this station gets in.
import t from 'tap';
import fc from 'fast-check';
import { grayToPng, type GrayImage as BarcodeGray } from '@ovs/barcode';
import { addNoise, eraseRect, gaussianBlur, reduceContrast, rotate } from '@ovs/barcode/degrade';
import type { GrayImage } from '@ovs/devices';
import { ballot, ballotGray, ballotPng, SeededRandom, sign } from './support/election.ts';
import { openDay } from './support/rig.ts';
import { qrPng } from './support/scans.ts';

t.test('random and damaged images, random and bit-flipped payloads: no crash, no acceptance', async (t) => {
  const day = await openDay(t);
  const sim = day.box.simulated!;
  // A ballot already in the box: any picture of it that still reads is a duplicate.
  const inBox = sign(day.session, ballot(new SeededRandom('in-box')));
  t.equal((await day.present(ballotPng(inBox))).ok, true);
  t.equal(await day.deposit(), 'deposited');
  const base = ballotGray(inBox, 3);
  const fresh = sign(day.session, ballot(new SeededRandom('fresh')));
  const registered = day.registered();
  const opens = sim.ballotBox.controller.openCommands;
  let decided = 0;

  const shut = async (input: Uint8Array | GrayImage | { bytes: Uint8Array }): Promise<boolean> => {
    const r = await day.present(input);
    if (r.ok) decided++;
    const s = day.box.snapshot();
    return s.state !== 'flap-open' && s.state !== 'opening' && sim.ballotBox.controller.openCommands === opens && day.registered() === registered;
  };

  const noise = fc.record({ w: fc.integer({ min: 1, max: 320 }), h: fc.integer({ min: 1, max: 320 }), seed: fc.integer() }).map(({ w, h, seed }) => {
    const r = new SeededRandom(String(seed));
    return { width: w, height: h, data: Uint8Array.from({ length: w * h }, () => r.int(256)) };
  });
  const damaged = fc
    .record({
      x: fc.double({ min: 0, max: 1, noNaN: true }),
      y: fc.double({ min: 0, max: 1, noNaN: true }),
      w: fc.double({ min: 0.05, max: 1, noNaN: true }),
      h: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
      degrees: fc.integer({ min: -50, max: 50 }),
      blur: fc.double({ min: 0, max: 2.5, noNaN: true }),
      sigma: fc.integer({ min: 0, max: 40 }),
      keep: fc.double({ min: 0.1, max: 1, noNaN: true }),
      seed: fc.integer(),
    })
    .map((d) => {
      let img: BarcodeGray = eraseRect(base, Math.floor(d.x * base.width), Math.floor(d.y * base.height), Math.ceil(d.w * base.width), Math.ceil(d.h * base.height), d.seed % 2 === 0 ? 255 : 0);
      img = reduceContrast(rotate(img, d.degrees), d.keep);
      if (d.blur > 0.3) img = gaussianBlur(img, d.blur);
      const out = addNoise(img, d.sigma, d.seed);
      return { width: out.width, height: out.height, data: new Uint8Array(out.data) } satisfies GrayImage;
    });

  await fc.assert(fc.asyncProperty(noise, (img) => shut(img)), { numRuns: 60 });
  await fc.assert(fc.asyncProperty(noise, (img) => shut(grayToPng(img))), { numRuns: 20 });
  await fc.assert(fc.asyncProperty(damaged, (img) => shut(img)), { numRuns: 60 });
  await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), (bytes) => shut(bytes)), { numRuns: 40 }, );
  await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 170 }), (bytes) => shut({ bytes })), { numRuns: 300 });
  await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 160 }), (bytes) => shut(qrPng(bytes))), { numRuns: 25 });
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: fresh.length * 8 - 1 }), async (bit) => {
      const flipped = Uint8Array.from(fresh);
      flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
      return shut({ bytes: flipped });
    }),
    { numRuns: 400 },
  );
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: fresh.length - 1 }), fc.integer({ min: 1, max: 40 }), async (at, cut) => shut({ bytes: Uint8Array.from([...fresh.subarray(0, at), ...fresh.subarray(Math.min(fresh.length, at + cut))]) })),
    { numRuns: 100 },
  );
  t.ok(decided > 900, `the box answered every one of ${decided} scans`);
  t.equal(sim.ballotBox.controller.flapHistory.filter((f) => f === 'open').length, 1, 'the flap opened only for the ballot in the box');
  // And it is still a working box.
  t.equal((await day.present(ballotPng(fresh))).ok, true);
  t.equal(day.box.snapshot().state, 'flap-open');
  t.equal(day.registered(), registered + 1);
});
