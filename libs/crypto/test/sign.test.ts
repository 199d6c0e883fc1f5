import t from 'tap';
import fc from 'fast-check';
import { generateSigningKeyPair, Signer, Verifier, withDomain, utf8 } from '../src/index.ts';

t.test('Ed25519: a signature verifies under its key only', (t) => {
  const a = generateSigningKeyPair();
  const b = generateSigningKeyPair();
  const signer = new Signer(a.privateKey);
  t.same(signer.publicKey, a.publicKey, 'public key derived from the seed');
  const msg = utf8('stembiljet');
  const sig = signer.sign(msg);
  t.equal(sig.length, 64);
  t.ok(Verifier.from(a.publicKey)?.verify(msg, sig));
  t.notOk(Verifier.from(b.publicKey)?.verify(msg, sig), 'other key');
  t.notOk(Verifier.from(a.publicKey)?.verify(utf8('stembiljef'), sig), 'other message');
  t.notOk(Verifier.from(a.publicKey)?.verify(msg, sig.subarray(0, 63)), 'short signature');
  t.end();
});

t.test('RFC 8032 test vector 1 (empty message)', (t) => {
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const signer = new Signer(new Uint8Array(seed));
  t.equal(Buffer.from(signer.publicKey).toString('hex'), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  t.equal(
    Buffer.from(signer.sign(new Uint8Array(0))).toString('hex'),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  );
  t.end();
});

t.test('Verifier.from rejects malformed public keys without throwing', (t) => {
  t.equal(Verifier.from(new Uint8Array(31)), undefined);
  t.equal(Verifier.from(new Uint8Array(33)), undefined);
  t.end();
});

t.test('every single-bit flip of a signature is rejected', (t) => {
  const kp = generateSigningKeyPair();
  const signer = new Signer(kp.privateKey);
  const verifier = Verifier.from(kp.publicKey)!;
  const msg = utf8('vote');
  const sig = signer.sign(msg);
  for (let bit = 0; bit < sig.length * 8; bit++) {
    const bad = new Uint8Array(sig);
    bad[bit >> 3]! ^= 1 << (bit & 7);
    if (verifier.verify(msg, bad)) t.fail(`flip of bit ${bit} accepted`);
  }
  t.pass('512 flips rejected');
  t.end();
});

t.test('domain separation changes the signed bytes', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
      const a = withDomain('ballot', data);
      const b = withDomain('card', data);
      return Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0;
    }),
  );
  t.end();
});
