// The stick format is pinned by a committed closed stick (test/golden/stick, 16 slots) and
// what it must read as (test/golden/expected.json). Regenerate deliberately, after a format
// change, with UPDATE_GOLDEN=1 and describe the change in README.md.
import t from 'tap';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromBase64, toHex } from '@ovs/crypto';
import { verifyStick } from '../src/index.ts';
import { writeGoldenKeys, writeGoldenStick } from './golden-stick.ts';
import { tempDir } from './support.ts';

const golden = fileURLToPath(new URL('./golden/', import.meta.url));
const stickDir = join(golden, 'stick');

async function summary(dir: string): Promise<unknown> {
  const keys = JSON.parse(await readFile(join(golden, 'keys.json'), 'utf8')) as { organiserPublicKey: string; hoofdbureauPrivateKey: string };
  const v = await verifyStick(dir, { organiserPublicKey: fromBase64(keys.organiserPublicKey) as Uint8Array, hoofdbureauPrivateKey: fromBase64(keys.hoofdbureauPrivateKey) as Uint8Array });
  if (!v.ok) return { problem: v.error };
  return {
    station: v.value.station,
    storeShortHash: v.value.storeShortHash,
    closingShortHash: v.value.closingShortHash,
    registeredPerElection: v.value.closing.registeredPerElection,
    cards: v.value.closing.cards,
    events: v.value.events.map((e) => e.type),
    ballots: v.value.ballots?.map((b) => ({ id: toHex(b.ballotId), vote: b.ballot.vote })),
  };
}

if (process.env.UPDATE_GOLDEN === '1') {
  await writeGoldenStick(stickDir, join(golden, 'stick-b'));
  await writeGoldenKeys(golden);
  await writeFile(join(golden, 'expected.json'), JSON.stringify(await summary(stickDir), null, 2) + '\n');
}

t.test('the committed stick reads exactly as committed', async (t) => {
  const expected = JSON.parse(await readFile(join(golden, 'expected.json'), 'utf8')) as unknown;
  t.same(JSON.parse(JSON.stringify(await summary(stickDir))), expected);
});

t.test('today\'s writer produces the committed bytes', async (t) => {
  const a = await tempDir(t, 'golden');
  const b = await tempDir(t, 'golden');
  await writeGoldenStick(a, b);
  for (const f of (await readdir(stickDir)).sort()) {
    t.same(await readFile(join(a, f)), await readFile(join(stickDir, f)), `${f} unchanged`);
  }
  t.same((await readdir(a)).sort(), (await readdir(stickDir)).sort(), 'the same files');
});
