// A report as an A4 PDF (pdfkit), for the PV envelope and for the screen.
import PDFDocument from 'pdfkit';
import { encodeQr } from '@ovs/barcode';
import type { Block, ReportModel } from './model.ts';
import { REPORT_QR } from './ticket.ts';

const MARGIN = 56;

/**
 * pdfkit's standard fonts (Helvetica, Courier) encode WinAnsi only: a character outside it comes
 * out as another glyph (the minus sign of "verschil −2" printed as a quote). The few the reports
 * use are replaced by their WinAnsi look-alikes.
 */
const WIN_ANSI: Record<string, string> = { '\u2212': '-', '\u2192': '->', '\u2009': ' ', '\u202f': ' ' };
export const winAnsi = (text: string): string => text.replace(/[\u2212\u2192\u2009\u202f]/g, (c) => WIN_ANSI[c] ?? c);

function printable(b: Block): Block {
  switch (b.kind) {
    case 'title':
    case 'heading':
    case 'text':
      return { ...b, text: winAnsi(b.text) };
    case 'line':
    case 'code':
      return { ...b, label: winAnsi(b.label), value: winAnsi(b.value) };
    case 'qr':
      return { ...b, label: winAnsi(b.label) };
    case 'signatures':
      return { ...b, roles: b.roles.map(winAnsi) };
    case 'rule':
      return b;
    default:
      return b satisfies never;
  }
}

export function reportPdf(model: ReportModel, options: { creationDate?: Date; compress?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      compress: options.compress ?? true,
      info: { Title: model.title, Creator: 'Voorzitterscomputer', Producer: 'ovs', CreationDate: options.creationDate ?? new Date() },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const width = doc.page.width - 2 * MARGIN;
    for (const b of model.blocks) draw(doc, printable(b), width);
    doc.end();
  });
}

function draw(doc: PDFKit.PDFDocument, b: Block, width: number): void {
  switch (b.kind) {
    case 'title':
      doc.font('Helvetica-Bold').fontSize(18).text(b.text, { align: 'center' }).moveDown(0.6);
      return;
    case 'heading':
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(b.text).moveDown(0.2);
      return;
    case 'line': {
      // Label and number stay together: on one page, joined by a dotted leader when the label
      // fits on one line (no number alone at the far edge, or on the next page).
      doc.font('Helvetica').fontSize(10.5);
      const labelWidth = width * 0.62;
      const height = Math.max(doc.heightOfString(b.label, { width: labelWidth }), doc.heightOfString(b.value || ' ', { width: width * 0.38 }));
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
      const y = doc.y;
      doc.text(b.label, MARGIN, y, { width: labelWidth });
      const after = doc.y;
      doc.text(b.value, MARGIN + labelWidth, y, { width: width * 0.38, align: 'right' });
      const oneLine = doc.widthOfString(b.label) <= labelWidth;
      if (oneLine && b.value !== '') {
        const from = MARGIN + doc.widthOfString(b.label) + 4;
        const to = MARGIN + width - doc.widthOfString(b.value) - 4;
        if (to > from) doc.save().moveTo(from, y + 9).lineTo(to, y + 9).lineWidth(0.5).dash(1, { space: 2 }).stroke().undash().restore();
      }
      doc.x = MARGIN;
      doc.y = Math.max(after, doc.y);
      return;
    }
    case 'text':
      doc.font('Helvetica').fontSize(10.5).text(b.text, MARGIN, doc.y, { width });
      return;
    case 'code':
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(b.label, { align: 'center' });
      doc.font('Courier-Bold').fontSize(24).text(b.value, { align: 'center' }).moveDown(0.4);
      return;
    case 'qr': {
      const qr = encodeQr(b.bytes, { version: REPORT_QR.version, ecc: REPORT_QR.ecc });
      doc.font('Helvetica-Bold').fontSize(11).text(b.label, { align: 'center' });
      if (!qr.ok) return;
      const cell = 3;
      const side = (qr.value.matrix.size + 8) * cell;
      const x0 = MARGIN + (width - side) / 2;
      const y0 = doc.y + 6;
      for (let y = 0; y < qr.value.matrix.size; y++) {
        for (let x = 0; x < qr.value.matrix.size; x++) {
          if (qr.value.matrix.modules[y * qr.value.matrix.size + x] === 1) doc.rect(x0 + (x + 4) * cell, y0 + (y + 4) * cell, cell, cell);
        }
      }
      doc.fill('black');
      doc.x = MARGIN;
      doc.y = y0 + side + 6;
      return;
    }
    case 'signatures':
      if (doc.y + 80 > doc.page.height - MARGIN) doc.addPage();
      doc.moveDown(1).font('Helvetica-Bold').fontSize(11).text('Handtekeningen');
      for (const role of b.roles) {
        // A name and its line on the same page.
        if (doc.y + 40 > doc.page.height - MARGIN) doc.addPage();
        doc.moveDown(1.4).font('Helvetica').fontSize(10.5).text(role, MARGIN, doc.y, { width: width * 0.5 });
        const y = doc.y;
        doc.moveTo(MARGIN + width * 0.52, y - 2).lineTo(MARGIN + width, y - 2).stroke();
      }
      return;
    case 'rule': {
      const y = doc.y + 4;
      doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.5).stroke();
      doc.y = y + 6;
      return;
    }
  }
}
