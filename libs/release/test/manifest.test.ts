// The pure parts of a release: the canonical hash of a file list, the manifest's strict
// decoder, the comparison of rebuilt bundles and the device's check against the package.
import t from 'tap';
import { generateSigningKeyPair, Signer, toHex, utf8, sha256 } from '@ovs/crypto';
import {
  bundleHash, checkSoftware, compareBundles, fileHash, listing, parseManifest, refusal, roleBundle, roleFolders, serialiseManifest,
  signManifest, softwareLine, verifyManifestSignature, ROLES, MANIFEST_FORMAT, type ReleaseManifest, type Role, type FileHash,
} from '../src/index.ts';

const files = (tag: string): FileHash[] => [fileHash('package.json', utf8(`{"v":"${tag}"}`)), fileHash('libs/crypto/src/hash.ts', utf8('export {};\n'))];
const manifest = (): ReleaseManifest => ({
  format: MANIFEST_FORMAT,
  version: '1.2.3',
  commit: 'a'.repeat(40),
  source: { file: 'ovs-1.2.3-aaaaaaaaaaaa.tar.gz', sha256: 'b'.repeat(64) },
  roles: ROLES.map((r) => roleBundle(r, files(r))),
});

t.test('the bundle hash is SHA-256 of the sha256sum listing sorted by path (recomputable with coreutils)', (t) => {
  const f = files('x');
  t.equal(listing(f), `${f[1]!.sha256}  libs/crypto/src/hash.ts\n${f[0]!.sha256}  package.json\n`);
  t.same(bundleHash(f), sha256(utf8(listing(f))));
  t.same(bundleHash([...f].reverse()), bundleHash(f), 'the order of reading does not matter');
  t.end();
});

t.test('a changed byte in any file changes the hash of its bundle', (t) => {
  const bytes = utf8('export const x = 1;\n');
  const before = bundleHash([fileHash('a.ts', bytes)]);
  for (let i = 0; i < bytes.length; i++) {
    const changed = new Uint8Array(bytes);
    changed[i]! ^= 1;
    t.not(toHex(bundleHash([fileHash('a.ts', changed)])), toHex(before), `byte ${i}`);
  }
  t.not(toHex(bundleHash([fileHash('b.ts', bytes)])), toHex(before), 'a renamed file too');
  t.end();
});

t.test('the manifest reads back as written, and the release key signature covers every byte', (t) => {
  const bytes = serialiseManifest(manifest());
  const parsed = parseManifest(bytes);
  t.ok(parsed.ok);
  if (parsed.ok) t.same(serialiseManifest(parsed.value), bytes);
  const key = generateSigningKeyPair();
  const sig = signManifest(bytes, new Signer(key.privateKey));
  t.ok(verifyManifestSignature(bytes, sig, key.publicKey));
  const changed = new Uint8Array(bytes);
  changed[100]! ^= 1;
  t.notOk(verifyManifestSignature(changed, sig, key.publicKey));
  t.notOk(verifyManifestSignature(bytes, sig, generateSigningKeyPair().publicKey), 'another key');
  t.end();
});

t.test('the decoder refuses a manifest whose role hash does not match its files, or that is malformed', (t) => {
  const good = JSON.parse(new TextDecoder().decode(serialiseManifest(manifest()))) as Record<string, unknown> & { roles: { sha256: string; files: FileHash[] }[] };
  const cases: [string, (m: typeof good) => void, RegExp][] = [
    ['a file hash changed', (m) => (m.roles[1]!.files[0]!.sha256 = 'c'.repeat(64)), /roles\[1\]\.sha256 is niet de hash/],
    ['a role left out', (m) => m.roles.pop(), /4 rollen/],
    ['a path with ..', (m) => (m.roles[0]!.files[0]!.path = '../etc/passwd'), /gewoon relatief pad/],
    ['files out of order', (m) => m.roles[0]!.files.reverse(), /volgorde/],
    ['an extra field', (m) => ((m as Record<string, unknown>).extra = 1), /precies/],
    ['a short commit', (m) => (m.commit = 'abc'), /commit/],
  ];
  for (const [name, change, message] of cases) {
    const m = structuredClone(good);
    change(m);
    const r = parseManifest(utf8(JSON.stringify(m)));
    t.notOk(r.ok, name);
    if (!r.ok) t.match(r.error.message, message, name);
  }
  const notJson = parseManifest(utf8('{'));
  t.equal(notJson.ok ? '' : notJson.error.code, 'unreadable');
  t.end();
});

t.test('compareBundles names every changed, missing and extra file with its role', (t) => {
  const m = manifest();
  const rebuilt = Object.fromEntries(ROLES.map((r) => [r, files(r)])) as Record<Role, FileHash[]>;
  t.ok(compareBundles(m, rebuilt).ok);
  rebuilt.stembus = [fileHash('package.json', utf8('{"v":"other"}')), fileHash('libs/new.ts', utf8(''))];
  const r = compareBundles(m, rebuilt);
  t.notOk(r.ok);
  if (!r.ok) t.same(r.error.map((d) => `${d.kind} ${d.role} ${d.path}`).sort(), ['changed stembus package.json', 'extra stembus libs/new.ts', 'missing stembus libs/crypto/src/hash.ts']);
  t.end();
});

t.test('a role takes its app and the run-time closure of its workspace packages, never a development dependency', (t) => {
  const packages = new Map([
    ['@ovs/ballot-box', { dir: 'ballot-box', dependencies: ['@ovs/link'] }],
    ['@ovs/link', { dir: 'libs/link', dependencies: ['@ovs/crypto'] }],
    ['@ovs/crypto', { dir: 'libs/crypto', dependencies: [] }],
    ['@ovs/president-console', { dir: 'president-console', dependencies: ['@ovs/link'] }],
  ]);
  t.same(roleFolders('stembus', packages), ['ballot-box', 'libs/crypto', 'libs/link']);
  t.end();
});

t.test('a device compares its hash with the release the election package was approved for', (t) => {
  const hash = bundleHash(files('console'));
  const release = { version: '1.2.3', commit: 'a'.repeat(40), manifest: 'b'.repeat(64), software: Object.fromEntries(ROLES.map((r) => [r, toHex(bundleHash(files(r)))])) as Record<Role, string> };
  t.equal(checkSoftware('voorzitterscomputer', hash, { ...release, software: { ...release.software, voorzitterscomputer: toHex(hash) } }).kind, 'release');
  const mismatch = checkSoftware('voorzitterscomputer', hash, release);
  t.equal(mismatch.kind, 'mismatch');
  t.match(refusal('voorzitterscomputer', mismatch) ?? '', /niet de release 1\.2\.3 waarvoor het verkiezingspakket is goedgekeurd/);
  t.match(softwareLine(mismatch), /NIET de vrijgegeven release 1\.2\.3/);
  const dev = checkSoftware('voorzitterscomputer', hash, undefined);
  t.equal(dev.kind, 'development');
  t.equal(refusal('voorzitterscomputer', dev), undefined, 'a development package opens, flagged');
  t.match(softwareLine(dev), /ONTWIKKELVERSIE/);
  t.end();
});
