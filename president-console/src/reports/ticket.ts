// A report on the 80 mm thermal printer: the blocks as an ESC/POS print job (@ovs/devices).
import { encodeQr, renderQr } from '@ovs/barcode';
import { COLUMNS, type PrintElement, type PrintJob } from '@ovs/devices/printer';
import type { Block, ReportModel } from './model.ts';

/** QR version 8 at ECC M holds 152 bytes: the pairing code (114) and the session certificate (107) fit with room. */
export const REPORT_QR = { version: 8, ecc: 'M' as const, moduleDots: 4 };

/** Label left, value right on one line; a label too long for that gets the value on its own line. */
function lineElements(label: string, value: string): PrintElement[] {
  const gap = COLUMNS - label.length - value.length;
  if (gap >= 1) return [{ kind: 'text', text: `${label}${' '.repeat(gap)}${value}` }];
  return value === '' ? [{ kind: 'text', text: label }] : [{ kind: 'text', text: label }, { kind: 'text', text: value, align: 'right' }];
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
