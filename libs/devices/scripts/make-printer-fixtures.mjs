// Regenerates the printer fixtures in test/fixtures/printer. Run only after a change you
// mean to make (encoder, renderer or font), then look at the PNGs before committing:
//   npx tsx libs/devices/scripts/make-printer-fixtures.mjs [--qr]
// --qr also regenerates the ballot's QR bitmap (needs the `qr` package of the workspace).
import { existsSync, writeFileSync } from 'node:fs';
import { encodeJob } from '../src/printer/escpos-encoder.ts';
import { renderEscPos } from '../src/printer/render.ts';
import { bitmapToPng } from '../src/image.ts';
import { createBitmap, setPixel } from '../src/bitmap.ts';
import { toPbm } from '../test/helpers/pbm.ts';
import { BALLOT_QR_TEXT, FIXTURE_DIR, ballotJob, charsetJob, handmadeBytes } from '../test/fixtures/printer/jobs.ts';

const at = (name) => new URL(name, FIXTURE_DIR);

if (process.argv.includes('--qr') || !existsSync(at('ballot-qr.pbm'))) {
  const { encodeQR } = await import('qr');
  const modules = encodeQR(BALLOT_QR_TEXT, 'raw', { ecc: 'medium', border: 4 });
  const scale = 4;
  const b = createBitmap(modules.length * scale, modules.length * scale);
  modules.forEach((row, y) => row.forEach((on, x) => {
    if (!on) return;
    for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) setPixel(b, x * scale + dx, y * scale + dy);
  }));
  writeFileSync(at('ballot-qr.pbm'), toPbm(b));
  console.log(`ballot-qr.pbm: ${b.width} x ${b.height}`);
}

function write(name, bytes) {
  writeFileSync(at(`${name}.escpos`), bytes);
  const { tickets, warnings } = renderEscPos(bytes);
  if (tickets.length !== 1) throw new Error(`${name}: expected one ticket, got ${tickets.length}`);
  writeFileSync(at(`${name}.png`), bitmapToPng(tickets[0].image));
  console.log(`${name}: ${bytes.length} bytes, ${tickets[0].image.height} rows, warnings: ${warnings.join('; ') || 'none'}`);
}

for (const [name, job] of [['ballot', ballotJob()], ['charset', charsetJob()]]) {
  const r = encodeJob(job);
  if (!r.ok) throw new Error(`${name}: ${r.detail}`);
  write(name, r.bytes);
}
write('handmade', handmadeBytes());
