// Text goes to the printer in code page WPC1252 (ESC t 16): Latin-1 plus the printable
// characters Windows put in 0x80..0x9F (€, Œ, Š, quotes, dashes). That covers Dutch, French
// and German names. A character outside it (Polish Ł, Romanian ș: EU citizens stand in
// municipal elections) is printed without its accent rather than as '?', and counted, so
// the caller knows the printed text differs from the stored name. The barcode still carries
// the exact choice.

const HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** ESC t parameter for WPC1252 on Epson-compatible printers. */
export const WPC1252_TABLE = 16;

const toByte = new Map<number, number>();
const fromByte = new Map<number, number>();
for (let b = 0x20; b <= 0xff; b++) {
  if (b === 0x7f) continue;
  const cp = b >= 0x80 && b <= 0x9f ? HIGH[b] : b;
  if (cp === undefined) continue;
  toByte.set(cp, b);
  fromByte.set(b, cp);
}
// Characters that look alike on paper and have no place of their own in a name.
const ALIASES: Record<number, number> = { 0x00a0: 0x20, 0x00ad: 0x2d, 0x2010: 0x2d, 0x2011: 0x2d, 0x2212: 0x2d };
// Letters that NFD cannot take apart.
const LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't' };

/** The Unicode code point a WPC1252 byte prints as, or undefined for a control or undefined byte. */
export function byteToCodePoint(b: number): number | undefined {
  return fromByte.get(b);
}

export interface Encoded {
  readonly bytes: Uint8Array;
  /** Characters printed differently from the input (accent dropped, or '?'). */
  readonly substitutions: number;
}

export function encodeWpc1252(text: string): Encoded {
  const out: number[] = [];
  let substitutions = 0;
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    const direct = toByte.get(ALIASES[cp] ?? cp);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    substitutions++;
    const folded = LETTERS[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    const bytes = [...folded].map((c) => toByte.get(c.codePointAt(0) ?? 0));
    if (folded.length > 0 && bytes.every((b) => b !== undefined)) out.push(...(bytes as number[]));
    else out.push(0x3f);
  }
  return { bytes: Uint8Array.from(out), substitutions };
}

export function decodeWpc1252(bytes: Uint8Array): string {
  // ASCII control bytes (LF) pass through, so a decoded job still shows its lines.
  return String.fromCodePoint(...[...bytes].map((b) => fromByte.get(b) ?? (b < 0x20 ? b : 0xfffd)));
}
