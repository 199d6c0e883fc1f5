// Chip-card reader/writer as the apps see it: the president console writes voter and
// activation cards, the voting computer reads them and marks them used before printing.
// A card's content never appears in a log.

import type { SelfTestOptions, SelfTestReport } from '../self-test.ts';
import type { Result } from '@ovs/basics';
import type { CardContent } from './card-layout.ts';

export type { CardContent, UsedState } from './card-layout.ts';

export type CardReaderStatus =
  | { readonly kind: 'no-reader'; readonly reason: 'starting' | 'no-port' | 'silent' | 'wrong-device' | 'closed' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'card-present'; readonly capacity: number; readonly writeProtected: boolean }
  | { readonly kind: 'card-error' };

export type CardReaderEvent =
  | { readonly kind: 'inserted' }
  | { readonly kind: 'removed' }
  | { readonly kind: 'card-error' }
  | { readonly kind: 'reader-lost' }
  | { readonly kind: 'reader-found' };

/** Failures any card operation can meet. */
export type CardAccessError = 'no-reader' | 'no-card' | 'card-removed' | 'card-error' | 'timeout';

export type CardReadResult = Result<CardContent, CardAccessError | 'blank' | 'corrupt'>;

export type CardWriteResult = Result<void, CardAccessError | 'too-large' | 'card-too-small' | 'write-protected' | 'write-failed' | 'verify-failed'>;

export type MarkUsedResult = Result<void, CardAccessError | 'already-used' | 'write-protected' | 'write-failed' | 'verify-failed'>;

export interface CardReader {
  readonly implementation: 'simulated' | 'real';
  status(): CardReaderStatus;
  onEvent(listener: (event: CardReaderEvent) => void): () => void;
  /** Payload and used state; 'blank' for a card never written, 'corrupt' for a damaged one. */
  read(): Promise<CardReadResult>;
  /** Initialises the card: payload (1..1024 bytes) written and verified, used mark erased. */
  write(payload: Uint8Array): Promise<CardWriteResult>;
  /**
   * Marks the card used (compare-and-write in the terminal: fails with 'already-used' if it
   * was). `tag` (≤ 12 bytes, default zeros) is stored in the mark; keep it free of anything
   * that could link the card to a vote.
   */
  markUsed(tag?: Uint8Array): Promise<MarkUsedResult>;
  selfTest(options: SelfTestOptions): Promise<SelfTestReport>;
  close(): Promise<void>;
}
