// Writes the bundled screen to president-console/dist/ for an OS image without esbuild at
// run time (bin/president-console.ts serves dist/ when it is there; startConsole otherwise
// bundles in memory).
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildUi } from '../src/server/ui-bundle.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const ui = await buildUi({ minify: true });
await mkdir(dist, { recursive: true });
await writeFile(`${dist}app.js`, ui.js);
await writeFile(`${dist}app.css`, ui.css);
process.stdout.write(`${dist}app.js (${ui.js.length} bytes), app.css (${ui.css.length} bytes)\n`);
