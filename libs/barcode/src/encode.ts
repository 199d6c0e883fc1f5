import { err, ok, type Result } from '@ovs/basics';
import encodeQR from 'qr';
import { BALLOT_QR } from './ballot-qr.ts';
import type { EccLevel, QrMatrix } from './types.ts';

export interface EncodeQrOptions {
  /** QR version 1..40; fixed so that every ballot has the same size. Default: BALLOT_QR.version. */
  version?: number;
  /** Default: BALLOT_QR.ecc. */
  ecc?: EccLevel;
  /** Data mask 0..7; default: chosen by the ISO 18004 penalty rules. Tests use it to pin a symbol. */
  mask?: number;
}

export interface EncodedQr {
  matrix: QrMatrix;
  version: number;
  ecc: EccLevel;
}

export type EncodeQrResult = Result<EncodedQr, 'payload-too-large'>;

const ECC_NAMES = { L: 'low', M: 'medium', Q: 'quartile', H: 'high' } as const;

/**
 * Encodes bytes as one QR byte-mode segment without ECI, at a fixed version.
 *
 * Why `qr` and not zxing-wasm's writer: the zint-based writer picks numeric/alphanumeric
 * segments for runs of digits or capitals and always prefixes an ECI 899 header. A single
 * byte segment gives a capacity that depends only on the length (so the fixed version is
 * safe for every payload of up to the maximum length) and the plainest symbol for cheap readers.
 */
export function encodeQr(bytes: Uint8Array, options: EncodeQrOptions = {}): EncodeQrResult {
  const version = options.version ?? BALLOT_QR.version;
  const ecc = options.ecc ?? BALLOT_QR.ecc;
  if (!Number.isInteger(version) || version < 1 || version > 40) {
    throw new RangeError(`QR version must be an integer 1..40, got ${version}`);
  }
  if (options.mask !== undefined && !(Number.isInteger(options.mask) && options.mask >= 0 && options.mask <= 7)) {
    throw new RangeError(`QR mask must be an integer 0..7, got ${options.mask}`);
  }
  const payload = Uint8Array.from(bytes);
  let rows: boolean[][];
  try {
    rows = encodeQR('', 'raw', {
      encoding: 'byte',
      // The library's hook for turning text into bytes: we hand it the bytes themselves.
      textEncoder: () => payload,
      ecc: ECC_NAMES[ecc],
      version,
      mask: options.mask,
      // The library insists on a quiet zone; one module is stripped again below.
      border: 1,
    });
  } catch (e) {
    if (e instanceof Error && e.message === 'Capacity overflow') return err('payload-too-large');
    throw e;
  }
  const size = rows.length - 2;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    const row = rows[y + 1] as boolean[];
    for (let x = 0; x < size; x++) modules[y * size + x] = row[x + 1] ? 1 : 0;
  }
  return ok({ matrix: { size, modules }, version, ecc });
}
