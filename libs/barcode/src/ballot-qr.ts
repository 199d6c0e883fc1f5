import type { EccLevel } from './types.ts';

// The physical ballot code. Every ballot of an election must have the same size, so the
// version is fixed (not chosen per payload); README.md explains the choice for an 80 mm roll.

/** Largest ballot payload the format allows (bytes). */
export const MAX_BALLOT_PAYLOAD_BYTES = 170;

/** 203 dpi thermal head: 8 dots per millimetre, 576 printable dots (72 mm) on an 80 mm roll. */
export const PRINTER_DOTS_PER_MM = 8;
export const PRINTER_WIDTH_DOTS = 576;

export interface QrLayout {
  version: number;
  ecc: EccLevel;
  moduleDots: number;
  quietZoneModules: number;
}

/** Version 11-Q holds 177 bytes in byte mode: the smallest Q symbol that fits 170. */
export const BALLOT_QR: Readonly<QrLayout> = Object.freeze({
  version: 11,
  ecc: 'Q',
  moduleDots: 4,
  quietZoneModules: 4,
});

export const modulesForVersion = (version: number): number => 17 + 4 * version;

export interface QrGeometry {
  modules: number;
  moduleMm: number;
  symbolDots: number;
  symbolMm: number;
  /** Symbol plus quiet zone on both sides: the paper it takes along the roll. */
  withQuietZoneDots: number;
  withQuietZoneMm: number;
}

export function qrGeometry(layout: QrLayout = BALLOT_QR, dotsPerMm = PRINTER_DOTS_PER_MM): QrGeometry {
  const modules = modulesForVersion(layout.version);
  const symbolDots = modules * layout.moduleDots;
  const withQuietZoneDots = (modules + 2 * layout.quietZoneModules) * layout.moduleDots;
  return {
    modules,
    moduleMm: layout.moduleDots / dotsPerMm,
    symbolDots,
    symbolMm: symbolDots / dotsPerMm,
    withQuietZoneDots,
    withQuietZoneMm: withQuietZoneDots / dotsPerMm,
  };
}
