// The municipality's defects report as PDF (pdfkit, A4): the same rows as the CSV. Reads the
// DejaVu fonts when they are installed (Helvetica otherwise); nothing else leaves memory.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { InventorySummary } from './defects.ts';
import type { Inventory } from './koffer.ts';

const FONTS = { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };
const COLUMNS: Array<{ title: string; width: number; key: keyof InventorySummary['rows'][number] }> = [
  { title: 'Koffer', width: 9, key: 'koffer' },
  { title: 'Stembureau', width: 9, key: 'station' },
  { title: 'Onderdeel', width: 18, key: 'item' },
  { title: 'Serienummer', width: 14, key: 'serial' },
  { title: 'Probleem', width: 20, key: 'problem' },
  { title: 'Opmerking', width: 30, key: 'note' },
];

/** The whole document once it ends. */
function bytesOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => doc.on('end', () => resolve(Buffer.concat(chunks))).on('error', reject));
}

/** DejaVu covers every name a municipality or a note may hold; Helvetica only Latin-1. */
function fontsOf(doc: PDFKit.PDFDocument): [string, string] {
  if (!existsSync(FONTS.regular) || !existsSync(FONTS.bold)) return ['Helvetica', 'Helvetica-Bold'];
  doc.registerFont('regular', FONTS.regular).registerFont('bold', FONTS.bold);
  return ['regular', 'bold'];
}

export function renderDefectsPdf(inv: Inventory, summary: InventorySummary, options: { compress?: boolean; date?: Date } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 50, right: 50 }, compress: options.compress ?? true, info: { Title: `Controle van de koffers ${inv.municipality.name}`, CreationDate: options.date ?? new Date() } });
  const done = bytesOf(doc);
  const [regular, bold] = fontsOf(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(bold).fontSize(15).text(`Controle van de koffers — ${inv.municipality.name} (${inv.municipality.nisCode})`);
  doc.moveDown(0.4);
  doc.font(regular).fontSize(10).text(
    `Fase 1 (omzendbrief, XIV.1): ${summary.koffers} koffers, ${summary.items} toestellen en kabels, waarvan ${summary.checked} afgevinkt; ${summary.inOrder} koffers volledig in orde, ${summary.rows.length} problemen.`,
  );
  doc.moveDown(0.8);
  if (summary.rows.length === 0) {
    doc.text('Geen defecten, geen ontbrekende stukken, elk testrapport geslaagd.');
    doc.end();
    return done;
  }
  const total = COLUMNS.reduce((s, c) => s + c.width, 0);
  const widths = COLUMNS.map((c) => (c.width / total) * width - 4);
  const xs = COLUMNS.map((_, i) => left + COLUMNS.slice(0, i).reduce((s, c) => s + (c.width / total) * width, 0));
  const row = (cells: string[], font: string): void => {
    doc.font(font).fontSize(8);
    const h = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! })), 10) + 3;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    cells.forEach((cell, i) => doc.text(cell, xs[i]!, y, { width: widths[i]! }));
    doc.x = left;
    doc.y = y + h;
  };
  row(COLUMNS.map((c) => c.title), bold);
  for (const r of summary.rows) row(COLUMNS.map((c) => r[c.key]), regular);
  doc.end();
  return done;
}
