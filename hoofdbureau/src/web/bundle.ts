// The browser code of the web UI, bundled once per process with esbuild's JS API (no Vite, no
// build step to forget): Preact and the UI in one ES module, served from memory.
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

export function uiBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [new URL('./ui/main.tsx', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}
