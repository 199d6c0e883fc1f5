// What the apps ask a printer to print: a ballot or a report as a list of elements. The
// encoder turns it into ESC/POS; nothing here knows about bytes.

import type { Bitmap } from '../bitmap.ts';

export type Align = 'left' | 'center' | 'right';

/** Character size multipliers, as ESC/POS GS ! allows (1..8 each way). */
export type SizeMultiplier = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface TextElement {
  readonly kind: 'text';
  /** One logical line; the encoder wraps it at word boundaries to the paper width. */
  readonly text: string;
  readonly align?: Align;
  readonly bold?: boolean;
  /** 1 or 2 dots thick. */
  readonly underline?: 0 | 1 | 2;
  readonly size?: { readonly width: SizeMultiplier; readonly height: SizeMultiplier };
}

export interface RasterElement {
  readonly kind: 'raster';
  readonly bitmap: Bitmap;
  readonly align?: Align;
}

export type FeedElement = { readonly kind: 'feed'; readonly lines: number } | { readonly kind: 'feed'; readonly dots: number };

/** Feeds the last line past the cutter, then a partial cut (the voter tears the ballot off). */
export interface CutElement {
  readonly kind: 'cut';
}

export type PrintElement = TextElement | RasterElement | FeedElement | CutElement;

export interface PrintJob {
  readonly elements: readonly PrintElement[];
}

/** Geometry of the 80 mm thermal printers the stack is built for. */
export const PAPER = {
  /** Printable width in dots: 72 mm at 203 dpi. */
  widthDots: 576,
  dotsPerMm: 8,
  dpi: 203,
  /** ESC/POS Font A. */
  charWidth: 12,
  charHeight: 24,
  /** Line pitch set by the encoder (ESC 3 30): 3.75 mm. */
  lineSpacingDots: 30,
  /** Lines fed before the cut so the last printed line clears the cutter. */
  cutFeedLines: 4,
} as const;

export const COLUMNS = PAPER.widthDots / PAPER.charWidth; // 48
