import t from 'tap';
import { toBase64 } from '@ovs/crypto';
import { unsealStembureauKey, type ElectionPackage } from '../src/index.ts';
import { demo } from './support.ts';

t.test('the envelope password opens its own station key only', async (t) => {
  const d = demo();
  const ok = await unsealStembureauKey(d.election, 3, d.passwords.get(3)!);
  t.ok(ok.ok);
  if (ok.ok) t.equal(toBase64(ok.value.publicKey), d.election.pollingStations[2]!.stembureauKey.publicKey);
  const typed = d.passwords.get(3)!.toLowerCase().replace(/-/g, ' ');
  t.ok((await unsealStembureauKey(d.election, 3, typed)).ok, 'lower case with spaces is accepted');
  t.same(await unsealStembureauKey(d.election, 3, d.passwords.get(4)!), { ok: false, error: 'wrong-password' });
  t.same(await unsealStembureauKey(d.election, 3, 'abc'), { ok: false, error: 'malformed-password' });
  t.same(await unsealStembureauKey(d.election, 42, d.passwords.get(3)!), { ok: false, error: 'unknown-station' });
});

t.test('a tampered sealed key is reported as corrupt or wrong, never accepted', async (t) => {
  const d = demo();
  const pkg = JSON.parse(JSON.stringify(d.election)) as ElectionPackage;
  const sealed = pkg.pollingStations[2]!.stembureauKey.sealedPrivateKey;
  sealed.salt = 'AAAA';
  t.same(await unsealStembureauKey(pkg, 3, d.passwords.get(3)!), { ok: false, error: 'wrong-password' });
  sealed.salt = '!!';
  t.same(await unsealStembureauKey(pkg, 3, d.passwords.get(3)!), { ok: false, error: 'corrupt-key' });
  const swapped = JSON.parse(JSON.stringify(d.election)) as ElectionPackage;
  swapped.pollingStations[2]!.stembureauKey.publicKey = swapped.pollingStations[3]!.stembureauKey.publicKey;
  t.same(await unsealStembureauKey(swapped, 3, d.passwords.get(3)!), { ok: false, error: 'wrong-password' }, 'the public key is bound in the AEAD');
});
