// The touch-screen check of the test mode (HARDWARE.md, "Voting computer screen"): a target in
// each corner and one in the centre, touched in turn; how far each touch lands from its target
// says whether the touch layer is calibrated to the picture (seed 001 §XIV.1: "de schermen
// moeten getest worden op kalibratie"). Pure: positions and verdicts, no I/O.
import { PX_PER_MM, SCREEN } from '../screen-geometry.ts';
import type { SelfTestCheck } from '@ovs/devices';

export interface Viewport {
  width: number;
  height: number;
  /** CSS pixels per device pixel: 1 on the kiosk (HARDWARE.md). */
  pixelRatio: number;
}

export type TargetPlace = 'linksboven' | 'rechtsboven' | 'linksonder' | 'rechtsonder' | 'midden';

export interface TouchTarget {
  place: TargetPlace;
  /** Centre, in CSS pixels of the reported viewport. */
  x: number;
  y: number;
  /** Drawn radius: the 12.7 mm target of VVSG 2.0. */
  radius: number;
}

export interface TouchPoint {
  x: number;
  y: number;
}

/** Centre of a corner target: 10 mm in from both edges, where a bezel or a bad edge calibration bites first. */
export const CORNER_INSET_MM = 10;
/**
 * A touch farther than this from the target's centre fails. The smallest voter target is
 * 12.7 mm with 2.54 mm gaps: an offset of 3 mm (finger and calibration together) still lands a
 * voter's touch aimed at the centre of the smallest target inside it.
 */
export const MAX_OFFSET_MM = 3;

export function touchTargets(v: Viewport): TouchTarget[] {
  const inset = Math.round(CORNER_INSET_MM * PX_PER_MM);
  const radius = Math.round((12.7 / 2) * PX_PER_MM);
  const right = v.width - inset;
  const bottom = v.height - inset;
  return [
    { place: 'linksboven', x: inset, y: inset, radius },
    { place: 'rechtsboven', x: right, y: inset, radius },
    { place: 'linksonder', x: inset, y: bottom, radius },
    { place: 'rechtsonder', x: right, y: bottom, radius },
    { place: 'midden', x: Math.round(v.width / 2), y: Math.round(v.height / 2), radius },
  ];
}

const mm = (px: number): string => (px / PX_PER_MM).toFixed(1).replace('.', ',');

/** The screen's size as the kiosk page sees it. */
export function screenSizeCheck(v: Viewport): SelfTestCheck {
  const ok = v.width === SCREEN.widthPx && v.height === SCREEN.heightPx && v.pixelRatio === 1;
  return {
    id: 'screen-size',
    title: 'Schermresolutie',
    outcome: ok ? 'pass' : 'fail',
    detail: ok
      ? `${v.width} × ${v.height} pixels, schaal 1`
      : `het scherm toont ${v.width} × ${v.height} pixels bij schaal ${v.pixelRatio}; de stemcomputer is ingericht voor ${SCREEN.widthPx} × ${SCREEN.heightPx} bij schaal 1 (HARDWARE.md)`,
  };
}

/** One touch per target, in order; `null` for a target nobody touched in time. */
export function calibrationCheck(targets: readonly TouchTarget[], touches: ReadonlyArray<TouchPoint | null>): SelfTestCheck {
  const title = 'Aanraakscherm gekalibreerd';
  const missing = targets.filter((_, i) => !touches[i]).map((t) => t.place);
  if (missing.length > 0) return { id: 'touch-calibration', title, outcome: 'fail', detail: `geen aanraking ${missing.join(', ')}: het aanraakscherm reageert daar niet` };
  const offsets = targets.map((t, i) => {
    const p = touches[i] as TouchPoint;
    return { place: t.place, px: Math.hypot(p.x - t.x, p.y - t.y) };
  });
  const worst = offsets.reduce((a, b) => (b.px > a.px ? b : a));
  const limit = MAX_OFFSET_MM * PX_PER_MM;
  const bad = offsets.filter((o) => o.px > limit);
  if (bad.length > 0) {
    return { id: 'touch-calibration', title, outcome: 'fail', detail: `afwijking ${bad.map((o) => `${o.place} ${mm(o.px)} mm`).join(', ')} (hoogstens ${MAX_OFFSET_MM} mm): kalibreer het aanraakscherm` };
  }
  return { id: 'touch-calibration', title, outcome: 'pass', detail: `vijf doelen geraakt, grootste afwijking ${mm(worst.px)} mm (${worst.place})` };
}

export const screenLookCheck: SelfTestCheck = {
  id: 'screen-look',
  title: 'Beeld (bekijk het scherm)',
  outcome: 'operator',
  detail: 'beeld scherp en gelijkmatig verlicht, geen dode pixels of strepen, ook in de hoeken',
};
