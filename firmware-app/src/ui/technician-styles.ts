// Styles of the technician screen (test mode), added to the kiosk's styles. Technicians only:
// the voter screens' sizes do not apply, but the touch targets are drawn at the voter's 12.7 mm.
export const TECHNICIAN_CSS = `
.touch-test { position: fixed; inset: 0; background: #ffffff; color: #000000; touch-action: none; user-select: none; }
.touch-test .instruction { position: absolute; left: 0; right: 0; top: 22%; text-align: center; font-size: 1.4rem; font-weight: 700; }
.touch-target { position: absolute; box-sizing: border-box; border-radius: 50%; border: 3px solid #999999; }
.touch-target::before, .touch-target::after { content: ""; position: absolute; background: currentColor; }
.touch-target::before { left: 50%; top: 10%; bottom: 10%; width: 2px; margin-left: -1px; }
.touch-target::after { top: 50%; left: 10%; right: 10%; height: 2px; margin-top: -1px; }
.touch-target.current { border-color: #000000; background: #fff1a8; color: #000000; }
.touch-target.done { border-color: #00264d; color: #00264d; opacity: 0.4; }
.touch-target:not(.current):not(.done) { color: #999999; }
.technician-report { font-size: 0.75rem; line-height: 1.25; overflow: hidden; text-align: left; width: 100%; column-count: 2; column-gap: var(--pad); }
.technician-report p { margin: 0; }
.technician-report .fail { font-weight: 700; }
`;
