// A release built from a commit, twice, and verified from its source archive: true source
// accepted, a changed byte refused (decree art. 4 §3: the published code is what ran).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair, Signer, toBase64 } from '@ovs/crypto';
import { buildRelease, MANIFEST_FILE, verifyRelease } from '../src/build.ts';
import { RUNNING_ROOT } from '../src/files.ts';
import { main } from '../src/cli.ts';

const key = new Signer(generateSigningKeyPair().privateKey);
const work = mkdtempSync(join(tmpdir(), 'ovs-release-test-'));
t.teardown(() => execFileSync('rm', ['-rf', work]));

const a = join(work, 'a');
const b = join(work, 'b');
const first = await buildRelease({ repo: RUNNING_ROOT, commit: 'HEAD', out: a, releaseKey: key });
const second = await buildRelease({ repo: RUNNING_ROOT, commit: 'HEAD', out: b, releaseKey: key });
const archive = (dir: string) => join(dir, 'source', readdirSync(join(dir, 'source'))[0]!);

t.test('the release of the same commit built twice is byte-identical', (t) => {
  t.ok(first.ok && second.ok);
  t.same(readFileSync(join(a, MANIFEST_FILE)), readFileSync(join(b, MANIFEST_FILE)), 'manifest.json');
  t.same(readFileSync(archive(a)), readFileSync(archive(b)), 'the source archive');
  for (const role of ['stemcomputer', 'voorzitterscomputer', 'stembus', 'hoofdbureau']) {
    t.same(readFileSync(join(a, 'images', `${role}.sha256`)), readFileSync(join(b, 'images', `${role}.sha256`)), `the image layer of ${role}`);
  }
  t.end();
});

t.test('each bundle holds its app, its libraries and the lockfile, and no test', (t) => {
  if (!first.ok) return t.end();
  const paths = (role: string) => first.value.manifest.roles.find((r) => r.role === role)!.files.map((f) => f.path);
  t.ok(paths('stemcomputer').includes('firmware-app/src/index.ts'));
  t.ok(paths('stemcomputer').includes('package-lock.json'));
  t.notOk(paths('stemcomputer').some((p) => p.startsWith('president-console/')), 'the stemcomputer does not carry the console');
  t.notOk(paths('stembus').some((p) => p.startsWith('president-console/')), 'a development dependency stays off the device');
  t.notOk(paths('hoofdbureau').some((p) => /(^|\/)test\//.test(p)), 'no test goes onto a device');
  t.end();
});

t.test('release verify accepts the true source archive', async (t) => {
  const r = await verifyRelease(archive(a), readFileSync(join(a, MANIFEST_FILE)));
  t.ok(r.ok);
  if (r.ok) {
    t.same(r.value.differences, []);
    t.ok(r.value.sameArchive);
  }
  const pub = join(work, 'release.pub');
  writeFileSync(pub, toBase64(key.publicKey) + '\n');
  t.equal(await main(['verify', archive(a), join(a, MANIFEST_FILE), '--release-key', pub]), 0);
});

t.test('release verify refuses a source archive with one changed byte, and names the file', async (t) => {
  const x = join(work, 'x');
  execFileSync('mkdir', ['-p', x]);
  execFileSync('tar', ['-xzf', archive(a), '-C', x]);
  const top = readdirSync(x)[0]!;
  appendFileSync(join(x, top, 'ballot-box/src/index.ts'), ' ');
  const modified = join(work, 'modified.tar.gz');
  execFileSync('tar', ['-czf', modified, '-C', x, top]);
  const r = await verifyRelease(modified, readFileSync(join(a, MANIFEST_FILE)));
  t.ok(r.ok);
  if (r.ok) {
    t.same(r.value.differences.map((d) => `${d.kind} ${d.role} ${d.path}`), ['changed stembus ballot-box/src/index.ts']);
    t.notOk(r.value.sameArchive);
  }
  t.equal(await main(['verify', modified, join(a, MANIFEST_FILE)]), 1);
});

t.test('release verify refuses a manifest signed by another key, and bad input', async (t) => {
  const other = join(work, 'other.pub');
  writeFileSync(other, toBase64(generateSigningKeyPair().publicKey) + '\n');
  t.equal(await main(['verify', archive(a), join(a, MANIFEST_FILE), '--release-key', other]), 1);
  t.equal(await main(['verify', join(work, 'nothing.tar.gz'), join(a, MANIFEST_FILE)]), 1);
  t.equal(await main(['verify', archive(a)]), 2);
});
