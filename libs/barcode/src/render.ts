import { BALLOT_QR } from './ballot-qr.ts';
import { createBitmap } from './bitmap.ts';
import type { Bitmap, QrMatrix } from './types.ts';

export interface RenderQrOptions {
  /** Printer dots per module side; whole dots so that every module prints the same. */
  moduleDots?: number;
  /** Light modules around the symbol; ISO 18004 asks for 4. */
  quietZoneModules?: number;
}

/** Draws a QR matrix as a printer raster (`GS v 0` layout), quiet zone included. */
export function renderQr(matrix: QrMatrix, options: RenderQrOptions = {}): Bitmap {
  const moduleDots = options.moduleDots ?? BALLOT_QR.moduleDots;
  const quiet = options.quietZoneModules ?? BALLOT_QR.quietZoneModules;
  if (!Number.isInteger(moduleDots) || moduleDots < 1) throw new RangeError(`moduleDots must be an integer >= 1, got ${moduleDots}`);
  if (!Number.isInteger(quiet) || quiet < 0) throw new RangeError(`quietZoneModules must be an integer >= 0, got ${quiet}`);
  if (matrix.modules.length !== matrix.size * matrix.size) throw new RangeError('matrix.modules must hold size * size modules');

  const side = (matrix.size + 2 * quiet) * moduleDots;
  const bitmap = createBitmap(side, side);
  // Build one raster row per module row, then copy it moduleDots times.
  const row = new Uint8Array(bitmap.bytesPerRow);
  for (let my = 0; my < matrix.size; my++) {
    row.fill(0);
    for (let mx = 0; mx < matrix.size; mx++) {
      if (matrix.modules[my * matrix.size + mx] !== 1) continue;
      const x0 = (mx + quiet) * moduleDots;
      for (let x = x0; x < x0 + moduleDots; x++) row[x >> 3] = (row[x >> 3] ?? 0) | (0x80 >> (x & 7));
    }
    const y0 = (my + quiet) * moduleDots;
    for (let y = y0; y < y0 + moduleDots; y++) bitmap.data.set(row, y * bitmap.bytesPerRow);
  }
  return bitmap;
}
