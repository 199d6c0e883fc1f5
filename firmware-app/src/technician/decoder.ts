// One QR decoder for the test mode, made on first use (zxing-wasm takes a moment to load and is
// needed only to read back a simulated printer's picture).
import { createQrDecoder, type QrDecoder } from '@ovs/barcode';

let shared: Promise<QrDecoder> | undefined;

export function sharedDecoder(): Promise<QrDecoder> {
  shared ??= createQrDecoder().catch((e: unknown) => {
    shared = undefined;
    throw e;
  });
  return shared;
}
