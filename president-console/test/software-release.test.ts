// Decree art. 4 §3 and art. 12: the console hashes what it runs the way the release manifest
// does, prints that hash, and opens a polling station only with the release the election
// package was approved for. A changed byte in its bundle changes the hash, which the reports
// show and which makes the console refuse to open.
import t from 'tap';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { shortHash, toHex } from '@ovs/crypto';
import { generateDemoElection } from '@ovs/election';
import { prepareStick } from '@ovs/stick';
import { deviceSoftware, rolePaths, RUNNING_ROOT } from '@ovs/release/files';
import { buildReport } from '../src/index.ts';
import { FAST_SCRYPT, password, SOFTWARE, STATION, startRig, tempDir } from './support.ts';

const ROLE = 'voorzitterscomputer';

/** A copy of the console's bundle with one byte changed, and the hashes of both. */
async function bundles(t: Parameters<typeof tempDir>[0]): Promise<{ real: Uint8Array; changed: Uint8Array }> {
  const copy = await tempDir(t, 'bundle');
  for (const p of await rolePaths(RUNNING_ROOT, ROLE)) {
    await mkdir(dirname(join(copy, p)), { recursive: true });
    await copyFile(join(RUNNING_ROOT, p), join(copy, p));
  }
  const real = await deviceSoftware(ROLE, copy);
  const file = join(copy, 'president-console/src/core/console-core.ts');
  const bytes = await readFile(file);
  bytes[10]! ^= 0x20;
  await writeFile(file, bytes);
  return { real, changed: await deviceSoftware(ROLE, copy) };
}

const released = (console: Uint8Array) =>
  generateDemoElection({
    scrypt: FAST_SCRYPT,
    release: { version: '1.4.0', commit: 'c'.repeat(40), manifest: 'd'.repeat(64), software: { stemcomputer: 'e'.repeat(64), voorzitterscomputer: toHex(console), stembus: 'e'.repeat(64), hoofdbureau: 'e'.repeat(64) } },
  });

async function sticksFor(t: Parameters<typeof tempDir>[0], d: ReturnType<typeof released>): Promise<{ A: string; B: string }> {
  const dirs = { A: await tempDir(t, 'stick'), B: await tempDir(t, 'stick') };
  for (const dir of [dirs.A, dirs.B]) {
    const r = await prepareStick(dir, { packageBytes: d.bytes, packageSignature: d.signature, organiserPublicKey: d.organiser.publicKey, station: STATION, capacity: 16 });
    if (!r.ok) throw new Error(r.error.message);
  }
  return dirs;
}

t.test('the console computes at start-up the hash the release manifest gives its bundle', async (t) => {
  const { real } = await bundles(t);
  t.same(await deviceSoftware(ROLE), real, 'the running tree and a copy of its bundle hash alike');
});

t.test('a changed byte in the bundle changes the hash: on the test report, and the console refuses to open', async (t) => {
  const { real, changed } = await bundles(t);
  t.not(toHex(changed), toHex(real), 'one changed byte, another hash');
  const d = released(real);
  const rig = await startRig(t, { dirs: await sticksFor(t, d), organiserPublicKey: d.organiser.publicKey, software: changed });
  const test = await rig.handle.core.selfTest('fase-2');
  t.ok(test.ok);
  if (test.ok) t.equal(test.report.softwareShortHash, shortHash(changed), 'the technician test report prints the hash');
  t.ok(Buffer.from(rig.devices.printer.bytes()).toString('latin1').includes(shortHash(changed)), 'on paper');
  const before = rig.handle.core.snapshot();
  const r = await rig.handle.core.unlock(d.passwords.get(STATION) ?? '');
  t.match(r, { ok: false, error: 'software' });
  if (!r.ok) {
    t.match(r.message, /niet de release 1\.4\.0 waarvoor het verkiezingspakket is goedgekeurd/);
    t.ok(r.message.includes(shortHash(changed)) && r.message.includes(shortHash(real)), 'names both hashes');
  }
  const after = rig.handle.core.snapshot();
  t.same(after.phase, before.phase, 'still locked, no password attempt spent');
  t.match(after.software, /NIET de vrijgegeven release 1\.4\.0/, 'the screen says so');
  t.ok(rig.log.some((e) => e.event === 'software-mismatch'));
});

t.test('the approved release opens, and the reports name it', async (t) => {
  const { real } = await bundles(t);
  const d = released(real);
  const rig = await startRig(t, { dirs: await sticksFor(t, d), organiserPublicKey: d.organiser.publicKey, software: real });
  t.match(await rig.handle.core.unlock(d.passwords.get(STATION) ?? ''), { ok: true });
  t.equal(rig.handle.core.snapshot().software, `${shortHash(real)} (release 1.4.0)`);
  const data = rig.handle.core.reportData();
  t.ok(data);
  if (data) t.match(JSON.stringify(buildReport('opening', data)), `${shortHash(real)} (release 1.4.0)`, 'the openingsrapport');
});

t.test('a package that names no release is a development package: it opens, and says so', async (t) => {
  const rig = await startRig(t);
  t.match(rig.handle.core.snapshot().software, /ONTWIKKELVERSIE/);
  t.match(await rig.handle.core.unlock(password()), { ok: true });
  const data = rig.handle.core.reportData();
  if (data) t.match(JSON.stringify(buildReport('opening', data)), /ONTWIKKELVERSIE, niet vrijgegeven voor een verkiezing/, 'on the openingsrapport');
});

t.test('before the sticks show the package, the screen shows the hash alone', async (t) => {
  const rig = await startRig(t, { dirs: { A: await tempDir(t, 'empty'), B: await tempDir(t, 'empty') } });
  t.equal(rig.handle.core.snapshot().software, shortHash(SOFTWARE));
});
