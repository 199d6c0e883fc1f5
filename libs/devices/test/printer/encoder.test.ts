import t from 'tap';
import { createBitmap, setPixel } from '../../src/bitmap.ts';
import { decodeWpc1252, encodeWpc1252 } from '../../src/printer/codepage.ts';
import { encodeJob } from '../../src/printer/escpos-encoder.ts';
import type { PrintElement } from '../../src/printer/job.ts';
import { renderEscPos } from '../../src/printer/render.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

t.test('a job starts by resetting the printer and choosing WPC1252 and 30-dot lines', async (t) => {
  const r = encodeJob({ elements: [] });
  t.ok(r.ok);
  if (r.ok) t.equal(hex(r.value.bytes), '1b40' + '1b7410' + '1b331e');
});

t.test('text line: alignment, size, bold, underline, then back to plain', async (t) => {
  const r = encodeJob({ elements: [{ kind: 'text', text: 'Zoë', align: 'center', bold: true, underline: 2, size: { width: 2, height: 3 } }] });
  t.ok(r.ok);
  if (!r.ok) return;
  t.equal(
    hex(r.value.bytes.slice(8)),
    ['1b6101', '1d2112', '1b4501', '1b2d02', '5a6feb0a', '1d2100', '1b4500', '1b2d00'].join(''),
  );
});

t.test('partial cut after feeding the last line past the cutter', async (t) => {
  const r = encodeJob({ elements: [{ kind: 'cut' }] });
  if (r.ok) t.equal(hex(r.value.bytes.slice(8)), '0a0a0a0a' + '1d5601');
  else t.fail(r.error.detail);
});

t.test('feeds by lines (LF) and by dots (ESC J, in steps of at most 255)', async (t) => {
  const r = encodeJob({ elements: [{ kind: 'feed', lines: 2 }, { kind: 'feed', dots: 300 }] });
  if (r.ok) t.equal(hex(r.value.bytes.slice(8)), '0a0a' + '1b4aff' + '1b4a2d');
  else t.fail(r.error.detail);
});

t.test('long text wraps at word boundaries to 48 columns (24 at double width)', async (t) => {
  const words = 'Stembureau Vlindermeer sectie noord, deelgebied Kerkhoek-Zuid, stemafdeling drie';
  for (const [w, cols] of [
    [1, 48],
    [2, 24],
  ] as const) {
    const r = encodeJob({ elements: [{ kind: 'text', text: words, size: { width: w, height: 1 } }] });
    if (!r.ok) return t.fail(r.error.detail);
    const body = r.value.bytes.slice(8 + 3 + 3 + 3 + 3);
    const lines = decodeWpc1252(body.slice(0, body.lastIndexOf(0x0a))).split('\n');
    t.ok(lines.every((l) => l.length <= cols), `all lines ≤ ${cols}`);
    t.equal(lines.join(' '), words, 'no word lost or split');
    t.ok(lines.length > 1);
  }
});

t.test('a word longer than a line is broken, not lost', async (t) => {
  const r = encodeJob({ elements: [{ kind: 'text', text: 'x'.repeat(100) }] });
  if (!r.ok) return t.fail(r.error.detail);
  t.equal(renderEscPos(r.value.bytes).tickets[0]?.image.height, 90, 'three lines');
});

t.test('invalid jobs are refused as values, before any byte is produced', async (t) => {
  const wide = createBitmap(577, 1);
  const padded = createBitmap(10, 1);
  setPixel({ ...padded, width: 16 }, 12, 0);
  const cases: [PrintElement, RegExp][] = [
    [{ kind: 'raster', bitmap: wide }, /577 dots wide/],
    [{ kind: 'raster', bitmap: { width: 8, height: 2, bytesPerRow: 1, data: new Uint8Array(3) } }, /data-length-mismatch/],
    [{ kind: 'raster', bitmap: padded }, /ink-in-padding/],
    [{ kind: 'raster', bitmap: { width: 16, height: 1, bytesPerRow: 1, data: new Uint8Array(1) } }, /bytes-per-row-too-small/],
    [{ kind: 'text', text: 'a', size: { width: 9 as 1, height: 1 } }, /1\.\.8/],
    [{ kind: 'text', text: 'tab\there' }, /control/],
    [{ kind: 'feed', lines: -1 }, /feed/],
    [{ kind: 'feed', dots: 1.5 }, /feed/],
  ];
  for (const [el, re] of cases) {
    const r = encodeJob({ elements: [el] });
    t.equal(r.ok, false);
    if (!r.ok) t.match(r.error.detail, re);
  }
});

t.test('WPC1252: names keep their accents; letters outside it lose only the accent', async (t) => {
  const keep = 'Élodie Müller-Çelik, François, Jürgen Weiß, Œdipe, Šimon, €';
  const e = encodeWpc1252(keep);
  t.equal(e.substitutions, 0);
  t.equal(decodeWpc1252(e.bytes), keep);
  const polish = encodeWpc1252('Łukasz Wiśniewski, Ștefan Țurcanu');
  t.equal(decodeWpc1252(polish.bytes), 'Lukasz Wisniewski, Stefan Turcanu');
  t.equal(polish.substitutions, 4);
  const cjk = encodeWpc1252('王 Ωmega');
  t.equal(decodeWpc1252(cjk.bytes), '? ?mega');
  t.equal(cjk.substitutions, 2);
  t.equal(decodeWpc1252(encodeWpc1252('a\u00a0b\u00adc').bytes), 'a b-c', 'no-break space and soft hyphen print plainly');
  t.equal(encodeWpc1252('e\u0301').bytes.length, 1, 'a decomposed é is composed first');
});
