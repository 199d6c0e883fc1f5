// An ESC/POS interpreter: the byte stream a printer would receive → the paper it would
// produce, dot for dot at 203 dpi. It is the simulator's "print head", and it reads the
// bytes rather than the job, so what tests and the demo see is what the bytes say.
//
// Modelled on an Epson TM-class printer in standard mode, Font A (12 x 24), 576 dots:
// text is collected in a line buffer and printed at LF (or when the line is full), aligned
// by ESC a, lines advance by max(line spacing, tallest character); GS v 0 prints a raster
// at the left margin and advances by its height; GS V cuts. Commands without an effect on
// paper (status requests) are consumed. Anything unknown is reported in `warnings`.

import { createBitmap, type Bitmap } from '../bitmap.ts';
import { byteToCodePoint, WPC1252_TABLE } from './codepage.ts';
import { FONT_CELL_HEIGHT, FONT_CELL_WIDTH, glyphDot } from './font.ts';

export interface RenderedTicket {
  readonly image: Bitmap;
  /** How the ticket was separated from the roll; 'none' = still attached (no cut yet). */
  readonly cut: 'partial' | 'full' | 'none';
}

export interface RenderResult {
  readonly tickets: readonly RenderedTicket[];
  readonly warnings: readonly string[];
}

export interface RenderOptions {
  readonly widthDots?: number;
}

interface Cell {
  readonly byte: number;
  readonly bold: boolean;
  readonly underline: 0 | 1 | 2;
  readonly w: number;
  readonly h: number;
}

class Paper {
  private rows: Uint8Array[] = [];
  readonly bytesPerRow: number;
  height = 0;

  constructor(readonly width: number) {
    this.bytesPerRow = Math.ceil(width / 8);
  }

  grow(to: number): void {
    while (this.rows.length < to) this.rows.push(new Uint8Array(this.bytesPerRow));
    this.height = Math.max(this.height, to);
  }

  set(x: number, y: number): void {
    if (x < 0 || x >= this.width || y < 0) return;
    this.grow(y + 1);
    const row = this.rows[y];
    if (row) row[x >> 3] = (row[x >> 3] ?? 0) | (0x80 >> (x & 7));
  }

  toBitmap(): Bitmap {
    const b = createBitmap(this.width, this.height);
    this.rows.forEach((r, y) => b.data.set(r, y * this.bytesPerRow));
    return b;
  }
}

export function renderEscPos(bytes: Uint8Array, options: RenderOptions = {}): RenderResult {
  const width = options.widthDots ?? 576;
  const tickets: RenderedTicket[] = [];
  const warnings: string[] = [];
  let paper = new Paper(width);
  let y = 0;

  // Printer state, as after ESC @.
  let align: 0 | 1 | 2 = 0;
  let bold = false;
  let underline: 0 | 1 | 2 = 0;
  let sizeW = 1;
  let sizeH = 1;
  let lineSpacing = 30;
  let codeTable = 0;
  let rightSpacing = 0;
  let line: Cell[] = [];

  const reset = (): void => {
    align = 0;
    bold = false;
    underline = 0;
    sizeW = 1;
    sizeH = 1;
    lineSpacing = 30;
    codeTable = 0;
    rightSpacing = 0;
  };

  const lineWidth = (cells: Cell[]): number => cells.reduce((s, c) => s + (FONT_CELL_WIDTH + rightSpacing) * c.w, 0);

  const printLine = (): void => {
    if (line.length === 0) {
      y += lineSpacing;
      paper.grow(y);
      return;
    }
    const used = lineWidth(line);
    const x0 = align === 1 ? Math.floor((width - used) / 2) : align === 2 ? width - used : 0;
    const tallest = Math.max(...line.map((c) => FONT_CELL_HEIGHT * c.h));
    let x = x0;
    for (const c of line) {
      const top = y + tallest - FONT_CELL_HEIGHT * c.h; // characters stand on a common baseline
      drawCell(paper, c, x, top);
      x += (FONT_CELL_WIDTH + rightSpacing) * c.w;
    }
    y += Math.max(lineSpacing, tallest);
    paper.grow(y);
    line = [];
  };

  const cut = (kind: 'partial' | 'full'): void => {
    if (line.length > 0) printLine();
    tickets.push({ image: trimmedTo(paper, y), cut: kind });
    paper = new Paper(width);
    y = 0;
  };

  let i = 0;
  const need = (n: number): boolean => {
    if (i + n <= bytes.length) return true;
    warnings.push(`truncated command at byte ${i}`);
    i = bytes.length;
    return false;
  };
  const at = (k: number): number => bytes[k] ?? 0;

  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      printLine();
      i++;
    } else if (b === 0x0d || b === 0x00) {
      i++; // CR is ignored in LF mode; NUL is padding
    } else if (b === 0x10) {
      // DLE EOT n / DLE ENQ n: real-time requests, no effect on paper.
      if (!need(3)) break;
      i += 3;
    } else if (b === 0x1b) {
      if (!need(2)) break;
      const c = at(i + 1);
      switch (c) {
        case 0x40: // ESC @
          if (line.length > 0) warnings.push('ESC @ discarded unprinted text');
          line = [];
          reset();
          i += 2;
          break;
        case 0x74: // ESC t n
          if (!need(3)) break;
          codeTable = at(i + 2);
          if (codeTable !== WPC1252_TABLE && codeTable !== 0) warnings.push(`code table ${codeTable} not modelled`);
          i += 3;
          break;
        case 0x33: // ESC 3 n
          if (!need(3)) break;
          lineSpacing = at(i + 2);
          i += 3;
          break;
        case 0x32: // ESC 2
          lineSpacing = 30;
          i += 2;
          break;
        case 0x61: // ESC a n
          if (!need(3)) break;
          align = (at(i + 2) % 48) as 0 | 1 | 2;
          if (align > 2) align = 0;
          i += 3;
          break;
        case 0x45: // ESC E n
          if (!need(3)) break;
          bold = (at(i + 2) & 1) === 1;
          i += 3;
          break;
        case 0x2d: {
          // ESC - n
          if (!need(3)) break;
          const n = at(i + 2) % 48;
          underline = n === 1 ? 1 : n === 2 ? 2 : 0;
          i += 3;
          break;
        }
        case 0x21: {
          // ESC ! n: print mode (bit3 emphasized, bit4 double height, bit5 double width, bit7 underline)
          if (!need(3)) break;
          const n = at(i + 2);
          bold = (n & 0x08) !== 0;
          sizeH = n & 0x10 ? 2 : 1;
          sizeW = n & 0x20 ? 2 : 1;
          underline = n & 0x80 ? 1 : 0;
          if (n & 0x01) warnings.push('ESC ! selects font B, rendered as font A');
          i += 3;
          break;
        }
        case 0x20: // ESC SP n: right-side character spacing
          if (!need(3)) break;
          rightSpacing = at(i + 2);
          i += 3;
          break;
        case 0x34: // ESC 4 n: italic on some clones, undefined on Epson; no effect here
        case 0x4d: // ESC M n: font; only font A is modelled
          if (!need(3)) break;
          if (c === 0x4d && at(i + 2) % 48 !== 0) warnings.push('font B/C requested, rendered as font A');
          i += 3;
          break;
        case 0x4a: // ESC J n: print and feed n dots
          if (!need(3)) break;
          if (line.length > 0) printLine();
          y += at(i + 2);
          paper.grow(y);
          i += 3;
          break;
        case 0x64: {
          // ESC d n: print and feed n lines
          if (!need(3)) break;
          const n = at(i + 2);
          if (line.length > 0) {
            printLine();
            y += lineSpacing * Math.max(0, n - 1);
          } else y += lineSpacing * n;
          paper.grow(y);
          i += 3;
          break;
        }
        default:
          warnings.push(`unknown command ESC 0x${c.toString(16)} at byte ${i}`);
          i += 2;
      }
    } else if (b === 0x1d) {
      if (!need(2)) break;
      const c = at(i + 1);
      switch (c) {
        case 0x21: {
          // GS ! n: width multiplier in the high nibble, height in the low one (0 = x1)
          if (!need(3)) break;
          const n = at(i + 2);
          sizeW = ((n >> 4) & 7) + 1;
          sizeH = (n & 7) + 1;
          i += 3;
          break;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d1..dk
          if (!need(8)) break;
          if (at(i + 2) !== 0x30) {
            warnings.push(`GS v with unknown function ${at(i + 2)}`);
            i += 3;
            break;
          }
          const m = at(i + 3) % 48;
          const bpr = at(i + 4) | (at(i + 5) << 8);
          const rows = at(i + 6) | (at(i + 7) << 8);
          const k = bpr * rows;
          if (!need(8 + k)) break;
          if (line.length > 0) warnings.push('GS v 0 with text in the line buffer (a printer would ignore it)');
          const sx = m === 1 || m === 3 ? 2 : 1;
          const sy = m === 2 || m === 3 ? 2 : 1;
          const base = i + 8;
          if (bpr * 8 * sx > width) warnings.push(`raster ${bpr * 8 * sx} dots wide is clipped to ${width}`);
          for (let r = 0; r < rows; r++) {
            for (let xb = 0; xb < bpr; xb++) {
              const v = at(base + r * bpr + xb);
              if (v === 0) continue;
              for (let bit = 0; bit < 8; bit++) {
                if (!(v & (0x80 >> bit))) continue;
                const px = (xb * 8 + bit) * sx;
                for (let dy = 0; dy < sy; dy++) for (let dx = 0; dx < sx; dx++) paper.set(px + dx, y + r * sy + dy);
              }
            }
          }
          y += rows * sy;
          paper.grow(y);
          i = base + k;
          break;
        }
        case 0x56: {
          // GS V m [n]: cut; m = 0/48 full, 1/49 partial, 65/66 feed n dots then cut
          if (!need(3)) break;
          const m = at(i + 2);
          if (m === 65 || m === 66) {
            if (!need(4)) break;
            if (line.length > 0) printLine();
            y += at(i + 3);
            paper.grow(y);
            cut(m === 65 ? 'full' : 'partial');
            i += 4;
          } else {
            cut(m === 0 || m === 48 ? 'full' : 'partial');
            i += 3;
          }
          break;
        }
        case 0x72: // GS r n: status request, answered by the printer, no effect on paper
        case 0x49: // GS I n: printer ID request
          if (!need(3)) break;
          i += 3;
          break;
        case 0x4c: // GS L nL nH: left margin (not used by the encoder)
          if (!need(4)) break;
          warnings.push('GS L (left margin) is not modelled');
          i += 4;
          break;
        default:
          warnings.push(`unknown command GS 0x${c.toString(16)} at byte ${i}`);
          i += 2;
      }
    } else if (b < 0x20 || b === 0x7f) {
      warnings.push(`control byte 0x${b.toString(16)} at ${i} ignored`);
      i++;
    } else {
      if (codeTable !== WPC1252_TABLE && b >= 0x80) warnings.push(`byte 0x${b.toString(16)} printed in table ${codeTable}`);
      else if (byteToCodePoint(b) === undefined) warnings.push(`byte 0x${b.toString(16)} is undefined in WPC1252`);
      const cell: Cell = { byte: b, bold, underline, w: sizeW, h: sizeH };
      if (line.length > 0 && lineWidth([...line, cell]) > width) printLine(); // the printer wraps a full line
      line.push(cell);
      i++;
    }
  }
  if (line.length > 0) {
    warnings.push('text left in the line buffer at the end (no LF)');
  }
  if (paper.height > 0 || tickets.length === 0) tickets.push({ image: trimmedTo(paper, y), cut: 'none' });
  return { tickets, warnings };
}

function drawCell(paper: Paper, c: Cell, x0: number, top: number): void {
  for (let gy = 0; gy < FONT_CELL_HEIGHT; gy++) {
    for (let gx = 0; gx < FONT_CELL_WIDTH; gx++) {
      // Emphasis is a double strike one dot to the right, as thermal printers do it.
      const on = glyphDot(c.byte, gx, gy) || (c.bold && glyphDot(c.byte, gx - 1, gy));
      const ul = c.underline > 0 && gy >= FONT_CELL_HEIGHT - c.underline;
      if (!on && !ul) continue;
      for (let dy = 0; dy < c.h; dy++) for (let dx = 0; dx < c.w; dx++) paper.set(x0 + gx * c.w + dx, top + gy * c.h + dy);
    }
  }
}

function trimmedTo(paper: Paper, y: number): Bitmap {
  paper.grow(y);
  const b = paper.toBitmap();
  return { ...b, height: y, data: b.data.slice(0, y * b.bytesPerRow) };
}
