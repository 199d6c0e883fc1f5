// The one HTML page every app serves: its title, and its Preact bundle and styles as files of
// its own (the web guard's Content-Security-Policy allows no inline script or style). Everything
// else is the bundle and the JSON API.
export interface AppPageOptions {
  title: string;
  /** Extra attributes on <html>, e.g. the kiosk's starting contrast and text size. */
  htmlAttributes?: Record<string, string>;
  /** The kiosks forbid zooming: a pinch must not move the voter's screen. */
  kiosk?: boolean;
  /** What shows before the bundle runs (a slow workstation). */
  loading?: string;
  script?: string;
  style?: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function appPage(o: AppPageOptions): string {
  const attributes = Object.entries({ lang: 'nl', ...o.htmlAttributes })
    .map(([k, v]) => ` ${k}="${escape(v)}"`)
    .join('');
  const viewport = o.kiosk ? 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no' : 'width=device-width, initial-scale=1';
  return `<!doctype html>
<html${attributes}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="${viewport}">
<title>${escape(o.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${o.style ?? '/app.css'}">
<script type="module" src="${o.script ?? '/app.js'}"></script>
</head>
<body><div id="app">${escape(o.loading ?? '')}</div></body>
</html>
`;
}
