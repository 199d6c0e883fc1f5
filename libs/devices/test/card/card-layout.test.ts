import t from 'tap';
import fc from 'fast-check';
import { encodeCardImage, encodeUsedMark, LAYOUT_BYTES, parseCardImage, parseUsed, USED_OFFSET } from '../../src/card/card-layout.ts';

function card(payload: Uint8Array, used = new Uint8Array(16).fill(0xff)): Uint8Array {
  const mem = new Uint8Array(2048).fill(0xff);
  mem.set(encodeCardImage(payload), 0);
  mem.set(used, USED_OFFSET);
  return mem;
}

t.test('golden header: a firmware or console developer can check these bytes', async (t) => {
  const img = encodeCardImage(Uint8Array.of(1, 2, 3));
  // "OVS1", version 1, 0, length 3, CRC-32(01 02 03) = 0x55BC801D, 4 x 0, payload, 0xFF padding.
  t.equal(Buffer.from(img.subarray(0, 19)).toString('hex'), '4f56533101000003' + '55bc801d' + '00000000' + '010203');
  t.ok(img.subarray(19).every((b) => b === 0xff));
  t.equal(LAYOUT_BYTES, 1072);
});

t.test('round trip for any payload of 1..1024 bytes (property)', async (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 1024 }), (p) => {
      const parsed = parseCardImage(card(p));
      return parsed.ok && Buffer.from(parsed.value.payload).equals(Buffer.from(p)) && parsed.value.used.kind === 'unused';
    }),
    { numRuns: 60 },
  );
  t.pass('property held');
});

t.test('any single damaged byte of header or payload is detected (property)', async (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (p, where, flip) => {
      const mem = card(p);
      const i = where % USED_OFFSET;
      mem[i] = (mem[i] ?? 0) ^ flip;
      return !parseCardImage(mem).ok;
    }),
    { numRuns: 200 },
  );
  t.pass('property held');
});

t.test('blank cards are named as such', async (t) => {
  t.same(parseCardImage(new Uint8Array(2048).fill(0xff)), { ok: false, error: 'blank' });
  t.same(parseCardImage(new Uint8Array(2048)), { ok: false, error: 'blank' });
  t.same(parseCardImage(new Uint8Array(100)), { ok: false, error: 'corrupt' }, 'too small for the layout');
});

t.test('used area: erased, marked, or anything else (which counts as used)', async (t) => {
  t.same(parseUsed(new Uint8Array(16).fill(0xff)), { kind: 'unused' });
  const mark = encodeUsedMark(Uint8Array.of(7, 7));
  t.same(parseUsed(mark), { kind: 'used', tag: Uint8Array.of(7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) });
  const torn = new Uint8Array(16).fill(0xff);
  torn.set(mark.subarray(0, 3), 0);
  t.same(parseUsed(torn), { kind: 'damaged' });
  const parsed = parseCardImage(card(Uint8Array.of(9), torn));
  t.ok(parsed.ok && parsed.value.used.kind === 'damaged');
  t.throws(() => encodeUsedMark(new Uint8Array(13)), RangeError);
  t.throws(() => encodeCardImage(new Uint8Array(1025)), RangeError);
  t.throws(() => encodeCardImage(new Uint8Array(0)), RangeError);
});
