import t from 'tap';
import fc from 'fast-check';
import { BALLOT_QR, PRINTER_WIDTH_DOTS, encodeQr, getDot, qrGeometry, renderQr, type QrMatrix } from '../src/index.ts';
import { payloadFromSeed } from './support.ts';

t.test('GS v 0 layout: MSB-first rows, 1 = black, zero padding bits (worked example)', (t) => {
  // 2×2 modules: dark, light / light, dark; 3 dots per module, 1 module of quiet zone.
  const matrix: QrMatrix = { size: 2, modules: Uint8Array.from([1, 0, 0, 1]) };
  const bmp = renderQr(matrix, { moduleDots: 3, quietZoneModules: 1 });
  t.equal(bmp.width, 12);
  t.equal(bmp.height, 12);
  t.equal(bmp.bytesPerRow, 2);
  const rows = Array.from({ length: 12 }, (_, y) => Array.from(bmp.data.subarray(y * 2, y * 2 + 2)));
  // Dots 3..5 black → 0001 1100 0000 0000; dots 6..8 black → 0000 0011 1000 0000.
  for (const y of [0, 1, 2, 9, 10, 11]) t.same(rows[y], [0, 0], `row ${y}: quiet zone`);
  for (const y of [3, 4, 5]) t.same(rows[y], [0b00011100, 0b00000000], `row ${y}`);
  for (const y of [6, 7, 8]) t.same(rows[y], [0b00000011, 0b10000000], `row ${y}`);
  t.end();
});

t.test('every dot is its module, every quiet-zone and padding bit is white', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 25 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer(),
      (size, moduleDots, quiet, seed) => {
        const bits = payloadFromSeed(seed, size * size);
        const matrix: QrMatrix = { size, modules: bits.map((b) => b & 1) };
        const bmp = renderQr(matrix, { moduleDots, quietZoneModules: quiet });
        const side = (size + 2 * quiet) * moduleDots;
        if (bmp.width !== side || bmp.height !== side || bmp.bytesPerRow !== Math.ceil(side / 8)) return false;
        if (bmp.data.length !== bmp.bytesPerRow * side) return false;
        for (let y = 0; y < side; y++) {
          for (let x = 0; x < bmp.bytesPerRow * 8; x++) {
            const mx = Math.floor(x / moduleDots) - quiet;
            const my = Math.floor(y / moduleDots) - quiet;
            const inside = x < side && mx >= 0 && my >= 0 && mx < size && my < size;
            const expected = inside && matrix.modules[my * size + mx] === 1;
            if (getDot(bmp, x, y) !== expected) return false;
          }
        }
        return true;
      },
    ),
    { numRuns: 200 },
  );
  t.end();
});

t.test('the ballot QR fits the 576-dot line and its geometry is as documented', (t) => {
  const r = encodeQr(payloadFromSeed(1));
  if (!r.ok) throw new Error(r.error);
  const bmp = renderQr(r.value.matrix);
  const g = qrGeometry();
  t.equal(bmp.width, g.withQuietZoneDots);
  t.ok(bmp.width <= PRINTER_WIDTH_DOTS);
  t.same(
    { modules: g.modules, moduleMm: g.moduleMm, symbolMm: g.symbolMm, withQuietZoneMm: g.withQuietZoneMm },
    { modules: 61, moduleMm: 0.5, symbolMm: 30.5, withQuietZoneMm: 34.5 },
  );
  t.equal(BALLOT_QR.quietZoneModules, 4, 'ISO 18004 quiet zone');
  t.end();
});

t.test('bad render options are programmer errors', (t) => {
  const m: QrMatrix = { size: 1, modules: Uint8Array.of(1) };
  t.throws(() => renderQr(m, { moduleDots: 0 }), RangeError);
  t.throws(() => renderQr(m, { moduleDots: 1.5 }), RangeError);
  t.throws(() => renderQr(m, { quietZoneModules: -1 }), RangeError);
  t.throws(() => renderQr({ size: 2, modules: Uint8Array.of(1) }), RangeError);
  t.end();
});
