// The PV as PDF (pdfkit): A4, the document model of pv-content.ts laid out top to bottom, a
// footer with the package hash and page numbers, "ONTWERP" across every page of a draft.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Block, PvDocument } from './pv-content.ts';

const FONTS = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
};

export interface PdfOptions {
  /** Uncompressed streams (tests read them). */
  compress?: boolean;
  /** Fixed creation date, for reproducible output. */
  date?: Date;
}

export function renderPvPdf(pv: PvDocument, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 64, left: 50, right: 50 }, compress: options.compress ?? true, bufferPages: true, info: { Title: 'Proces-verbaal hoofdbureau', CreationDate: options.date ?? new Date() } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // DejaVu covers every name a candidate list may hold; Helvetica only Latin-1.
  const unicode = existsSync(FONTS.regular) && existsSync(FONTS.bold);
  if (unicode) {
    doc.registerFont('regular', FONTS.regular);
    doc.registerFont('bold', FONTS.bold);
  }
  const regular = unicode ? 'regular' : 'Helvetica';
  const bold = unicode ? 'bold' : 'Helvetica-Bold';
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const room = (h: number): void => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  const table = (b: Extract<Block, { kind: 'table' }>): void => {
    const total = b.columns.reduce((s, c) => s + c.width, 0);
    const xs: number[] = [];
    let x = left;
    for (const c of b.columns) {
      xs.push(x);
      x += (c.width / total) * width;
    }
    const widths = b.columns.map((c) => (c.width / total) * width - 4);
    const row = (cells: string[], font: string): void => {
      doc.font(font).fontSize(8);
      const h = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! })), 10) + 3;
      room(h);
      const y = doc.y;
      cells.forEach((cell, i) => doc.text(cell, xs[i]!, y, { width: widths[i]!, align: b.columns[i]!.align ?? 'left', lineBreak: true }));
      doc.x = left;
      doc.y = y + h;
    };
    row(
      b.columns.map((c) => c.header),
      bold,
    );
    doc.moveTo(left, doc.y - 1).lineTo(left + width, doc.y - 1).lineWidth(0.5).stroke();
    for (const r of b.rows) row(r, regular);
    doc.moveDown(0.5);
  };

  for (const b of pv.blocks) {
    switch (b.kind) {
      case 'title':
        room(40);
        doc.font(bold).fontSize(15).text(b.text, left, doc.y, { width });
        doc.moveDown(0.5);
        break;
      case 'heading':
        room(40);
        doc.moveDown(0.4);
        doc.font(bold).fontSize(11).text(b.text, left, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc.font(regular).fontSize(9);
        room(doc.heightOfString(b.text, { width }));
        doc.text(b.text, left, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case 'table':
        table(b);
        break;
      case 'signatures':
        for (const role of b.roles) {
          room(40);
          doc.moveDown(1.2);
          doc.font(regular).fontSize(9).text(`${role}: ________________________________`, left, doc.y, { width });
        }
        break;
      case 'page-break':
        doc.addPage();
        break;
      default: {
        const never: never = b;
        throw new Error(String(never));
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (pv.draft) {
      doc.save().rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc.font(bold).fontSize(80).fillColor('#cc0000', 0.15).text('ONTWERP', 0, doc.page.height / 2 - 40, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.restore().fillColor('black', 1);
    }
    const y = doc.page.height - margin + 20;
    doc.font(regular).fontSize(7).text(`${pv.footer} — blad ${i - range.start + 1} van ${range.count}`, left, y, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
