// `npm start`: the virtual polling station. Until all apps exist this prepares the demo
// election (what exists so far) and explains where the rest will appear.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const out = resolve('out/demo');
await mkdir(out, { recursive: true });
execFileSync(process.execPath, [join('libs/election/bin/election.js'), 'demo', '--out', join(out, 'election')], { stdio: 'inherit' });
console.log('De virtuele stembureau-omgeving wordt nog gebouwd; het demo-verkiezingspakket staat klaar in', join(out, 'election'));
