// The voting computer's touch screen, as HARDWARE.md ("Voting computer screen (assumed)")
// states it. Every size on screen is derived from these figures and the browser tests
// measure the rendered targets against them: change the panel here and the layout follows.
export const SCREEN = {
  /** 15.6-inch 16:9 projected-capacitive panel, landscape, 1920 × 1080 at device scale factor 1. */
  diagonalInch: 15.6,
  widthPx: 1920,
  heightPx: 1080,
  /** Active area 344.2 mm × 193.6 mm. */
  widthMm: 344.2,
  heightMm: 193.6,
} as const;

export const PX_PER_MM = SCREEN.widthPx / SCREEN.widthMm; // ≈ 5.58 (141.7 dpi)
