// Kiosk styles, sized in millimetres of the real screen. CSS "mm" assumes 96 dpi and means
// nothing on a kiosk panel, so the app passes the panel's true pixels per millimetre and
// every size here is a multiple of it. Figures from VVSG 2.0 (7.2-F, 8.1-H): touch targets
// at least 12.7 mm with at least 2.54 mm between them, contrast at least 10:1 by default
// (here ≥ 15:1), a high-contrast mode, and text sizes the voter chooses.

export interface KioskMetrics {
  /** Physical pixels per millimetre of the touch screen at the CSS pixel ratio used. */
  pxPerMm: number;
}

/** Sizes in millimetres; the tests check the rendered boxes against the first two. */
export const KIOSK_MM = {
  /** Smallest side of any touch target (VVSG: 12.7 mm). */
  target: 13,
  /** Smallest gap between two touch targets (VVSG: 2.54 mm). */
  gap: 2.9,
  /**
   * Font size (em box) for the voter's three text sizes. DejaVu Sans capitals are 0.73 em
   * high: 3.7, 4.8 and 6.4 mm (VVSG: at least 3.0 mm, and a large size of 6.3–9.0 mm).
   */
  font: [5.0, 6.6, 8.8] as const,
} as const;

export const VVSG_MIN_TARGET_MM = 12.7;
export const VVSG_MIN_GAP_MM = 2.54;
export const MIN_CONTRAST = 10;
/** VVSG: capital letters at least 3.0 mm high; DejaVu Sans capitals are 0.73 em. */
export const MIN_FONT_EM_MM = 3.0 / 0.729;

/** Colours of the two modes; every pair used for text is listed in CONTRAST_PAIRS. */
export const PALETTE = {
  normal: { bg: '#ffffff', fg: '#000000', accent: '#00264d', onAccent: '#ffffff', notice: '#fff1a8', onNotice: '#000000', alarm: '#6d0000', onAlarm: '#ffffff', test: '#ffd24d', onTest: '#000000' },
  high: { bg: '#000000', fg: '#ffff00', accent: '#ffff00', onAccent: '#000000', notice: '#000000', onNotice: '#ffffff', alarm: '#000000', onAlarm: '#ffffff', test: '#000000', onTest: '#ffffff' },
} as const;

export function kioskCss({ pxPerMm }: KioskMetrics): string {
  const mm = (x: number) => `${(x * pxPerMm).toFixed(1)}px`;
  const n = PALETTE.normal;
  const h = PALETTE.high;
  return `
:root {
  --target: ${mm(KIOSK_MM.target)};
  --gap: ${mm(KIOSK_MM.gap)};
  --line: ${mm(0.75)};
  --radius: ${mm(2)};
  --pad: ${mm(4)};
  --box: ${mm(7)};
  --bg: ${n.bg}; --fg: ${n.fg}; --accent: ${n.accent}; --on-accent: ${n.onAccent};
  --notice: ${n.notice}; --alarm: ${n.alarm}; --on-alarm: ${n.onAlarm}; --test: ${n.test};
  --notice-fg: ${n.onNotice}; --test-fg: ${n.onTest};
}
html[data-contrast="high"] {
  --bg: ${h.bg}; --fg: ${h.fg}; --accent: ${h.accent}; --on-accent: ${h.onAccent};
  --notice: ${h.notice}; --alarm: ${h.alarm}; --on-alarm: ${h.onAlarm}; --test: ${h.test};
  --notice-fg: ${h.onNotice}; --test-fg: ${h.onTest};
}
html { font-size: ${mm(KIOSK_MM.font[0])}; }
html[data-text="1"] { font-size: ${mm(KIOSK_MM.font[1])}; }
html[data-text="2"] { font-size: ${mm(KIOSK_MM.font[2])}; }
html, body { margin: 0; height: 100%; overflow: hidden; background: var(--bg); color: var(--fg);
  font-family: "DejaVu Sans", Verdana, Arial, sans-serif; line-height: 1.25;
  -webkit-user-select: none; user-select: none; touch-action: manipulation; cursor: default; }
* { box-sizing: border-box; }
#app { height: 100%; }
.kiosk { display: flex; flex-direction: column; height: 100%; background: var(--bg); color: var(--fg); }
.topbar { display: flex; align-items: center; justify-content: space-between; gap: var(--gap);
  padding: var(--gap) var(--pad); border-bottom: var(--line) solid var(--fg); }
.topbar h1 { margin: 0; font-size: 1.1rem; flex: 1; min-width: 0; }
.topbar .sub { font-size: 0.85rem; font-weight: 400; }
.content { flex: 1; min-height: 0; padding: var(--gap) var(--pad); display: flex; flex-direction: column; gap: var(--gap); overflow: hidden; }
.actions { display: flex; flex-wrap: wrap; align-items: stretch; justify-content: space-between; gap: var(--gap);
  padding: var(--gap) var(--pad); border-top: var(--line) solid var(--fg); }
.actions .spacer { flex: 1; }
.center { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; gap: var(--gap); }
h2 { margin: 0; font-size: 1.3rem; }
p { margin: 0; }
.big { font-size: 1.6rem; font-weight: 700; }
.btn, .tile { font: inherit; color: var(--fg); background: var(--bg); border: var(--line) solid var(--fg);
  border-radius: var(--radius); min-height: var(--target); min-width: var(--target); cursor: pointer; touch-action: manipulation; }
.btn { padding: 0 ${mm(5)}; font-weight: 700; display: inline-flex; align-items: center; justify-content: center; gap: ${mm(2)}; text-align: center; }
.btn.primary { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
.btn .help { font-weight: 400; font-size: 0.85rem; }
.btn:disabled, .tile:disabled { opacity: 1; }
.tile { display: flex; align-items: center; gap: ${mm(2)}; padding: ${mm(1.5)} ${mm(2.5)}; text-align: left; width: 100%; }
.tile .num { font-weight: 700; min-width: 2.2ch; text-align: right; }
.tile .box { flex: none; width: var(--box); height: var(--box); border: var(--line) solid currentColor; border-radius: ${mm(1)};
  display: inline-flex; align-items: center; justify-content: center; font-weight: 700; }
.tile[aria-pressed="true"] { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
.tile[aria-pressed="true"] .box::after { content: "\\2713"; }
.tile .label { flex: 1; overflow-wrap: anywhere; }
.paged { position: relative; flex: 1; min-height: 0; display: flex; flex-direction: column; overflow: hidden; }
.paged > .grid { flex: 1; min-height: 0; overflow: hidden; }
.grid.probe { position: absolute; left: 0; right: 0; top: 0; visibility: hidden; pointer-events: none; }
.grid { display: grid; gap: var(--gap); grid-template-columns: repeat(var(--cols, 2), minmax(0, 1fr)); align-content: start; }
.settings { display: flex; gap: var(--gap); flex: none; }
.btn { flex: none; }
.nowrap { white-space: nowrap; }
.invisible { visibility: hidden; }
.instruction { border: var(--line) solid var(--bg); border-radius: var(--radius); padding: ${mm(1)} ${mm(2)}; font-weight: 700; }
.instruction.alert { background: var(--notice); color: var(--notice-fg); border-color: var(--fg); }
.page-label { display: flex; flex-direction: column; align-items: center; text-align: center; flex: 1; }
.tile.large { min-height: ${mm(16)}; font-size: 1.2rem; }
.settings .btn { padding: 0 ${mm(3)}; }
.settings .btn[aria-pressed="true"] { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
.notice { background: var(--notice); color: var(--notice-fg); border: var(--line) solid var(--fg); border-radius: var(--radius); padding: ${mm(2)} ${mm(4)}; font-weight: 700; }
.banner-test { background: var(--test); color: var(--test-fg); text-align: center; font-weight: 700; padding: ${mm(1.5)}; border-bottom: var(--line) solid var(--fg); }
.alarm { background: var(--alarm); color: var(--on-alarm); }
.alarm .kiosk, .alarm.kiosk { background: var(--alarm); color: var(--on-alarm); }
.alarm .topbar, .alarm .actions { border-color: var(--on-alarm); }
.lines { font-size: 1.1rem; display: flex; flex-direction: column; gap: ${mm(1.5)}; }
.lines .indent { padding-left: 2em; }
.lines.fit { flex: 1; min-height: 0; display: block; column-width: 12em; column-fill: auto; column-gap: var(--pad); overflow: hidden; }
.lines.fit > div { break-inside: avoid; margin-bottom: ${mm(1)}; line-height: 1.2; }
.lines.fit > .indent { padding-left: 1.2em; }
.lines.fit.scroll { overflow: auto; }
.lines .heading { font-weight: 700; }
.pager { display: flex; flex-wrap: wrap; align-items: center; gap: var(--gap); }
.paging { justify-content: space-between; flex-wrap: nowrap; }
.actions .chosen { align-self: center; }
.modal { position: fixed; inset: 0; background: var(--bg); display: flex; align-items: center; justify-content: center; z-index: 10; }
.modal .panel { border: ${mm(1.5)} solid var(--fg); border-radius: var(--radius); padding: var(--pad); max-width: 80%;
  display: flex; flex-direction: column; gap: var(--gap); align-items: center; text-align: center; background: var(--bg); color: var(--fg); }
.langs { display: flex; gap: var(--gap); flex-wrap: wrap; justify-content: center; }
.langs .btn { min-width: ${mm(60)}; min-height: ${mm(20)}; font-size: 1.2rem; }
.multi { display: flex; flex-direction: column; gap: ${mm(3)}; }
.code-entry { flex: 1; display: flex; align-items: center; justify-content: space-around; gap: var(--pad); }
.code-side { flex: 1; max-width: ${mm(170)}; display: flex; flex-direction: column; gap: ${mm(5)}; }
.code-display { display: flex; gap: ${mm(6)}; font-family: "DejaVu Sans Mono", monospace; font-size: 2.6rem; font-weight: 700; letter-spacing: 0.08em; }
.code-group { border-bottom: var(--line) solid var(--fg); padding: 0 ${mm(1)}; }
.keypad { flex: none; display: grid; grid-template-columns: repeat(3, ${mm(30)}); grid-auto-rows: ${mm(22)}; gap: ${mm(4)}; }
.keypad .btn { font-size: 1.8rem; padding: 0; }
.keypad .btn[data-testid="code-erase"] { font-size: 1.1rem; }
`;
}
