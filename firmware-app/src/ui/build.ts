// Bundles the kiosk UI with esbuild's JS API, in memory, once per process (several voting
// computers in one `npm start` share the bundle). No dev server, no files written.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface UiBundle {
  js: string;
}

let cached: Promise<UiBundle> | undefined;

export function buildUi(): Promise<UiBundle> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./main.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then(
    (r) => ({ js: r.outputFiles[0]?.text ?? '' }),
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}
