// What a scanner delivers: camera frames (the ballot-box app decodes them, with zxing-wasm)
// or bytes an imager already decoded. The ballot box takes either; the hand scanner on the
// voting computer only delivers decoded bytes.

import type { Result } from '@ovs/basics';
import type { GrayImage } from '../image.ts';
import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';
import type { SymbologyName } from './protocol.ts';

export type { SymbologyName } from './protocol.ts';

export interface DecodedScan {
  readonly kind: 'decoded';
  readonly symbology: SymbologyName;
  readonly bytes: Uint8Array;
}

export interface FrameScan {
  readonly kind: 'frame';
  readonly image: GrayImage;
}

export type ScanInput = DecodedScan | FrameScan;

export type ScannerStatus =
  | { readonly kind: 'ready' }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'fault' }
  | { readonly kind: 'disconnected'; readonly reason: 'starting' | 'no-port' | 'silent' | 'wrong-device' | 'closed' | 'no-frames' };

export type ScannerResult = Result<void, 'disconnected' | 'timeout' | 'refused'>;

export interface Scanner {
  readonly implementation: 'simulated' | 'real';
  status(): ScannerStatus;
  onScan(listener: (scan: ScanInput) => void): () => void;
  /** Off while the box is closed or busy: nothing is delivered. */
  setEnabled(enabled: boolean): Promise<ScannerResult>;
  selfTest(options: SelfTestOptions): Promise<SelfTestReport>;
  close(): Promise<void>;
}

export interface HandScanner {
  readonly implementation: 'simulated' | 'real';
  status(): ScannerStatus;
  onScan(listener: (scan: DecodedScan) => void): () => void;
  selfTest(options: SelfTestOptions): Promise<SelfTestReport>;
  close(): Promise<void>;
}
