// ESC/POS status requests and the bytes that answer them.
//
// DLE EOT n is executed on arrival, even while the printer is busy or stopped, so it
// tells why a printer stopped. GS r 1 waits its turn in the input buffer: its answer
// arrives only after everything sent before it was processed, which makes it the
// "job finished" marker.

export const DLE_EOT_PRINTER = Uint8Array.of(0x10, 0x04, 0x01);
export const DLE_EOT_OFFLINE_CAUSE = Uint8Array.of(0x10, 0x04, 0x02);
export const DLE_EOT_ERROR_CAUSE = Uint8Array.of(0x10, 0x04, 0x03);
export const DLE_EOT_PAPER = Uint8Array.of(0x10, 0x04, 0x04);
export const GS_R_PAPER = Uint8Array.of(0x1d, 0x72, 0x01);

/** Every DLE EOT answer has bit 1 and bit 4 set, bits 0 and 7 clear. */
export function isDleEotReply(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** GS r 1 answers have bit 4 and bit 7 clear (other bits vary by model). */
export function isGsRReply(b: number): boolean {
  return (b & 0x90) === 0x00;
}

export interface RawStatus {
  readonly printer: number;
  readonly offlineCause: number;
  readonly paper: number;
  /** Only asked when offlineCause reports an error. */
  readonly errorCause: number | null;
}

export const printerBits = { offline: 0x08 } as const;
export const offlineBits = { coverOpen: 0x04, feedButton: 0x08, paperEndStop: 0x20, error: 0x40 } as const;
export const errorBits = { recoverable: 0x04, cutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 } as const;
export const paperBits = { nearEnd: 0x0c, end: 0x60 } as const;
/** GS r 1: paper near end in bits 0-1, paper end in bits 2-3. */
export const gsRBits = { nearEnd: 0x03, end: 0x0c } as const;

export type InterpretedStatus =
  | { readonly kind: 'ready'; readonly paper: 'ok' | 'near-end' }
  | { readonly kind: 'paper-out' }
  | { readonly kind: 'cover-open' }
  | { readonly kind: 'error'; readonly cause: 'cutter' | 'unrecoverable' | 'recoverable' | 'auto-recoverable' | 'unknown' }
  | { readonly kind: 'offline'; readonly reason: 'printer-offline' };

/** The order matters: an open cover also stops the paper sensor, so it is named first. */
export function interpretStatus(raw: RawStatus): InterpretedStatus {
  if (raw.offlineCause & offlineBits.coverOpen) return { kind: 'cover-open' };
  if (raw.paper & paperBits.end || raw.offlineCause & offlineBits.paperEndStop) return { kind: 'paper-out' };
  if (raw.offlineCause & offlineBits.error) {
    const e = raw.errorCause ?? 0;
    const cause =
      e & errorBits.cutter
        ? 'cutter'
        : e & errorBits.unrecoverable
          ? 'unrecoverable'
          : e & errorBits.autoRecoverable
            ? 'auto-recoverable'
            : e & errorBits.recoverable
              ? 'recoverable'
              : 'unknown';
    return { kind: 'error', cause };
  }
  if (raw.printer & printerBits.offline) return { kind: 'offline', reason: 'printer-offline' };
  return { kind: 'ready', paper: raw.paper & paperBits.nearEnd ? 'near-end' : 'ok' };
}
