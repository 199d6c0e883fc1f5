import t from 'tap';
import fc from 'fast-check';
import { fromBase64, fromHex, shortHash, sha256, toBase32, toBase64, toHex, utf8 } from '../src/index.ts';

t.test('base64 and hex are strict and round-trip', (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => Buffer.compare(Buffer.from(fromBase64(toBase64(b))!), Buffer.from(b)) === 0));
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => Buffer.compare(Buffer.from(fromHex(toHex(b))!), Buffer.from(b)) === 0));
  t.equal(fromBase64('AB$='), undefined);
  t.equal(fromBase64('QUJD\n'), undefined);
  t.equal(fromBase64('QUI'), undefined, 'missing padding');
  t.equal(fromHex('abc'), undefined);
  t.equal(fromHex('ABCD'), undefined, 'upper case is not canonical');
  t.end();
});

t.test('base32 and the short hash', (t) => {
  t.equal(toBase32(new Uint8Array([0xff, 0xff]), 3), 'ZZZ');
  t.equal(toBase32(new Uint8Array([0, 0]), 3), '000');
  t.throws(() => toBase32(new Uint8Array([1]), 3));
  const h = shortHash(sha256(utf8('Vlindermeer')));
  t.match(h, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  t.not(h, shortHash(sha256(utf8('Vlindermeer '))));
  t.end();
});
