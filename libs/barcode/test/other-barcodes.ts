// Other symbologies, made with zxing-wasm's writer (loaded from node_modules like the reader),
// to check that the decoder calls them 'not-qr'.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode, type WriteInputBarcodeFormat } from 'zxing-wasm/writer';
import type { GrayImage } from '../src/index.ts';
import { enlarge } from './support.ts';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('zxing-wasm/writer/zxing_writer.wasm');
const file = readFileSync(wasmPath);
prepareZXingModule({
  overrides: {
    wasmBinary: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
    locateFile: () => wasmPath,
  },
});

export async function otherBarcode(format: WriteInputBarcodeFormat, text: string, scale: number): Promise<GrayImage> {
  const written = await writeBarcode(text, { format, scale: 1, addQuietZones: false });
  if (written.error) throw new Error(written.error);
  const { width, height, data } = written.symbol;
  return enlarge({ width, height, data: Uint8Array.from(data) }, scale, 10 * scale);
}
