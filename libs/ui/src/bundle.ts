// Bundles a Preact app for the browser with esbuild's JS API, in memory, once per process and
// entry (several voting computers in one `npm start` share one bundle). No dev server, no
// files written; a failed build is not cached, so the next request tries again.
// Node only: imported as `@ovs/ui/bundle`, never from browser code.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface AppBundle {
  js: string;
  /** The CSS the app imports, if any; '' otherwise. */
  css: string;
}

const cache = new Map<string, Promise<AppBundle>>();

/** `entry`: the app's main.tsx, as `new URL('./main.tsx', import.meta.url)`. */
export function bundleApp(entry: URL, options: { minify?: boolean } = {}): Promise<AppBundle> {
  const path = fileURLToPath(entry);
  const minify = options.minify ?? true;
  const key = `${path}\n${minify}`;
  let bundled = cache.get(key);
  if (!bundled) {
    bundled = build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: ['chrome110', 'firefox115', 'safari16'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify,
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
        cache.delete(key);
        throw e;
      },
    );
    cache.set(key, bundled);
  }
  return bundled;
}
