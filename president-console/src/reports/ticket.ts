// A report on the 80 mm thermal printer: the blocks as an ESC/POS print job (@ovs/devices).
import { encodeQr, renderQr } from '@ovs/barcode';
import { COLUMNS, type PrintElement, type PrintJob } from '@ovs/devices/printer';
import type { Block, ReportModel } from './model.ts';

/** QR version 8 at ECC M holds 152 bytes: the pairing code (114) and the session certificate (107) fit with room. */
export const REPORT_QR = { version: 8, ecc: 'M' as const, moduleDots: 4 };

/**
 * Label left, value right on one line, joined by dots. A label too long for that is wrapped by
 * words, narrow enough that the value ends its last line (never a number alone on a line); only a
 * value longer than half the line gets a line of its own, right-aligned, under its label.
 */
function lineElements(label: string, value: string): PrintElement[] {
  if (value === '') return [{ kind: 'text', text: label }];
  const own = value.length > COLUMNS / 2;
  const lines = wrap(label, own ? COLUMNS : COLUMNS - value.length - 3);
  const last = lines.pop() ?? '';
  const text = lines.map((t) => ({ kind: 'text' as const, text: t }));
  const dots = COLUMNS - last.length - value.length - 2;
  if (own || dots < 1) return [...text, { kind: 'text', text: last }, { kind: 'text', text: value, align: 'right' }];
  return [...text, { kind: 'text', text: `${last} ${'.'.repeat(dots)} ${value}` }];
}

/** Words into lines of at most `width` characters (a longer word stays whole on its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  return [...lines, current];
}

function elements(b: Block): PrintElement[] {
  switch (b.kind) {
    case 'title':
      return [{ kind: 'text', text: b.text, align: 'center', bold: true, size: { width: 2, height: 2 } }, { kind: 'feed', lines: 1 }];
    case 'heading':
      return [{ kind: 'feed', lines: 1 }, { kind: 'text', text: b.text, bold: true }];
    case 'line':
      return lineElements(b.label, b.value);
    case 'text':
      return [{ kind: 'text', text: b.text }];
    case 'code':
      return [
        { kind: 'feed', lines: 1 },
        { kind: 'text', text: b.label, align: 'center', bold: true },
        { kind: 'text', text: b.value, align: 'center', bold: true, size: { width: 2, height: 2 } },
        { kind: 'feed', lines: 1 },
      ];
    case 'qr': {
      const qr = encodeQr(b.bytes, { version: REPORT_QR.version, ecc: REPORT_QR.ecc });
      if (!qr.ok) return [{ kind: 'text', text: `${b.label}: te groot om af te drukken` }];
      return [{ kind: 'text', text: b.label, align: 'center', bold: true }, { kind: 'raster', bitmap: renderQr(qr.value.matrix, { moduleDots: REPORT_QR.moduleDots }), align: 'center' }];
    }
    case 'signatures':
      return b.roles.flatMap((r): PrintElement[] => [{ kind: 'feed', lines: 2 }, { kind: 'text', text: `${r}: ${'_'.repeat(Math.max(10, COLUMNS - r.length - 2))}` }]);
    case 'rule':
      return [{ kind: 'text', text: '-'.repeat(COLUMNS) }];
  }
}

export function reportJob(model: ReportModel): PrintJob {
  return { elements: [...model.blocks.flatMap(elements), { kind: 'feed', lines: 2 }, { kind: 'cut' }] };
}
