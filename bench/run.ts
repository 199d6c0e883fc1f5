// `npm run bench [-- --quick] [-- --only key1,key2]`: runs every bench/*.bench.ts area in turn,
// writes bench/results.json (keys of areas not run are kept) and prints one table.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import type { BenchArea, BenchFn } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : undefined;

const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
const resultsPath = join(here, 'results.json');
let previous: Record<string, unknown>;
try {
  previous = JSON.parse(await readFile(resultsPath, 'utf8')) as Record<string, unknown>;
} catch {
  previous = {};
}

const merged: Record<string, unknown> = { ...previous };
const rows: Array<[string, string, string]> = [];
for (const file of files) {
  const area = file.replace(/\.bench\.ts$/, '');
  if (only && !only.has(area)) continue;
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { bench: BenchFn };
  process.stderr.write(`bench: ${area} ...\n`);
  const result: BenchArea = await mod.bench({ quick });
  merged[result.key] = result.results;
  for (const [label, value] of result.table) rows.push([result.key, label, value]);
}
merged.machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  date: new Date().toISOString().slice(0, 10),
  quick,
};
await writeFile(resultsPath, JSON.stringify(merged, null, 2) + '\n');

const w0 = Math.max(...rows.map((r) => r[0].length), 4);
const w1 = Math.max(...rows.map((r) => r[1].length), 6);
for (const [k, l, v] of rows) console.log(`${k.padEnd(w0)}  ${l.padEnd(w1)}  ${v}`);
console.log(`\nwritten: ${resultsPath}`);
