// Decree art. 4 §3 and art. 12: `hoofdbureau check` shows the console software recorded on a
// stick next to the release the election package names and warns when they differ; the
// hoofdbureau hashes its own software and prints it on its PV.
import t from 'tap';
import { join } from 'node:path';
import { sha256, shortHash, toHex, utf8 } from '@ovs/crypto';
import { softwareLine } from '@ovs/release';
import { pvDocument, pvText } from '../src/pv/pv-content.ts';
import { openHoofdbureau } from '../src/index.ts';
import { TEST_SOFTWARE } from '../src/testing/index.ts';
import { cli, day, demo, demoElection, tempDir, writePackageDir } from './support.ts';

const e = 'e'.repeat(64);
const OWN = sha256(utf8('the approved hoofdbureau bundle'));
const releasedFor = (console: Uint8Array) => ({ version: '1.4.0', commit: 'c'.repeat(40), manifest: 'd'.repeat(64), software: { stemcomputer: e, voorzitterscomputer: toHex(console), stembus: e, hoofdbureau: toHex(OWN) } });

async function checkWith(t: Parameters<typeof tempDir>[0], console: Uint8Array | undefined, boxSoftware?: Uint8Array) {
  const dir = join(await tempDir(t, 'pkg'), 'package');
  const election = console ? await writePackageDir(dir, demo(), { ...demo().election, release: releasedFor(console) }) : await demoElection(t);
  const d = await day(election, 1, 3, { seed: 'software', ...(boxSoftware ? { boxSoftware } : {}) });
  const stick = join(await tempDir(t, 'stick'), 'a');
  await d.sticks.a.dumpTo(stick);
  return { election, result: await cli(['check', stick, '--package', election.packageDir]) };
}

t.test('the stick\'s console software is the package\'s release: shown with its version', async (t) => {
  const { result } = await checkWith(t, TEST_SOFTWARE);
  t.equal(result.code, 0, result.stderr);
  t.ok(result.stdout.includes(`Software voorzitterscomputer: ${shortHash(TEST_SOFTWARE)} (release 1.4.0)`));
  t.notMatch(result.stdout + result.stderr, /WAARSCHUWING/);
});

t.test('another console software than the release: check shows both and warns', async (t) => {
  const approved = sha256(utf8('another console'));
  const { result } = await checkWith(t, approved);
  t.equal(result.code, 0, 'a warning, not a refusal: the hoofdbureau decides');
  t.ok(result.stdout.includes(`Software voorzitterscomputer: ${shortHash(TEST_SOFTWARE)} — NIET de vrijgegeven release 1.4.0 (${shortHash(approved)})`));
  t.match(result.stdout, /WAARSCHUWING: deze stick is geschreven door software die niet de release 1\.4\.0/);
  t.match(result.stderr, /WAARSCHUWING: de software op de stick/);
});

t.test('a development package: the stick says ONTWIKKELVERSIE', async (t) => {
  const { result } = await checkWith(t, undefined);
  t.match(result.stdout, /Software voorzitterscomputer: [0-9A-Z-]{19} — ONTWIKKELVERSIE/);
  t.match(result.stdout, /Software stembus: niet gemeld \(geen stembus gekoppeld\)/);
});

t.test('the box software a stick records: shown against the release, and a warning when it is not the release', async (t) => {
  const released = await checkWith(t, TEST_SOFTWARE, Buffer.from(e, 'hex'));
  t.ok(released.result.stdout.includes(`Software stembus: ${shortHash(Buffer.from(e, 'hex'))} (release 1.4.0)`), released.result.stdout);
  t.notMatch(released.result.stdout, /WAARSCHUWING/);
  const other = sha256(utf8('a box bundle with one byte changed'));
  const changed = await checkWith(t, TEST_SOFTWARE, other);
  t.ok(changed.result.stdout.includes(`Software stembus: ${shortHash(other)} — NIET de vrijgegeven release 1.4.0`));
  t.match(changed.result.stdout, /WAARSCHUWING: de stembus meldde software die niet de release 1\.4\.0/);
});

t.test('the hoofdbureau hashes its own software and prints it on its PV', async (t) => {
  const dir = join(await tempDir(t, 'pkg'), 'package');
  const election = await writePackageDir(dir, demo(), { ...demo().election, release: releasedFor(TEST_SOFTWARE) });
  const opened = await openHoofdbureau({ db: join(dir, 'hb.db'), packageDir: election.packageDir, workers: 0, software: OWN });
  if (!opened.ok) throw new Error(opened.message);
  t.teardown(() => opened.hoofdbureau.close());
  t.same(opened.hoofdbureau.software, { kind: 'release', version: '1.4.0', shortHash: shortHash(OWN) });
  const text = pvText(pvDocument(opened.hoofdbureau.results(), [], { software: softwareLine(opened.hoofdbureau.software) }));
  t.ok(text.includes(`software ${shortHash(OWN)} (release 1.4.0)`), 'in the PV');
  const running = await openHoofdbureau({ db: join(dir, 'hb2.db'), packageDir: election.packageDir, workers: 0 });
  if (!running.ok) throw new Error(running.message);
  t.teardown(() => running.hoofdbureau.close());
  t.equal(running.hoofdbureau.software.kind, 'mismatch', 'without a given hash it hashes its own bundle, which is not this made-up release');
});
