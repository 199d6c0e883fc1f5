import t from 'tap';
import fc from 'fast-check';
import {
  aeadOpen,
  aeadSeal,
  deriveSharedKey,
  generateAgreementKeyPair,
  agreementPublicKey,
  openRandomNonce,
  sealRandomNonce,
  randomBytes,
} from '../src/index.ts';

t.test('X25519 + HKDF: both sides derive the same key, bound to the info label', (t) => {
  const a = generateAgreementKeyPair();
  const b = generateAgreementKeyPair();
  t.same(agreementPublicKey(a.privateKey), a.publicKey);
  const k1 = deriveSharedKey(a.privateKey, b.publicKey, 'ballots');
  const k2 = deriveSharedKey(b.privateKey, a.publicKey, 'ballots');
  t.ok(k1);
  t.same(k1, k2);
  t.notSame(deriveSharedKey(a.privateKey, b.publicKey, 'other'), k1);
  t.end();
});

t.test('low-order and malformed peer keys are refused', (t) => {
  const a = generateAgreementKeyPair();
  t.equal(deriveSharedKey(a.privateKey, new Uint8Array(32), 'x'), undefined, 'all-zero point');
  t.equal(deriveSharedKey(a.privateKey, new Uint8Array(31), 'x'), undefined, 'short');
  t.end();
});

t.test('AEAD round trip, and any change is detected', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.uint8Array({ maxLength: 16 }), fc.nat(), (plain, aad, flip) => {
      const key = randomBytes(32);
      const sealed = sealRandomNonce(key, plain, aad);
      const opened = openRandomNonce(key, sealed, aad);
      if (!opened || Buffer.compare(Buffer.from(opened), Buffer.from(plain)) !== 0) return false;
      const bad = new Uint8Array(sealed);
      const bit = flip % (bad.length * 8);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      return openRandomNonce(key, bad, aad) === undefined;
    }),
    { numRuns: 300 },
  );
  t.end();
});

t.test('wrong key, wrong aad, truncated records all fail as undefined', (t) => {
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  const sealed = aeadSeal(key, nonce, new Uint8Array([1, 2, 3]), new Uint8Array([9]));
  t.ok(aeadOpen(key, nonce, sealed, new Uint8Array([9])));
  t.equal(aeadOpen(randomBytes(32), nonce, sealed, new Uint8Array([9])), undefined);
  t.equal(aeadOpen(key, nonce, sealed, new Uint8Array([8])), undefined);
  t.equal(aeadOpen(key, nonce, sealed.subarray(0, 10)), undefined);
  t.equal(aeadOpen(key, nonce.subarray(0, 8), sealed), undefined);
  t.equal(openRandomNonce(key, new Uint8Array(5)), undefined);
  t.end();
});
