// The kiosk screen: a Preact app bundled with esbuild's JS API (no dev server). Built in
// memory at start (a fraction of a second) or written to dist/ by bin/build-ui.ts.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { appPage } from '@ovs/ui/page';

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

export const INDEX_HTML = appPage({ title: 'Voorzitterscomputer' });
