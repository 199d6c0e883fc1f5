import t from 'tap';
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromBase64 } from '@ovs/crypto';
import { readPackageDir, unsealStembureauKey } from '../src/index.ts';

const run = promisify(execFile);
const bin = new URL('../bin/election.js', import.meta.url).pathname;

t.test('election demo writes a verifiable package, keys and envelopes', async (t) => {
  const dir = t.testdir();
  const out = join(dir, 'pkg');
  await run(process.execPath, [bin, 'demo', '--out', out, '--fast-kdf']);
  const organiser = fromBase64((await readFile(join(out, 'organiser.pub'), 'utf8')).trim())!;
  const r = await readPackageDir(out, organiser);
  t.ok(r.ok);
  const envelopes = await readdir(join(out, 'envelopes'));
  t.equal(envelopes.length, 12);
  const envelope = await readFile(join(out, 'envelopes', 'stembureau-005.txt'), 'utf8');
  t.match(envelope, /^Vlindermeer-005-Bergzicht\npaswoord: [0-9A-Z-]{24}\n$/);
  if (r.ok) {
    const password = /paswoord: (.*)/.exec(envelope)![1]!;
    t.ok((await unsealStembureauKey(r.value.election, 5, password)).ok, 'the envelope opens station 5');
  }
  const { stdout } = await run(process.execPath, [bin, 'verify', out, '--organiser-key', join(out, 'organiser.pub')]);
  t.match(stdout, /^GELDIG {2}Vlindermeer 2024-10-13 {2}hash [0-9A-Z-]{19}/);
});

t.test('verify exits 1 with the reason for a tampered package; bad usage exits 2', async (t) => {
  const dir = t.testdir();
  await run(process.execPath, [bin, 'demo', '--out', dir, '--fast-kdf']);
  const err = await run(process.execPath, [bin, 'verify', dir, '--organiser-key', join(dir, 'hoofdbureau.pub')]).catch((e: { code: number; stderr: string }) => e);
  t.equal((err as { code: number }).code, 1);
  t.match((err as { stderr: string }).stderr, /ONGELDIG \(bad-signature\)/);
  const usage = await run(process.execPath, [bin, 'demo']).catch((e: { code: number; stderr: string }) => e);
  t.equal((usage as { code: number }).code, 2);
  t.match((usage as { stderr: string }).stderr, /--out DIR ontbreekt/);
  const lang = await run(process.execPath, [bin, 'demo', '--out', dir, '--languages', 'nl,en']).catch((e: { code: number; stderr: string }) => e);
  t.equal((lang as { code: number }).code, 2);
});

t.test('readPackageDir reports a missing or damaged file by name', async (t) => {
  const dir = t.testdir({ 'election.json': '{}', 'election.sig': 'not base64!\n' });
  const r = await readPackageDir(dir, new Uint8Array(32));
  t.equal(r.ok ? 'ok' : r.error.code, 'bad-signature');
  const empty = t.testdir({});
  const r2 = await readPackageDir(empty, new Uint8Array(32));
  t.equal(r2.ok ? 'ok' : r2.error.path, 'election.json');
});
