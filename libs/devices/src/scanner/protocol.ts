// Imagers on the OVS serial link (HARDWARE.md, "Imager"): the ballot box's optional
// decoding imager and the voting computer's hand scanner. A decoded barcode travels as
// binary bytes in one event frame, protected by the frame CRC (QR payloads are binary:
// keyboard-wedge or text modes would mangle them).

export const Command = {
  getStatus: 0x02,
  setEnabled: 0x03,
  beep: 0x04,
} as const;

export const Event = {
  decoded: 0x40,
} as const;

export const Symbology = { qr: 0x01, dataMatrix: 0x02, other: 0xff } as const;
export type SymbologyName = 'qr' | 'data-matrix' | 'other';

export function symbologyName(code: number): SymbologyName {
  return code === Symbology.qr ? 'qr' : code === Symbology.dataMatrix ? 'data-matrix' : 'other';
}

export function symbologyCode(name: SymbologyName): number {
  switch (name) {
    case 'qr':
      return Symbology.qr;
    case 'data-matrix':
      return Symbology.dataMatrix;
    case 'other':
      return Symbology.other;
    default:
      return name satisfies never;
  }
}

/** GET_STATUS / PING answer: [0] bit 0 scanning enabled, bit 1 fault (illumination or sensor). */
export interface ImagerStatus {
  readonly enabled: boolean;
  readonly fault: boolean;
}

export function encodeImagerStatus(s: ImagerStatus): Uint8Array {
  return Uint8Array.of((s.enabled ? 1 : 0) | (s.fault ? 2 : 0));
}

export function decodeImagerStatus(b: Uint8Array): ImagerStatus | null {
  if (b.length !== 1 || (b[0] ?? 0) > 3) return null;
  return { enabled: ((b[0] ?? 0) & 1) === 1, fault: ((b[0] ?? 0) & 2) === 2 };
}

export const BeepPattern = { good: 0, bad: 1 } as const;
