// The reader's ballot key (the hoofdbureau's key imported once) is @ovs/crypto's deriveSharedKey.
import t from 'tap';
import { agreementPublicKey, deriveSharedKey, generateAgreementKeyPair } from '@ovs/crypto';
import { BALLOT_KEY_INFO } from '../src/index.ts';
import { deriveBallotKey, hoofdbureauKey } from '../src/ballot-key.ts';

t.test('the same key as deriveSharedKey, the same refusals', (t) => {
  for (let i = 0; i < 20; i++) {
    const own = generateAgreementKeyPair();
    const peer = generateAgreementKeyPair();
    const k = hoofdbureauKey(own.privateKey);
    if (!k) {
      t.fail('a valid key');
      continue;
    }
    t.same(k.publicKey, agreementPublicKey(own.privateKey), 'its public key');
    t.same(deriveBallotKey(k, peer.publicKey, BALLOT_KEY_INFO), deriveSharedKey(own.privateKey, peer.publicKey, BALLOT_KEY_INFO), 'the ballot key');
    t.same(deriveBallotKey(k, peer.publicKey, 'other'), deriveSharedKey(own.privateKey, peer.publicKey, 'other'), 'another info');
  }
  const own = generateAgreementKeyPair();
  const k = hoofdbureauKey(own.privateKey)!;
  // Low-order points (the all-zero secret) and malformed keys.
  for (const peer of [new Uint8Array(32), Uint8Array.from([1, ...new Uint8Array(31)]), new Uint8Array(31), new Uint8Array(33)]) {
    t.equal(deriveSharedKey(own.privateKey, peer, BALLOT_KEY_INFO), undefined, 'deriveSharedKey refuses');
    t.equal(deriveBallotKey(k, peer, BALLOT_KEY_INFO), undefined, 'so does the reader');
  }
  t.equal(hoofdbureauKey(new Uint8Array(31)), undefined, 'a private key of the wrong length');
  t.end();
});
