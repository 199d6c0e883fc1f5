import t from 'tap';
import {
  canonicalEnvelopePassword,
  deriveKeyFromPassword,
  deriveKeyFromPasswordSync,
  ENVELOPE_SCRYPT,
  generateEnvelopePassword,
  utf8,
} from '../src/index.ts';

t.test('scrypt matches RFC 7914 §12 test vector 3', (t) => {
  const key = deriveKeyFromPasswordSync('pleaseletmein', utf8('SodiumChloride'), { N: 16384, r: 8, p: 1 }, 64);
  t.equal(
    Buffer.from(key).toString('hex'),
    '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
  );
  t.end();
});

t.test('the envelope parameters are the stated ones and run within their memory bound', async (t) => {
  t.same(ENVELOPE_SCRYPT, { N: 131072, r: 8, p: 1 }, 'N = 2^17, r = 8, p = 1 (128 MiB)');
  const salt = utf8('0123456789abcdef');
  const a = await deriveKeyFromPassword('7KQ2-M9XF-3BZP-W4HD-8RTE', salt, ENVELOPE_SCRYPT);
  const b = deriveKeyFromPasswordSync('7KQ2-M9XF-3BZP-W4HD-8RTE', salt, ENVELOPE_SCRYPT);
  t.equal(a.length, 32);
  t.same(a, b, 'async and sync agree');
});

t.test('out-of-range parameters are refused', async (t) => {
  t.throws(() => deriveKeyFromPasswordSync('x', new Uint8Array(16), { N: 1000, r: 8, p: 1 }));
  await t.rejects(deriveKeyFromPassword('x', new Uint8Array(16), { N: 2 ** 21, r: 8, p: 1 }));
});

t.test('envelope passwords: 20 base32 characters, typos normalised or refused', (t) => {
  const pw = generateEnvelopePassword();
  t.match(pw, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  t.equal(canonicalEnvelopePassword(pw.toLowerCase().replace(/-/g, ' ')), pw, 'lower case and spaces');
  t.equal(canonicalEnvelopePassword('7KQ2-M9XF-3BZP-W4HD-8RTO'), '7KQ2-M9XF-3BZP-W4HD-8RT0', 'O read as zero');
  t.equal(canonicalEnvelopePassword('7KQ2-M9XF-3BZP-W4HD'), undefined, 'too short');
  t.equal(canonicalEnvelopePassword('7KQ2-M9XF-3BZP-W4HD-8RTU'), undefined, 'U is not in the alphabet');
  t.end();
});
