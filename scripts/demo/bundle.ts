// The page's Preact code and styles, bundled in memory with esbuild's JS API at start, as the
// apps bundle theirs. No files written, no dev server.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface PageBundle {
  js: string;
  css: string;
}

let cached: Promise<PageBundle> | undefined;

export function buildPage(): Promise<PageBundle> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./ui/main.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    outdir: 'out',
    loader: { '.css': 'css' },
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then(
    (r) => ({
      js: r.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '',
      css: r.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '',
    }),
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}
