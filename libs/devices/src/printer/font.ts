// Glyph lookup for the renderer: the committed 12 x 24 bitmap font, decoded once.

import { FONT_CELL_HEIGHT, FONT_CELL_WIDTH, FONT_FIRST_BYTE, FONT_GLYPHS_BASE64, FONT_LAST_BYTE } from './font-12x24.ts';

let glyphs: Uint8Array | null = null;

function table(): Uint8Array {
  glyphs ??= new Uint8Array(Buffer.from(FONT_GLYPHS_BASE64, 'base64'));
  return glyphs;
}

/** True when dot (x, y) of the glyph for WPC1252 byte `b` is black. */
export function glyphDot(b: number, x: number, y: number): boolean {
  if (b < FONT_FIRST_BYTE || b > FONT_LAST_BYTE || x < 0 || x >= FONT_CELL_WIDTH || y < 0 || y >= FONT_CELL_HEIGHT) return false;
  const off = (b - FONT_FIRST_BYTE) * FONT_CELL_HEIGHT * 2 + y * 2;
  const row = ((table()[off] ?? 0) << 8) | (table()[off + 1] ?? 0);
  return (row & (0x8000 >> x)) !== 0;
}

export { FONT_CELL_HEIGHT, FONT_CELL_WIDTH };
