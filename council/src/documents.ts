// The documents of a meeting: a ballot as PDF for an offline round (the members tick it on
// paper, the secretariat enters the count), and the meeting's votes as CSV and PDF for the notulen.
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import PDFDocument from 'pdfkit';
import { readBallots, readItems, readMeeting, readRounds } from './meeting.ts';
import { ballotView, resultDisplay, type BallotView } from './views.ts';

const FONTS = { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };

function pdf(title: string, draw: (doc: PDFKit.PDFDocument, font: { regular: string; bold: string }) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // DejaVu covers every name; Helvetica only Latin-1.
  const unicode = existsSync(FONTS.regular) && existsSync(FONTS.bold);
  if (unicode) {
    doc.registerFont('regular', FONTS.regular);
    doc.registerFont('bold', FONTS.bold);
  }
  draw(doc, unicode ? { regular: 'regular', bold: 'bold' } : { regular: 'Helvetica', bold: 'Helvetica-Bold' });
  doc.end();
  return done;
}

/** The paper ballot: what the member reads and the boxes to tick. */
export function ballotPdf(sqlite: Database.Database, ballotId: number): Promise<Buffer> | undefined {
  const stored = readBallots(sqlite).find((b) => b.id === ballotId);
  if (!stored) return undefined;
  const b: BallotView = ballotView(stored);
  const m = readMeeting(sqlite);
  return pdf(`Stembrief ${b.title}`, (doc, f) => {
    doc.font(f.regular).fontSize(10).text(`${m?.title ?? ''} — zitting van ${m?.date ?? ''}`);
    doc.moveDown().font(f.bold).fontSize(18).text('Stembrief');
    doc.font(f.bold).fontSize(14).text(b.title);
    if (b.description) doc.font(f.regular).fontSize(11).text(b.description);
    doc.moveDown(0.5).fontSize(9).fillColor('#444').text(`${b.parameters}. Meerderheid: ${b.base}.`).fillColor('black');
    doc.moveDown();
    const box = (label: string): void => {
      const y = doc.y;
      doc.rect(doc.page.margins.left, y, 14, 14).stroke();
      doc.font(f.regular).fontSize(13).text(label, doc.page.margins.left + 24, y, { lineBreak: false });
      doc.x = doc.page.margins.left;
      doc.y = y + 26;
    };
    if (b.choices.kind === 'standaard') for (const o of b.choices.options) box(o.label);
    else {
      doc.font(f.regular).fontSize(11).text(`Kruis ten hoogste ${b.choices.max} ${b.choices.max === 1 ? 'kandidaat' : 'kandidaten'} aan. Niets aankruisen is blanco.`);
      doc.moveDown(0.5);
      for (const c of b.choices.candidates) box(c.name);
    }
    doc.moveDown();
    doc.font(f.regular).fontSize(9).fillColor('#444').text(b.secret ? 'Geheime stemming: schrijf niets anders op deze stembrief en vouw ze dicht.' : `Publieke stemming. Naam: ${'.'.repeat(60)}`);
  });
}

export interface VoteRecord {
  item: string;
  ballot: string;
  round: string;
  secret: boolean;
  counts: string;
  outcome: string;
  minutes: string;
  base: string;
}

/** Every closed or released round of the meeting, in agenda order. */
export function voteRecords(sqlite: Database.Database): VoteRecord[] {
  const items = readItems(sqlite);
  const ballots = readBallots(sqlite);
  const out: VoteRecord[] = [];
  for (const item of items) {
    for (const b of ballots.filter((x) => x.itemId === item.id)) {
      for (const r of readRounds(sqlite).filter((x) => x.ballotId === b.id && (x.state === 'closed' || x.state === 'released') && x.result)) {
        const d = resultDisplay(b.spec, r, r.result!);
        out.push({
          item: `${item.position}. ${item.title}`,
          ballot: b.spec.title,
          round: `${d.roundLabel}${r.state === 'closed' ? ' (niet vrijgegeven)' : ''}`,
          secret: b.spec.secret,
          counts: d.counts.map((c) => `${c.label} ${c.count}`).join('; '),
          outcome: d.outcome,
          minutes: d.minutes,
          base: d.base,
        });
      }
    }
  }
  return out;
}

const csvCell = (v: string): string => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function votesCsv(sqlite: Database.Database): string {
  const head = ['agendapunt', 'stembrief', 'ronde', 'stemming', 'aantallen', 'uitslag', 'notulen', 'meerderheid'];
  const rows = voteRecords(sqlite).map((r) => [r.item, r.ballot, r.round, r.secret ? 'geheim' : 'publiek', r.counts, r.outcome, r.minutes, r.base]);
  // A BOM and semicolons: the spreadsheet of a Flemish secretariat opens it as it is.
  return `\uFEFF${[head, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

export function votesPdf(sqlite: Database.Database): Promise<Buffer> {
  const m = readMeeting(sqlite);
  const records = voteRecords(sqlite);
  return pdf(`Stemmingen ${m?.title ?? ''}`, (doc, f) => {
    doc.font(f.bold).fontSize(16).text(`Stemmingen — ${m?.title ?? ''}`);
    doc.font(f.regular).fontSize(10).text(`Zitting van ${m?.date ?? ''}`);
    doc.moveDown();
    if (records.length === 0) doc.text('Er werd nog niet gestemd.');
    for (const r of records) {
      doc.font(f.bold).fontSize(11).text(r.item);
      doc.font(f.regular).fontSize(10).text(`${r.ballot} — ${r.round} (${r.secret ? 'geheim' : 'publiek'})`);
      doc.text(r.minutes);
      doc.fontSize(8).fillColor('#444').text(`Meerderheid: ${r.base}`).fillColor('black');
      doc.moveDown(0.7);
    }
  });
}
