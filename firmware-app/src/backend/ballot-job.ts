// The printed ballot (decree art. 17 §1): the vote in words and in a signed 2D barcode.
// Both come from prepareBallotPrint, which encodes and signs, decodes the payload again,
// checks it equals the confirmed vote and renders the words from that decoding.
//
// Layout on the 80 mm roll: heading, the vote in words, then the barcode in the lower half
// of the ticket, so that the fold across the middle (printed side in) never crosses the
// code; then the folding instruction and the cut.
import type { Signer } from '@ovs/crypto';
import { describePrintPreparationError, prepareBallotPrint, type BallotContext, type TextLine } from '@ovs/ballot';
import { encodeQr, renderQr } from '@ovs/barcode';
import { COLUMNS, PAPER, type PrintElement, type PrintJob } from '@ovs/devices';
import type { PendingBallot } from '../flow/index.ts';

/** `barcode`: the signed payload the QR code holds (the test mode compares what it reads back with it). */
export type BallotJob = { ok: true; job: PrintJob; barcode: Uint8Array } | { ok: false; error: string };

/** Height in dots that a text element takes on paper (Font A, the encoder's line pitch). */
function textDots(text: string, size: number): number {
  const columns = Math.floor(COLUMNS / size);
  const lines = Math.max(1, Math.ceil(text.length / columns) + (text.length > columns ? 1 : 0));
  return lines * Math.max(PAPER.lineSpacingDots, PAPER.charHeight * size + 6);
}

function textElement(line: TextLine): PrintElement & { kind: 'text' } {
  switch (line.style) {
    case 'title':
      return { kind: 'text', text: line.text, align: 'center', bold: true, size: { width: 2, height: 2 } };
    case 'heading':
      return { kind: 'text', text: line.text, bold: true, underline: 1 };
    case 'normal':
      return { kind: 'text', text: line.text };
    case 'small':
      return { kind: 'text', text: line.text, align: 'center' };
    default:
      return line.style satisfies never;
  }
}

export function ballotJob(context: BallotContext, ballot: PendingBallot, station: number, session: Signer, ballotId: Uint8Array): BallotJob {
  const prepared = prepareBallotPrint(context, { test: ballot.test, pollingStation: station, ballotId, vote: ballot.vote }, session, ballot.language);
  if (!prepared.ok) return { ok: false, error: describePrintPreparationError(prepared.error) };
  const qr = encodeQr(prepared.value.barcode);
  if (!qr.ok) return { ok: false, error: qr.error };
  const raster = renderQr(qr.value.matrix);

  const lines = prepared.value.text;
  const fold = lines.at(-1) as TextLine;
  const head: PrintElement[] = [];
  let headDots = 0;
  for (const line of lines.slice(0, -1)) {
    const el = textElement(line);
    head.push(el);
    headDots += textDots(el.text, el.size?.width ?? 1);
    if (line.style === 'title' || (line.style === 'small' && lines[lines.indexOf(line) + 1]?.style === 'heading')) {
      head.push({ kind: 'feed', dots: PAPER.lineSpacingDots });
      headDots += PAPER.lineSpacingDots;
    }
  }
  const tail: PrintElement[] = [textElement(fold)];
  let tailDots = textDots(fold.text, 1);
  if (ballot.test) {
    tail.push(textElement(lines[0] as TextLine));
    tailDots += textDots((lines[0] as TextLine).text, 2);
  }
  tailDots += PAPER.cutFeedLines * PAPER.lineSpacingDots;
  // The ticket is cut right after the tail; the fold is at half its length. Feed enough
  // paper above the code that the code (plus a margin of 8 mm) lies in the lower half.
  const margin = 8 * PAPER.dotsPerMm;
  const codeAndTail = raster.height + tailDots + margin;
  const gap = Math.max(PAPER.lineSpacingDots, codeAndTail - headDots);
  const job: PrintJob = {
    elements: [...head, { kind: 'feed', dots: gap }, { kind: 'raster', bitmap: raster, align: 'center' }, ...tail, { kind: 'cut' }],
  };
  return { ok: true, job, barcode: prepared.value.barcode };
}
