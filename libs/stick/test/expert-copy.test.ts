// Decree art. 12 and seed 002 II.C.4: the copy for the college of experts. Two copies taken at
// two moments of the day must not show which random slots filled in between: during the day a
// copy holds no slot at all, after closing the final slots (the same in every later copy). Never
// the secrets. And the copy is consistent: its log is exactly the records written so far.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, sha256, toHex } from '@ovs/crypto';
import { EXPERT_FILES_DURING_DAY, EXPERT_MANIFEST, FILES, parseEventLog, type ExpertCopy, type ExpertManifest } from '../src/index.ts';
import { castBallots, openPair, preparedStick } from './support.ts';

const names = (c: ExpertCopy): string[] => c.files.map((f) => f.name).sort();
const file = (c: ExpertCopy, name: string): Uint8Array | undefined => c.files.find((f) => f.name === name)?.bytes;

/** Does `hay` contain `needle` anywhere? */
const contains = (hay: Uint8Array, needle: Uint8Array): boolean => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

t.test('decree art. 12, seed 002 II.C.4: two copies during the day reveal no slot; after closing every copy has the same final slots', async (t) => {
  const a = await preparedStick(t);
  const b = await preparedStick(t);
  const pair = await openPair(a, b);
  await pair.appendEvent({ type: 'voting-opened' });
  await castBallots(pair, 5);
  const first = await pair.expertCopy('Dr. A. Peeters');
  await castBallots(pair, 7, new SeededRandom('later'));
  const second = await pair.expertCopy('Dr. A. Peeters');
  if (!first.ok || !second.ok) throw new Error('copy');
  const slotsNow = new Uint8Array(await readFile(join(a, FILES.slots)));
  for (const copy of [first.value, second.value]) {
    t.same(names(copy), [...EXPERT_FILES_DURING_DAY, EXPERT_MANIFEST].sort(), 'during the day: no slot file, no secrets');
    // Not even a piece of a sealed slot: every 64-byte run of filled slot bytes is looked for.
    const filled = slotsNow.subarray(pair.header.slotSize, slotsNow.length);
    let pieces = 0;
    for (let off = 0; off + 64 <= filled.length; off += pair.header.slotSize) {
      const piece = filled.subarray(off, off + 64);
      if (piece.some((x) => x !== 0)) {
        pieces++;
        t.notOk(copy.files.some((f) => contains(f.bytes, piece)), `slot bytes at ${off} in no file`);
      }
    }
    t.ok(pieces >= 12, `${pieces} filled slots looked for`);
    t.notOk(copy.files.some((f) => f.name === FILES.secrets), 'never the session secrets');
  }
  const m1 = first.value.manifest;
  const m2 = second.value.manifest;
  t.same([m1.registered, m2.registered], [5, 12], 'only the counts, as the console\'s screen shows them');
  t.same(file(first.value, FILES.events), file(second.value, FILES.events), 'registrations are not events: the log did not grow with the ballots');

  // The copy's log is a valid log of this session, exactly what was written so far.
  const parsed = parseEventLog(file(second.value, FILES.events)!, pair.session.sessionId, undefined);
  t.ok(parsed.ok && parsed.value.events.length === pair.events.length && parsed.value.tornBytes === 0);
  for (const f of m2.files) t.equal(f.sha256, toHex(sha256(file(second.value, f.name)!)), `${f.name}: the manifest's hash`);
  const manifest = JSON.parse(new TextDecoder().decode(file(second.value, EXPERT_MANIFEST))) as ExpertManifest;
  t.equal(manifest.expert, 'Dr. A. Peeters');

  if (!(await pair.close({ annulledBallots: 0, testBallots: 0 })).ok) throw new Error('close');
  const third = await pair.expertCopy('Dr. B. Claes');
  const fourth = await pair.expertCopy('Dr. B. Claes');
  if (!third.ok || !fourth.ok) throw new Error('copy');
  t.ok(names(third.value).includes(FILES.slots) && names(third.value).includes(FILES.closingJson), 'after closing: the final slots and the closing record');
  t.same(file(third.value, FILES.slots), new Uint8Array(await readFile(join(a, FILES.slots))), 'the slots as on the stick');
  t.same(file(third.value, FILES.slots), file(fourth.value, FILES.slots), 'every copy after closing has the same slots');
  t.notOk(names(third.value).includes(FILES.secrets));
  await pair.release();
});
