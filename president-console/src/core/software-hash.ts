// The software version hash recorded in the session and closing records and printed on the
// reports: SHA-256 over the console's source and the libraries it runs, file by file in a
// fixed order, so an expert can recompute it from the published source (decree art. 12).
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, utf8 } from '@ovs/crypto';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const SOFTWARE_DIRS = ['president-console/src', 'libs/crypto/src', 'libs/election/src', 'libs/ballot/src', 'libs/card/src', 'libs/stick/src', 'libs/link/src', 'libs/devices/src'];

async function files(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(path)));
    else if (/\.(ts|tsx|css)$/.test(e.name)) out.push(path);
  }
  return out;
}

export async function softwareHash(dirs: readonly string[] = SOFTWARE_DIRS): Promise<Uint8Array> {
  const all = (await Promise.all(dirs.map((d) => files(join(root, d))))).flat();
  const sorted = all.map((p) => relative(root, p)).sort();
  const parts: Uint8Array[] = [];
  for (const rel of sorted) parts.push(utf8(`${rel}\0`), sha256(new Uint8Array(await fs.readFile(join(root, rel)))));
  return sha256(...parts);
}
