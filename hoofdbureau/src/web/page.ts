// The one HTML page of the web UI; everything else is the Preact bundle, its styles and the JSON
// API. No inline style or script: the Content-Security-Policy allows the server's own files only.
import { appPage } from '@ovs/ui/page';

export const PAGE = appPage({ title: 'Hoofdbureau — resultatenbeheer', loading: 'Laden…' });

export const PAGE_CSS = `:root { --ok: #1b7f3b; --warn: #b35c00; --bad: #b3261e; --muted: #5f6368; --line: #dadce0; font-family: system-ui, sans-serif; }
body { margin: 0; color: #202124; background: #f8f9fa; }
header { background: #1f3a5f; color: white; padding: 12px 24px; display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 20px; margin: 0; }
header nav a { color: white; margin-right: 16px; text-decoration: none; font-weight: 600; }
header nav a.active { text-decoration: underline; }
main { padding: 16px 24px; max-width: 1200px; }
section { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
h2 { font-size: 17px; margin: 4px 0 12px; }
h3 { font-size: 15px; margin: 12px 0 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.counters { display: flex; gap: 16px; flex-wrap: wrap; }
.counter { padding: 8px 16px; border-radius: 6px; background: #eef2f7; min-width: 140px; }
.counter b { display: block; font-size: 28px; }
.state { font-weight: 600; padding: 1px 8px; border-radius: 10px; font-size: 13px; white-space: nowrap; }
.state.ingelezen { background: #e6f4ea; color: var(--ok); }
.state.verwacht { background: #eceff1; color: var(--muted); }
.state.probleem { background: #fce8e6; color: var(--bad); }
.problem { border-left: 4px solid var(--bad); background: #fce8e6; padding: 8px 12px; margin: 8px 0; }
.good { border-left: 4px solid var(--ok); background: #e6f4ea; padding: 8px 12px; margin: 8px 0; }
.note { border-left: 4px solid var(--warn); background: #fef7e0; padding: 8px 12px; margin: 8px 0; }
.hash { font-family: ui-monospace, monospace; font-size: 18px; letter-spacing: 1px; }
button { font-size: 14px; padding: 6px 14px; margin-right: 8px; border-radius: 4px; border: 1px solid #1f3a5f; background: white; cursor: pointer; }
button.primary { background: #1f3a5f; color: white; }
.muted { color: var(--muted); }
a { color: #1a56a6; }
.on-dark { color: #c9d6e8; }
header .who { margin-left: auto; display: flex; gap: 12px; align-items: baseline; }
header .who a { color: white; }
button.small { font-size: 13px; padding: 3px 10px; }
section.narrow { max-width: 440px; }
form label { display: block; margin: 8px 0; font-weight: 600; }
form label input, form label select, form label textarea { display: block; font: inherit; font-weight: normal; padding: 6px; margin-top: 4px; width: 100%; box-sizing: border-box; }
form.inline { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; }
form.inline label { width: auto; }
td input { font: inherit; padding: 4px; width: 100%; box-sizing: border-box; }
form.entry .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 4px 16px; margin: 8px 0; }
form.entry label.field { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin: 0; font-weight: normal; }
form.entry label.field input { width: 7em; text-align: right; font: inherit; font-variant-numeric: tabular-nums; padding: 4px; }
form.entry label.field.bad input { border: 2px solid var(--bad); background: #fce8e6; }
ul.findings { list-style: none; padding: 0; }
`;
