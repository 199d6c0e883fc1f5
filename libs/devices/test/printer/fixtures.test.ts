// Recorded byte streams and their renderings: the encoder must keep producing the committed
// bytes, and the renderer must keep turning them into the committed pictures.

import t from 'tap';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { encodeJob } from '../../src/printer/escpos-encoder.ts';
import { renderEscPos } from '../../src/printer/render.ts';
import { bitmapToGray } from '../../src/image.ts';
import { BALLOT_QR_TEXT, FIXTURE_DIR, ballotJob, charsetJob, handmadeBytes } from '../fixtures/printer/jobs.ts';
import { diffAgainstPng } from '../helpers/compare-png.ts';

const read = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURE_DIR)));

t.test('the encoder still produces the recorded byte streams', async (t) => {
  for (const [name, job] of [['ballot', ballotJob()], ['charset', charsetJob()]] as const) {
    const r = encodeJob(job);
    t.ok(r.ok, name);
    if (r.ok) t.ok(Buffer.from(r.value.bytes).equals(Buffer.from(read(`${name}.escpos`))), `${name}.escpos unchanged`);
  }
  t.ok(Buffer.from(handmadeBytes()).equals(Buffer.from(read('handmade.escpos'))), 'handmade.escpos matches its source');
});

t.test('rendering each recorded stream gives the committed picture, dot for dot', async (t) => {
  for (const name of ['ballot', 'charset', 'handmade']) {
    const { tickets, warnings } = renderEscPos(read(`${name}.escpos`));
    t.equal(tickets.length, 1, `${name}: one ticket`);
    t.same(warnings, [], `${name}: no warnings`);
    const ticket = tickets[0];
    if (ticket) t.equal(diffAgainstPng(ticket.image, read(`${name}.png`)), null, `${name}.png`);
  }
});

t.test('the rendering of the ballot fixture is partially cut and its QR scans', async (t) => {
  const { tickets } = renderEscPos(read('ballot.escpos'));
  const ticket = tickets[0];
  t.equal(ticket?.cut, 'partial');
  if (!ticket) return;
  const gray = bitmapToGray(ticket.image);
  const rgba = new Uint8ClampedArray(gray.width * gray.height * 4);
  gray.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  const qr = jsQR(rgba, gray.width, gray.height);
  t.equal(qr?.data, BALLOT_QR_TEXT);
});

t.test('a changed byte changes the rendering (the comparison can fail)', async (t) => {
  const bytes = read('ballot.escpos');
  const i = bytes.indexOf(0xc9); // the É of Élodie
  t.ok(i > 0);
  const changed = Uint8Array.from(bytes);
  changed[i] = 0x45; // plain E
  const ticket = renderEscPos(changed).tickets[0];
  t.ok(ticket);
  if (ticket) t.not(diffAgainstPng(ticket.image, read('ballot.png')), null);
});
