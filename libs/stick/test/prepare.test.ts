import t from 'tap';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Signer, toBase64 } from '@ovs/crypto';
import { createNodeStickIo, FILES, prepareStick, writePackageDir } from '../src/index.ts';
import { runCli } from '../src/cli.ts';
import { createNearlyFullIo, createReadOnlyIo } from '../src/testing/index.ts';
import { demo, openPair, preparedStick, tempDir } from './support.ts';

const d = demo();
const options = { packageBytes: d.bytes, packageSignature: d.signature, organiserPublicKey: d.organiser.publicKey, station: 3 };

t.test('a prepared stick: package, zeroed slot file, label last', async (t) => {
  const dir = await tempDir(t);
  const r = await prepareStick(dir, options);
  t.ok(r.ok);
  if (!r.ok) return;
  t.equal(r.value.capacity, Math.max(1024, 2 * (d.election.pollingStations.find((s) => s.number === 3)?.registeredVoters ?? 0)));
  t.equal(r.value.slotSize, 256, 'Vlindermeer ballots (98 bytes signed) fit 256-byte slots');
  t.same((await readdir(dir)).sort(), [FILES.slots, FILES.packageJson, FILES.packageSig, FILES.label].sort());
  t.same(new Uint8Array(await readFile(join(dir, FILES.packageJson))), d.bytes);
  const other = await tempDir(t);
  await prepareStick(other, options);
  for (const f of await readdir(dir)) t.same(await readFile(join(dir, f)), await readFile(join(other, f)), `${f}: the same bytes on every stick of the station`);
});

t.test('every bad input gets its own error and changes nothing', async (t) => {
  const dir = await tempDir(t);
  const tampered = new Uint8Array(d.bytes);
  tampered[50] = (tampered[50] as number) ^ 1;
  const cases = [
    [{ ...options, packageBytes: tampered }, 'package-invalid'],
    [{ ...options, organiserPublicKey: new Signer(new Uint8Array(32).fill(1)).publicKey }, 'package-invalid'],
    [{ ...options, station: 77 }, 'unknown-station'],
    [{ ...options, capacity: 0 }, 'bad-capacity'],
  ] as const;
  for (const [o, code] of cases) {
    const r = await prepareStick(dir, o);
    t.equal(r.ok ? 'ok' : r.error.code, code);
  }
  t.same(await readdir(dir), [], 'nothing written');

  const ro = await prepareStick(createReadOnlyIo(createNodeStickIo(dir)), options);
  t.equal(ro.ok ? 'ok' : ro.error.code, 'io');
  t.match(ro.ok ? '' : ro.error.message, /alleen-lezen/);
  const full = await prepareStick(createNearlyFullIo(createNodeStickIo(dir), 100_000), options);
  t.equal(full.ok ? 'ok' : full.error.code, 'full');
  t.same(await readdir(dir), [], 'still nothing written');
});

t.test('a used stick is never wiped', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b);
  await pair.release();
  const before = await readFile(join(a, FILES.sessionJson));
  const r = await prepareStick(a, options);
  t.equal(r.ok ? 'ok' : r.error.code, 'not-blank');
  t.same(await readFile(join(a, FILES.sessionJson)), before);
});

t.test('the command line prepares and verifies', async (t) => {
  const pkgDir = await tempDir(t, 'pkg');
  await writePackageDir(pkgDir, d.bytes, d.signature);
  const s1 = await tempDir(t);
  const s2 = await tempDir(t);
  const key = toBase64(d.organiser.publicKey);
  const prepared = await runCli(['prepare', '--package', pkgDir, '--station', '3', '--capacity', '100', '--organiser-key', key, s1, s2]);
  t.equal(prepared.code, 0, prepared.stderr.join('\n'));
  t.equal(prepared.stdout.length, 2);
  const pair = await openPair(s1, s2);
  await pair.appendEvent({ type: 'voting-opened' });
  await pair.close({ annulledBallots: 0, testBallots: 0 });
  await pair.release();
  const keyFile = join(pkgDir, 'hoofdbureau.key');
  await writeFile(keyFile, toBase64(d.hoofdbureau.privateKey));
  const verified = await runCli(['verify', '--organiser-key', key, '--hoofdbureau-key', keyFile, s1]);
  t.equal(verified.code, 0, verified.stderr.join('\n'));
  t.match(verified.stdout.join('\n'), /Controlecode stembiljetten: [0-9A-Z]{4}-/);
  const json = await runCli(['verify', '--organiser-key', key, '--json', s2]);
  t.equal((JSON.parse(json.stdout[0] ?? '{}') as { registeredBallots: number }).registeredBallots, 0);
  const bad = await runCli(['verify', '--organiser-key', key, pkgDir]);
  t.equal(bad.code, 1);
  t.match(bad.stderr[0], /^ONGELDIG — OVS-STICK\.json/);
  const badJson = await runCli(['verify', '--organiser-key', key, '--json', pkgDir]);
  t.match(JSON.parse(badJson.stdout[0] ?? '{}'), { ok: false, problem: { code: 'missing-file', file: 'OVS-STICK.json' } }, 'verify --json keeps its shape: { ok, problem }');
  t.equal((await runCli(['verify', s1])).code, 2, 'no key: usage error');
  t.equal((await runCli(['frobnicate'])).code, 2);
});
