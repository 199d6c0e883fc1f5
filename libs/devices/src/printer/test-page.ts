// The page a technician prints in fase 1 (and a short strip in fase 2): every dot of the
// head, the accented letters of Dutch, French and German names, sizes, alignment, a cut.

import { createBitmap, setPixel } from '../bitmap.ts';
import { PAPER, type PrintJob } from './job.ts';

export function testPageJob(title: string, phase: 'fase-1' | 'fase-2'): PrintJob {
  if (phase === 'fase-2') {
    return {
      elements: [
        { kind: 'text', text: title, align: 'center', bold: true },
        { kind: 'text', text: 'Testafdruk fase 2 — ÄËÏÖÜ äëïöü éèêç ß €', align: 'center' },
        { kind: 'raster', bitmap: headBar(16) },
        { kind: 'cut' },
      ],
    };
  }
  return {
    elements: [
      { kind: 'text', text: title, align: 'center', bold: true, size: { width: 2, height: 2 } },
      { kind: 'text', text: 'Testafdruk fase 1', align: 'center' },
      { kind: 'feed', lines: 1 },
      { kind: 'text', text: 'Elke kolom van de printkop (576 punten):' },
      { kind: 'raster', bitmap: headBar(24) },
      { kind: 'raster', bitmap: ladder() },
      { kind: 'feed', lines: 1 },
      { kind: 'text', text: 'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞß' },
      { kind: 'text', text: 'àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ' },
      { kind: 'text', text: '€ Œœ Šš Žž Ÿ „“ ‘’ – — … ° § « »' },
      { kind: 'text', text: "Van den Bossche, D'Hondt, Lefèvre, Müller" },
      { kind: 'text', text: '0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz', align: 'left' },
      { kind: 'text', text: 'Links', align: 'left' },
      { kind: 'text', text: 'Midden', align: 'center' },
      { kind: 'text', text: 'Rechts', align: 'right' },
      { kind: 'text', text: 'Vet', bold: true },
      { kind: 'text', text: 'Onderlijnd', underline: 1 },
      { kind: 'text', text: 'Groot 2x2', size: { width: 2, height: 2 } },
      { kind: 'text', text: 'Controleer: geen witte lijnen in de zwarte balk, alle tekens leesbaar, snede proper.' },
      { kind: 'cut' },
    ],
  };
}

/** A solid bar across all 576 dots: a dead heating element shows as a white line. */
function headBar(height: number) {
  const b = createBitmap(PAPER.widthDots, height);
  b.data.fill(0xff);
  return b;
}

/** Alternating 1-dot columns: adjacent elements that stick together show as grey. */
function ladder() {
  const b = createBitmap(PAPER.widthDots, 16);
  for (let y = 0; y < 16; y++) for (let x = 0; x < PAPER.widthDots; x += 2) setPixel(b, x + (y >> 3), y);
  return b;
}
