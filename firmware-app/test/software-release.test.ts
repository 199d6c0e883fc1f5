// Decree art. 4 §3: a voting computer whose software is not the release the election package
// was approved for does not start (so it can never be activated); the approved one starts and
// its technician report names the release.
import t from 'tap';
import { sha256, shortHash, toHex, utf8 } from '@ovs/crypto';
import { generateDemoElection, verifyPackage } from '@ovs/election';
import { startVotingComputer } from '../src/index.ts';

const approved = sha256(utf8('the approved stemcomputer bundle'));
const d = generateDemoElection({
  scrypt: { N: 1024, r: 8, p: 1 },
  release: { version: '1.4.0', commit: 'c'.repeat(40), manifest: 'd'.repeat(64), software: { stemcomputer: toHex(approved), voorzitterscomputer: 'e'.repeat(64), stembus: 'e'.repeat(64), hoofdbureau: 'e'.repeat(64) } },
});
const verified = verifyPackage(d.bytes, d.signature, d.organiser.publicKey);
if (!verified.ok) throw new Error(verified.error.message);

t.test('another software hash than the package\'s release: the stemcomputer refuses to start, and says why', async (t) => {
  const other = sha256(utf8('one byte changed'));
  const r = await startVotingComputer({ verifiedPackage: verified.value, station: 1, software: other });
  t.match(r, { ok: false, error: { kind: 'software' } });
  if (!r.ok && r.error.kind === 'software') {
    t.match(r.error.message, /De software van deze stemcomputer .* is niet de release 1\.4\.0/);
    t.ok(r.error.message.includes(shortHash(other)) && r.error.message.includes(shortHash(approved)));
  }
});

t.test('the approved release starts', async (t) => {
  const r = await startVotingComputer({ verifiedPackage: verified.value, station: 1, software: approved });
  t.ok(r.ok);
  if (r.ok) await r.handle.stop();
});
