// Binary PBM (P4) is exactly our Bitmap layout (rows of MSB-first bytes, 1 = black), so
// raster fixtures are committed as .pbm files any image viewer opens.

import type { Bitmap } from '../../src/bitmap.ts';

export function toPbm(b: Bitmap): Uint8Array {
  const header = new TextEncoder().encode(`P4\n${b.width} ${b.height}\n`);
  const rowBytes = Math.ceil(b.width / 8);
  const out = new Uint8Array(header.length + rowBytes * b.height);
  out.set(header, 0);
  for (let y = 0; y < b.height; y++) out.set(b.data.subarray(y * b.bytesPerRow, y * b.bytesPerRow + rowBytes), header.length + y * rowBytes);
  return out;
}

export function fromPbm(bytes: Uint8Array): Bitmap {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const m = /^P4\s+(\d+)\s+(\d+)\s/.exec(text);
  if (!m) throw new Error('not a binary PBM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const bytesPerRow = Math.ceil(width / 8);
  const data = bytes.slice(m[0].length, m[0].length + bytesPerRow * height);
  if (data.length !== bytesPerRow * height) throw new Error('PBM data too short');
  return { width, height, bytesPerRow, data };
}
