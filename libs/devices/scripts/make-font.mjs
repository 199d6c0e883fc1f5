// Generates src/printer/font-12x24.ts: the simulator's bitmap font (ESC/POS Font A cell,
// 12 x 24 dots), rasterised once from DejaVu Sans Mono so that the glyphs are committed
// data and the renderer does no font work at run time. Run by hand when the font changes:
//   node libs/devices/scripts/make-font.mjs [path/to/DejaVuSansMono.ttf]
// Needs fontkit (present in the workspace through pdfkit). The output is derived from
// DejaVu Sans Mono (Bitstream Vera licence, DejaVu changes in the public domain); it is a
// bitmap rendering under a different name, as the licence asks of modified versions.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');
const ttf = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const font = fontkit.openSync(ttf);

const CELL_W = 12;
const CELL_H = 24;
const BASELINE = 19; // rows 0..18 above the baseline, 19..23 for descenders
const SS = 8; // supersampling per axis
const THRESHOLD = 0.42; // coverage above which a dot is black (thermal dots are hard-edged)
const scale = CELL_W / font.glyphForCodePoint(0x41).advanceWidth;

// WPC1252 0x80..0x9F (Node's TextDecoder treats this range as Latin-1 C1 controls).
const HIGH = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
const codePointOf = (b) => (b >= 0x80 && b <= 0x9f ? HIGH[b] : b === 0x7f ? undefined : b);

function flatten(commands) {
  const polys = [];
  let cur = [];
  let x = 0;
  let y = 0;
  const push = (px, py) => { cur.push([px, py]); x = px; y = py; };
  for (const c of commands) {
    const a = c.args;
    switch (c.command) {
      case 'moveTo':
        if (cur.length) polys.push(cur);
        cur = [];
        push(a[0], a[1]);
        break;
      case 'lineTo':
        push(a[0], a[1]);
        break;
      case 'quadraticCurveTo': {
        const [cx, cy, ex, ey] = a;
        const x0 = x, y0 = y;
        for (let i = 1; i <= 16; i++) {
          const t = i / 16, u = 1 - t;
          push(u * u * x0 + 2 * u * t * cx + t * t * ex, u * u * y0 + 2 * u * t * cy + t * t * ey);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [c1x, c1y, c2x, c2y, ex, ey] = a;
        const x0 = x, y0 = y;
        for (let i = 1; i <= 16; i++) {
          const t = i / 16, u = 1 - t;
          push(u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
               u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey);
        }
        break;
      }
      case 'closePath':
        if (cur.length) polys.push(cur);
        cur = [];
        break;
      default:
        throw new Error(`unknown path command ${c.command}`);
    }
  }
  if (cur.length) polys.push(cur);
  return polys;
}

function rasterise(codePoint) {
  const glyph = font.glyphForCodePoint(codePoint);
  const polys = flatten(glyph.path.commands).map((p) => p.map(([ux, uy]) => [ux * scale, BASELINE - uy * scale]));
  const edges = [];
  for (const p of polys) {
    for (let i = 0; i < p.length; i++) {
      const [x0, y0] = p[i];
      const [x1, y1] = p[(i + 1) % p.length];
      if (y0 !== y1) edges.push({ x0, y0, x1, y1, dir: y1 > y0 ? 1 : -1 });
    }
  }
  const cover = new Float64Array(CELL_W * CELL_H);
  for (let sy = 0; sy < CELL_H * SS; sy++) {
    const yc = (sy + 0.5) / SS;
    const xs = [];
    for (const e of edges) {
      const lo = Math.min(e.y0, e.y1), hi = Math.max(e.y0, e.y1);
      if (yc < lo || yc >= hi) continue;
      xs.push({ x: e.x0 + ((yc - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.dir });
    }
    xs.sort((a, b) => a.x - b.x);
    let wind = 0;
    for (let i = 0; i < xs.length - 1; i++) {
      wind += xs[i].dir;
      if (wind === 0) continue;
      const from = xs[i].x, to = xs[i + 1].x;
      for (let sx = 0; sx < CELL_W * SS; sx++) {
        const xc = (sx + 0.5) / SS;
        if (xc >= from && xc < to) cover[Math.floor(sy / SS) * CELL_W + Math.floor(sx / SS)] += 1 / (SS * SS);
      }
    }
  }
  const rows = [];
  for (let r = 0; r < CELL_H; r++) {
    let bits = 0;
    for (let c = 0; c < CELL_W; c++) if (cover[r * CELL_W + c] > THRESHOLD) bits |= 1 << (15 - c);
    rows.push(bits);
  }
  return rows;
}

const bytes = [];
const covered = [];
for (let b = 0x20; b <= 0xff; b++) {
  const cp = codePointOf(b);
  const printable = cp !== undefined;
  const rows = printable && cp !== 0xa0 && cp !== 0x20 ? rasterise(cp) : new Array(CELL_H).fill(0);
  if (printable) covered.push(b);
  for (const r of rows) bytes.push(r >> 8, r & 0xff);
}

const b64 = Buffer.from(bytes).toString('base64');
const lines = b64.match(/.{1,96}/g).map((l) => `  '${l}'`).join(' +\n');
const out = `// Generated by scripts/make-font.mjs: do not edit by hand.
// Bitmap font for the printer simulator: ESC/POS Font A cell of 12 x 24 dots, one glyph for
// every byte 0x20..0xFF of code page WPC1252 (ESC t 16). Each glyph is 24 rows of 2 bytes,
// MSB first (leftmost dot = bit 15), 1 = black. Rasterised from DejaVu Sans Mono (Bitstream
// Vera licence; DejaVu changes public domain) at ${(CELL_W / 1233 * 2048).toFixed(2)} px per em, baseline at row ${BASELINE}.

export const FONT_CELL_WIDTH = ${CELL_W};
export const FONT_CELL_HEIGHT = ${CELL_H};
export const FONT_FIRST_BYTE = 0x20;
export const FONT_LAST_BYTE = 0xff;

/** Bytes that have a glyph (or are a blank space); others are undefined in WPC1252. */
export const FONT_DEFINED_BYTES: readonly number[] = [${covered.join(', ')}];

export const FONT_GLYPHS_BASE64 =
${lines};
`;
const target = fileURLToPath(new URL('../src/printer/font-12x24.ts', import.meta.url));
writeFileSync(target, out);
console.log(`wrote ${target}: ${bytes.length} bytes of glyphs`);
