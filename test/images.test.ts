// The OS image recipes (images/) cannot be built in CI (that needs a Debian build host with
// mkosi and root), so this checks what can go wrong silently: a missing piece of a recipe, a
// unit that starts an entry point that no longer exists, a device configuration that a driver
// factory would refuse, or a setting that would let an election day reach the disk.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair, Signer } from '@ovs/crypto';
import { buildRelease } from '../libs/release/src/build.ts';
import { parseConfig as parseStemcomputerConfig } from '../firmware-app/src/config.ts';

const root = new URL('..', import.meta.url).pathname;
const images = join(root, 'images');
const roles = ['stemcomputer', 'voorzitterscomputer', 'stembus', 'hoofdbureau'];
const read = (...p: string[]) => readFileSync(join(images, ...p), 'utf8');

t.test('the base keeps logs in RAM, core dumps off, and no SSH server', (t) => {
  t.match(read('base/mkosi.extra/etc/systemd/journald.conf.d/10-volatile.conf'), /^Storage=volatile$/m);
  t.match(read('base/mkosi.extra/etc/systemd/coredump.conf.d/10-off.conf'), /^Storage=none$/m);
  t.match(read('base/mkosi.extra/etc/sysctl.d/10-ovs.conf'), /^vm\.swappiness=0$/m);
  const conf = read('base/mkosi.conf');
  t.match(conf, /^Release=trixie$/m, 'Debian 13 ships Node.js 20');
  t.match(conf, /^Verity=signed$/m);
  t.match(conf, /RemovePackages=\s*\n\s*openssh-server/);
  t.match(read('base/mkosi.build'), /npm ci .*--omit=dev/);
  t.match(read('base/mkosi.build'), /^cp -R \.release\/bundle\/\. "\$DESTDIR\/opt\/ovs\/"$/m, '/opt/ovs is exactly the bundle of the release manifest');
  t.match(conf, /^Seed=[0-9a-f-]{36}$/m, 'partition UUIDs from a fixed seed: two builds of a commit are equal');
  t.end();
});

for (const role of roles) {
  t.test(`${role}: recipe, unit and configuration fit the repository`, (t) => {
    t.match(read(role, 'mkosi.conf'), /^Include=\.\.\/base$/m);
    const unit = read(role, 'mkosi.extra/etc/systemd/system/ovs-app.service');
    const exec = /^ExecStart=\/usr\/bin\/node \/opt\/ovs\/(\S+)(.*)$/m.exec(unit);
    t.ok(exec, 'ExecStart runs node on an entry point under /opt/ovs');
    const entry = exec?.[1] ?? '';
    t.ok(existsSync(join(root, entry)), `${entry} exists in the repository`);
    const configPath = /(\/etc\/ovs\/\S+\.json)/.exec(exec?.[2] ?? '')?.[1];
    if (configPath) {
      const text = read(role, 'mkosi.extra', configPath);
      const config = JSON.parse(text) as Record<string, unknown>;
      const devices = (config.devices ?? { cardWriter: config.cardWriter, printer: config.printer }) as Record<string, { kind: string }>;
      for (const [name, device] of Object.entries(devices)) t.not(device.kind, 'simulated', `${name} uses a real driver on the device`);
      if (role === 'stemcomputer') {
        // The installer replaces the placeholder with the pinned organiser key; the rest must parse.
        const withKey = text.replace(/REPLACE-WITH-THE-ORGANISER-PUBLIC-KEY-BASE64=/, Buffer.alloc(32, 7).toString('base64'));
        const parsed = parseStemcomputerConfig(withKey);
        t.ok(parsed.ok, parsed.ok ? 'accepted by firmware-app/src/config.ts' : parsed.message);
      }
      if (role === 'voorzitterscomputer') t.same(config.sticks, { kind: 'mount-points', A: '/media/ovs/stick-a', B: '/media/ovs/stick-b' }, 'the sticks where the mount units put them');
    } else {
      t.match(exec?.[2] ?? '', /--package \S+/, 'the election package is named on the command line');
    }
    t.match(unit, /^LimitCORE=0$/m);
    t.match(unit, /^NoNewPrivileges=yes$/m);
    if (role !== 'hoofdbureau') {
      const kiosk = read(role, 'mkosi.extra/etc/systemd/system/ovs-kiosk.service');
      t.match(kiosk, /--incognito/);
      t.match(kiosk, /--disable-background-networking/);
      t.match(kiosk, /--user-data-dir=\/run\//, 'browser profile in RAM');
    }
    t.end();
  });
}

t.test('the console mounts both sticks synchronously, by port', (t) => {
  const dir = join(images, 'voorzitterscomputer/mkosi.extra/etc/systemd/system');
  const mounts = readdirSync(dir).filter((f) => f.endsWith('.mount')).sort();
  t.same(mounts, ['media-ovs-stick\\x2da.mount', 'media-ovs-stick\\x2db.mount']);
  for (const m of mounts) t.match(readFileSync(join(dir, m), 'utf8'), /^Options=rw,sync,dirsync/m);
  t.match(read('voorzitterscomputer/mkosi.extra/etc/udev/rules.d/70-ovs-sticks.rules'), /SYMLINK\+="ovs-stick-a"[\s\S]*SYMLINK\+="ovs-stick-b"/);
  t.end();
});

t.test('images/build-image.sh --app-layer builds the app layer of a release, twice the same, as the release lists it', async (t) => {
  // The full image needs mkosi, root and loop devices (images/README.md); the app layer builds anywhere.
  const work = mkdtempSync(join(tmpdir(), 'ovs-image-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const built = await buildRelease({ repo: root, commit: 'HEAD', out: join(work, 'release'), releaseKey: new Signer(generateSigningKeyPair().privateKey) });
  t.ok(built.ok);
  const layers = ['one', 'two'].map((n) => {
    execFileSync(join(images, 'build-image.sh'), ['--app-layer', 'stembus', join(work, 'release'), join(work, n)], { stdio: 'pipe' });
    return readFileSync(join(work, n, 'app-layer.sha256'), 'utf8');
  });
  t.equal(layers[0], layers[1], 'two builds, one manifest');
  t.equal(layers[0], readFileSync(join(work, 'release', 'images', 'stembus.sha256'), 'utf8'));
  t.match(layers[0], /^[0-9a-f]{64} {2}opt\/ovs\/ballot-box\/src\/index\.ts$/m);
  t.match(layers[0], /^[0-9a-f]{64} {2}etc\/systemd\/system\/ovs-app\.service$/m);
});
