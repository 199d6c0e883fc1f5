// Styles of the box's display: a 7-inch 800 × 480 panel on the box (HARDWARE.md, "Ballot box,
// assembled"), 5.2 px/mm. The title is 46 px (≈ 9 mm capitals): readable from a step away.
// Colour is never the only signal: the title says the same thing in words. The browser test
// checks that every refusal, with the longest fault text and notice, fits without scrolling.
export const DISPLAY_CSS = `
*{box-sizing:border-box;margin:0}
html,body{height:100%;font-family:"DejaVu Sans",Arial,sans-serif;background:#111}
#app{height:100%}
main{height:100%;display:flex;flex-direction:column;padding:16px 26px;gap:10px;color:#111;background:#f2f2f2}
header{display:flex;align-items:center;gap:18px}
main.tone-ready{background:#f4f4f4;border:12px solid #b30000}
main.tone-wait{background:#fff6d6;border:12px solid #b30000}
main.tone-go{background:#d9f7dd;border:12px solid #0a7a1f}
main.tone-refused{background:#ffe1e1;border:12px solid #b30000}
main.tone-fault{background:#ffe9cc;border:12px solid #b35900}
main.tone-closed{background:#e6e6e6;border:12px solid #555}
.light{width:48px;height:48px;border-radius:50%;border:4px solid #222;flex:none}
.light-red{background:#d10000}
.light-green{background:#0bbf2f}
.light-red-blink{background:#d10000;animation:blink 1s steps(2,start) infinite}
@keyframes blink{to{visibility:hidden}}
h1{font-size:46px;line-height:1.08;font-weight:800}
.text{font-size:26px;line-height:1.22}
.instruction{font-size:23px;line-height:1.22;font-weight:700}
.notice{font-size:19px;line-height:1.2;padding:6px 10px;background:#fff;border:3px solid #333}
footer{margin-top:auto;display:flex;align-items:center;gap:16px;font-size:15px;color:#333}
footer .status{flex:1}
button{font-size:20px;padding:8px 16px;border:3px solid #222;background:#fff;border-radius:6px}
`;
