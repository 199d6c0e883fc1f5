// The kiosk screen: a Preact app bundled with esbuild's JS API (no dev server). Built in
// memory at start (a fraction of a second) or written to dist/ by bin/build-ui.ts.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const entry = new URL('../ui/main.tsx', import.meta.url);
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface UiBundle {
  js: string;
  css: string;
}

let cached: Promise<UiBundle> | undefined;

/** `prebuilt`: serve dist/ (an OS image built with bin/build-ui.ts) when it is there. */
export function buildUi(options: { minify?: boolean; prebuilt?: boolean } = {}): Promise<UiBundle> {
  cached ??= (async () => {
    const prebuilt = options.prebuilt ? await Promise.all([readFile(`${dist}app.js`, 'utf8'), readFile(`${dist}app.css`, 'utf8')]).catch(() => undefined) : undefined;
    if (prebuilt) return { js: prebuilt[0], css: prebuilt[1] };
    const { bundleApp } = await import('@ovs/ui/bundle');
    return bundleApp(entry, options.minify === undefined ? {} : { minify: options.minify });
  })();
  return cached;
}

export const INDEX_HTML = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Voorzitterscomputer</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
