// Seed 002 III.6: the witnesses' remarks after closing, as a signed record of its own on both
// sticks (addendum.json, addendum.sig): bound to the closing record, only growing, reconciled
// like every other record (a remark on one stick only is completed on the other; two different
// versions are a conflict, never merged), strictly decoded.
import t from 'tap';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeAddendum, FILES, openStickPair, verifyStick } from '../src/index.ts';
import { castBallots, demo, openPair, pairOptions, preparedStick } from './support.ts';

const remark = (text: string) => ({ at: '2024-10-13T13:05:00.000Z', witness: 'Hilde Willems', list: 'lijst 1', text });

t.test('seed 002 III.6: remarks after closing on both sticks, checked by verify, completed from one stick, a conflict refused', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b);
  await pair.appendEvent({ type: 'voting-opened' });
  await castBallots(pair, 3);
  t.ok((await pair.close({ annulledBallots: 0, testBallots: 0 })).ok);
  t.match(await pair.addRemark(remark('Eerste opmerking.')), { ok: true });
  const firstVersion = { json: await readFile(join(b, FILES.addendumJson)), sig: await readFile(join(b, FILES.addendumSig)) };
  t.match(await pair.addRemark(remark('Tweede opmerking.')), { ok: true });
  await pair.release();
  const d = demo();
  for (const dir of [a, b]) {
    const v = await verifyStick(dir, { organiserPublicKey: d.organiser.publicKey });
    t.ok(v.ok && v.value.remarks.length === 2, 'both remarks verified');
  }

  // Stick B as it was after the first remark (a crash between A and B): completed at the next opening.
  await writeFile(join(b, FILES.addendumSig), firstVersion.sig);
  await writeFile(join(b, FILES.addendumJson), firstVersion.json);
  const again = await openPair(a, b);
  t.same(again.remarks.map((r) => r.text), ['Eerste opmerking.', 'Tweede opmerking.']);
  await again.release();
  t.same(await readFile(join(b, FILES.addendumJson)), await readFile(join(a, FILES.addendumJson)), 'stick B completed');

  // Two versions that do not extend each other (each stick written with another copy): a conflict, never merged.
  const copyOf = async (dir: string): Promise<string> => {
    const c = await preparedStick(t);
    for (const f of Object.values(FILES)) await copyFile(join(dir, f), join(c, f)).catch(() => undefined);
    return c;
  };
  const withA = await openPair(a, await copyOf(a));
  t.ok((await withA.addRemark(remark('Alleen op A.'))).ok);
  await withA.release();
  const withB = await openPair(b, await copyOf(b));
  t.ok((await withB.addRemark(remark('Alleen op B.'))).ok);
  await withB.release();
  const conflict = await openStickPair(await pairOptions(a, b));
  t.match(conflict, { ok: false, error: { code: 'conflict', message: /verschillende opmerkingen van getuigen/ } });
});

t.test('the addendum is decoded strictly', async (t) => {
  const ok = new TextEncoder().encode(JSON.stringify({ format: 'ovs-stick-addendum/1', station: 3, packageHash: '0'.repeat(64), sessionId: '0'.repeat(32), closingHash: '0'.repeat(64), remarks: [remark('x')] }));
  t.ok(decodeAddendum(ok).ok);
  const bad = (o: Record<string, unknown>) => decodeAddendum(new TextEncoder().encode(JSON.stringify({ format: 'ovs-stick-addendum/1', station: 3, packageHash: '0'.repeat(64), sessionId: '0'.repeat(32), closingHash: '0'.repeat(64), remarks: [remark('x')], ...o })));
  t.match(bad({ remarks: [] }), { ok: false, error: { field: 'remarks' } }, 'no empty addendum');
  t.match(bad({ remarks: [{ ...remark('x'), extra: 1 }] }), { ok: false });
  t.match(bad({ remarks: [{ ...remark(' '), text: ' ' }] }), { ok: false, error: { why: /zonder getuige of zonder tekst/ } });
  t.match(bad({ closingHash: 'zz' }), { ok: false, error: { field: 'closingHash' } });
  t.match(bad({ format: 'ovs-stick-addendum/2' }), { ok: false, error: { field: 'format' } });
});
