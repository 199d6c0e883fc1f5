// PrintJob → ESC/POS bytes, through node-escpos. The job is checked strictly first: a
// raster that does not fit the paper is the caller's mistake and comes back as a value,
// never as a half-encoded ballot.
//
// Rasters go in as GS v 0 built here and passed through node-escpos' raw(): its own
// raster() only accepts its Image class (RGBA pixels thresholded back to 1 bit), and our
// bitmaps are already in GS v 0 layout. A test checks that both paths give equal bytes.

import { Printer, command } from '@node-escpos/core';
import { err, ok, type Result } from '@ovs/basics';
import { padLeft, sliceRows, validateBitmap, type Bitmap } from '../bitmap.ts';
import { CaptureAdapter } from './capture-adapter.ts';
import { encodeWpc1252, WPC1252_TABLE } from './codepage.ts';
import { PAPER, type Align, type PrintJob, type TextElement } from './job.ts';

export interface EncodedJob {
  readonly bytes: Uint8Array;
  /** Characters printed differently from the job's text (codepage.ts). */
  readonly substitutions: number;
}

/** `detail`: the first thing about the job that does not fit the paper. */
export type EncodeResult = Result<EncodedJob, { readonly code: 'invalid-job'; readonly detail: string }>;

/** Taller rasters are sent in bands: some printers limit one GS v 0 to 255 or 2303 rows. */
export const RASTER_BAND_ROWS = 255;

export function encodeJob(job: PrintJob): EncodeResult {
  const problem = checkJob(job);
  if (problem !== null) return err({ code: 'invalid-job', detail: problem });

  const adapter = new CaptureAdapter();
  const p = new Printer(adapter, { encoding: 'windows-1252', width: PAPER.widthDots / PAPER.charWidth });
  let substitutions = 0;
  p.hardware('init').setCharacterCodeTable(WPC1252_TABLE).lineSpace(PAPER.lineSpacingDots);

  for (const el of job.elements) {
    switch (el.kind) {
      case 'text': {
        const { lines, substituted } = wrap(el);
        substitutions += substituted;
        p.align(alignCode(el.align ?? 'left'));
        p.size(el.size?.width ?? 1, el.size?.height ?? 1);
        p.print(el.bold ? command.TEXT_FORMAT.TXT_BOLD_ON : command.TEXT_FORMAT.TXT_BOLD_OFF);
        p.print(underlineCommand(el.underline ?? 0));
        for (const line of lines) p.print(Buffer.from([...line, 0x0a]));
        // Back to plain text so that a later element never inherits a style by accident.
        p.size(1, 1).print(command.TEXT_FORMAT.TXT_BOLD_OFF).print(command.TEXT_FORMAT.TXT_UNDERL_OFF);
        break;
      }
      case 'raster': {
        const offset = alignOffset(el.bitmap.width, el.align ?? 'left');
        p.align('lt');
        p.raw(Buffer.from(rasterCommand(padLeft(el.bitmap, offset))));
        break;
      }
      case 'feed':
        if ('lines' in el) {
          if (el.lines > 0) p.feed(el.lines);
        } else {
          for (let left = el.dots; left > 0; left -= 255) p.raw(Buffer.from([0x1b, 0x4a, Math.min(255, left)]));
        }
        break;
      case 'cut':
        p.cut(true, PAPER.cutFeedLines);
        break;
      default:
        el satisfies never;
    }
  }
  void p.flush();
  return ok({ bytes: adapter.take(), substitutions });
}

/** GS v 0, normal density, in bands of at most RASTER_BAND_ROWS rows. */
export function rasterCommand(b: Bitmap): Uint8Array {
  const parts: number[] = [];
  for (let y = 0; y < b.height; y += RASTER_BAND_ROWS) {
    const band = sliceRows(b, y, Math.min(b.height, y + RASTER_BAND_ROWS));
    parts.push(0x1d, 0x76, 0x30, 0x00, band.bytesPerRow & 0xff, band.bytesPerRow >> 8, band.height & 0xff, band.height >> 8);
    for (const byte of band.data) parts.push(byte);
  }
  return Uint8Array.from(parts);
}

function checkJob(job: PrintJob): string | null {
  for (const [i, el] of job.elements.entries()) {
    switch (el.kind) {
      case 'text': {
        const w = el.size?.width ?? 1;
        const h = el.size?.height ?? 1;
        if (!isMultiplier(w) || !isMultiplier(h)) return `element ${i}: size multipliers must be 1..8`;
        if (hasControlCharacter(el.text)) return `element ${i}: control characters in text`;
        break;
      }
      case 'raster': {
        const problem = validateBitmap(el.bitmap);
        if (problem !== null) return `element ${i}: raster ${problem}`;
        if (el.bitmap.width > PAPER.widthDots) return `element ${i}: raster ${el.bitmap.width} dots wide, paper has ${PAPER.widthDots}`;
        break;
      }
      case 'feed': {
        const n = 'lines' in el ? el.lines : el.dots;
        if (!Number.isInteger(n) || n < 0 || n > 2000) return `element ${i}: feed must be a whole number 0..2000`;
        break;
      }
      case 'cut':
        break;
      default:
        el satisfies never;
    }
  }
  return null;
}

function hasControlCharacter(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true;
  }
  return false;
}

function isMultiplier(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 8;
}

/** Word wrap on the encoded bytes, so that columns are exact (one byte, one cell). */
function wrap(el: TextElement): { lines: Uint8Array[]; substituted: number } {
  const { bytes, substitutions } = encodeWpc1252(el.text);
  const cols = Math.floor(PAPER.widthDots / (PAPER.charWidth * (el.size?.width ?? 1)));
  const lines: Uint8Array[] = [];
  let rest = bytes;
  while (rest.length > cols) {
    let cut = rest.lastIndexOf(0x20, cols);
    if (cut <= 0) cut = cols; // a word longer than the line is broken
    lines.push(rest.slice(0, cut));
    rest = rest.slice(rest[cut] === 0x20 ? cut + 1 : cut);
  }
  lines.push(rest);
  return { lines, substituted: substitutions };
}

function alignCode(a: Align): 'lt' | 'ct' | 'rt' {
  switch (a) {
    case 'left':
      return 'lt';
    case 'center':
      return 'ct';
    case 'right':
      return 'rt';
    default:
      return a satisfies never;
  }
}

function alignOffset(width: number, a: Align): number {
  switch (a) {
    case 'left':
      return 0;
    case 'center':
      return Math.floor((PAPER.widthDots - width) / 2);
    case 'right':
      return PAPER.widthDots - width;
    default:
      return a satisfies never;
  }
}

function underlineCommand(u: 0 | 1 | 2): string {
  switch (u) {
    case 0:
      return command.TEXT_FORMAT.TXT_UNDERL_OFF;
    case 1:
      return command.TEXT_FORMAT.TXT_UNDERL_ON;
    case 2:
      return command.TEXT_FORMAT.TXT_UNDERL2_ON;
    default:
      return u satisfies never;
  }
}
