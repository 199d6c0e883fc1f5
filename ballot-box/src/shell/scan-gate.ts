// From what the scanner delivers to what the state machine hears. A camera under the glass sends
// ten frames a second: a ballot lying there is decoded in every one of them, and a ballot being
// put down or lifted shows up blurred for a frame or two. So:
// - the same code seen again while it stays on the glass is one presentation, not a new scan;
//   lifting the ballot (an empty frame) or a pause ends the presentation, and the next sighting
//   is a new scan (the voter's re-scan after the flap closed, seed 001 §XIV.3);
// - a code in view that cannot be read is reported only when no good read follows within a
//   grace period, and once per presentation;
// - a decoding imager and the simulator deliver one scan per presentation; the same rules hold.
import { bytesEqual } from '@ovs/crypto';
import type { QrDecoder } from '@ovs/barcode';
import type { ScanInput, Timers } from '@ovs/devices';

export type Sighting =
  | { kind: 'code'; bytes: Uint8Array }
  /** Nothing on the glass. */
  | { kind: 'nothing' }
  /** A QR code in view that error correction cannot restore, or a barcode that is not a QR code. */
  | { kind: 'damaged' }
  | { kind: 'multiple' }
  /** The image itself is unusable or the decoder failed: the box's fault, not the ballot's. */
  | { kind: 'fault'; detail: string };

/** One scanner delivery, decoded. Synchronous (zxing-wasm after init). */
export function sightingOf(scan: ScanInput, decoder: QrDecoder): Sighting {
  switch (scan.kind) {
    case 'decoded':
      if (scan.symbology !== 'qr' || scan.bytes.length === 0) return { kind: 'damaged' };
      return { kind: 'code', bytes: scan.bytes };
    case 'frame': {
      const r = decoder.decode(scan.image);
      if (r.ok) return { kind: 'code', bytes: r.value };
      switch (r.error) {
        case 'no-barcode':
          return { kind: 'nothing' };
        case 'damaged-barcode':
        case 'not-qr':
          return { kind: 'damaged' };
        case 'multiple-barcodes':
          return { kind: 'multiple' };
        case 'unreadable-image':
        case 'image-too-large':
        case 'decoder-failure':
          return { kind: 'fault', detail: r.error };
        default:
          return r.error satisfies never;
      }
    }
    default:
      return scan satisfies never;
  }
}

export type GateOutput = { kind: 'decoded'; bytes: Uint8Array } | { kind: 'unreadable' } | { kind: 'multiple-codes' } | { kind: 'scanner-fault'; detail: string };

export interface ScanGateOptions {
  /** Sightings of the same thing closer together than this belong to one presentation. */
  samePresentationMs: number;
  /** A damaged code must stay unread this long before it is reported (0: at once). */
  unreadableGraceMs: number;
}

export class ScanGate {
  private code: { bytes: Uint8Array; lastAt: number } | null = null;
  private damaged: { since: number; lastAt: number; reported: boolean } | null = null;
  private readonly other = new Map<'multiple' | 'fault', number>();
  private timer: ReturnType<Timers['setTimeout']> | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly options: ScanGateOptions,
    private readonly emit: (out: GateOutput) => void,
  ) {}

  see(s: Sighting): void {
    const now = this.timers.now();
    switch (s.kind) {
      case 'code': {
        this.clearDamaged();
        this.other.clear();
        const same = this.code !== null && bytesEqual(this.code.bytes, s.bytes) && now - this.code.lastAt < this.options.samePresentationMs;
        this.code = { bytes: s.bytes, lastAt: now };
        if (!same) this.emit({ kind: 'decoded', bytes: s.bytes });
        return;
      }
      case 'nothing':
        this.glassCleared();
        return;
      case 'damaged': {
        const d = this.damaged;
        if (d === null || now - d.lastAt >= this.options.samePresentationMs) this.damaged = { since: now, lastAt: now, reported: false };
        else d.lastAt = now;
        this.checkDamaged();
        return;
      }
      case 'multiple':
      case 'fault': {
        const last = this.other.get(s.kind);
        this.other.set(s.kind, now);
        if (last !== undefined && now - last < this.options.samePresentationMs) return;
        this.emit(s.kind === 'multiple' ? { kind: 'multiple-codes' } : { kind: 'scanner-fault', detail: s.detail });
        return;
      }
      default:
        return s satisfies never;
    }
  }

  /** The glass is empty (an empty frame, or the simulator lifting the ballot before a new scan). */
  glassCleared(): void {
    this.code = null;
    this.other.clear();
    this.clearDamaged();
  }

  /** True while a damaged code waits out its grace period. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    this.clearDamaged();
  }

  private checkDamaged(): void {
    const d = this.damaged;
    if (d === null || d.reported) return;
    const due = d.since + this.options.unreadableGraceMs - this.timers.now();
    if (due <= 0) {
      d.reported = true;
      if (this.timer) this.timers.clearTimeout(this.timer);
      this.timer = null;
      this.emit({ kind: 'unreadable' });
      return;
    }
    if (this.timer === null) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.checkDamaged();
      }, due);
    }
  }

  private clearDamaged(): void {
    this.damaged = null;
    if (this.timer) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
