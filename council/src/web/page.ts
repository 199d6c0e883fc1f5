// The one HTML page (member, control and projector screens are routes of one Preact bundle) and
// its styles; no inline script or style (the web guard's Content-Security-Policy).
import { appPage } from '@ovs/ui/page';

export const PAGE = appPage({ title: 'Gemeenteraad — stemmen', loading: 'Laden…' });

export const PAGE_CSS = `:root { --ok: #1b7f3b; --bad: #b3261e; --muted: #5f6368; --line: #dadce0; --brand: #1f3a5f; font-family: system-ui, sans-serif; }
body { margin: 0; color: #202124; background: #f8f9fa; }
header { background: var(--brand); color: white; padding: 10px 20px; display: flex; gap: 20px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 19px; margin: 0; }
header .who { margin-left: auto; }
header button { background: transparent; color: white; border-color: white; }
main { padding: 16px 20px; max-width: 1100px; }
section { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 14px; }
h2 { font-size: 18px; margin: 4px 0 10px; }
h3 { font-size: 15px; margin: 10px 0 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
button { font-size: 15px; padding: 7px 14px; margin: 2px 8px 2px 0; border-radius: 4px; border: 1px solid var(--brand); background: white; cursor: pointer; }
button.primary { background: var(--brand); color: white; }
button.choice { font-size: 22px; padding: 16px 28px; min-width: 160px; }
button.choice[aria-pressed="true"] { background: var(--brand); color: white; }
.muted { color: var(--muted); }
.problem { border-left: 4px solid var(--bad); background: #fce8e6; padding: 8px 12px; margin: 8px 0; }
.good { border-left: 4px solid var(--ok); background: #e6f4ea; padding: 8px 12px; margin: 8px 0; }
.base { font-size: 13px; color: var(--muted); }
.elected { font-weight: 700; color: var(--ok); }
.countdown { font-size: 20px; font-weight: 700; }
form label { display: block; margin: 6px 0; }
input, select, textarea { font-size: 15px; padding: 4px 6px; }
.projector { font-size: 22px; }
.projector main { max-width: none; }
.projector .agenda li { margin: 6px 0; }
.projector .agenda li.current { font-weight: 700; }
.projector .agenda li.current::before { content: "▶ "; }
.projector .progress { font-size: 40px; font-weight: 700; margin: 20px 0; }
.projector table { font-size: 24px; }
.minutes { font-style: italic; }
.ballot { margin-left: 16px; }
`;
