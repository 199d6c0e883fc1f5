// Bundles the display UI with esbuild's JS API, in memory, once per process.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let cached: Promise<string> | undefined;

export function buildDisplayUi(): Promise<string> {
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
    (r) => r.outputFiles[0]?.text ?? '',
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}
