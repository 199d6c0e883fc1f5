// Slot positions must be independent of the order of casting. Over many election days the
// Spearman rank correlation between cast order and slot index is ~N(0, 1/(n−1)) when they
// are independent; we check its mean and the share of |z| > 1.96 stay within chance, and
// that the same statistic does catch an allocator that fills slots in order.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveSharedKey, SeededRandom } from '@ovs/crypto';
import { BALLOT_KEY_INFO, decodeSessionRecord, decodeSlotHeader, FILES, FreeSlots, openSlot, slotOffset, SLOT_USED, verifyStick } from '../src/index.ts';
import { castBallots, demo, hex, openPair, preparedStick } from './support.ts';

function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (v: readonly number[]): number[] => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += ((rx[i] as number) - (ry[i] as number)) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/** Mean z and the share of runs with |z| > 1.96, for correlations of samples of size n. */
function summarise(correlations: readonly number[], n: number): { meanZ: number; extreme: number } {
  const zs = correlations.map((r) => r * Math.sqrt(n - 1));
  const meanZ = zs.reduce((a, b) => a + b, 0) / zs.length;
  const extreme = zs.filter((z) => Math.abs(z) > 1.96).length / zs.length;
  return { meanZ, extreme };
}

// With R runs, the mean of R standard normals has sd 1/√R; the share of extremes has sd
// √(0.05·0.95/R). The bounds below are about four standard deviations.
const withinChance = (s: { meanZ: number; extreme: number }, runs: number): boolean =>
  Math.abs(s.meanZ) < 4 / Math.sqrt(runs) && Math.abs(s.extreme - 0.05) < 4 * Math.sqrt((0.05 * 0.95) / runs);

t.test('the allocator: slot index independent of cast order (and a sequential one is caught)', (t) => {
  const runs = 2000;
  const n = 40;
  const capacity = 64;
  const random = new SeededRandom('slot-order');
  const uniform: number[] = [];
  const sequential: number[] = [];
  for (let run = 0; run < runs; run++) {
    const free = new FreeSlots(capacity, []);
    const slots: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = free.pick((k) => random.bytes(k)) as number;
      free.take(s);
      slots.push(s);
    }
    const order = [...Array(n).keys()];
    uniform.push(spearman(order, slots));
    sequential.push(spearman(order, order));
  }
  const u = summarise(uniform, n);
  t.ok(withinChance(u, runs), `uniform allocator within chance (mean z ${u.meanZ.toFixed(3)}, |z|>1.96 in ${(u.extreme * 100).toFixed(1)} %)`);
  t.notOk(withinChance(summarise(sequential, n), runs), 'a sequential allocator fails the same test');
  t.end();
});

/**
 * Pearson's χ² of "which slot did the i-th ballot get" against uniform, summed over the cast
 * positions: with independent slots each position's slot is uniform over the capacity (the
 * allocator draws among the free slots, and by symmetry every slot is equally likely for every
 * position). Any allocator whose choice depends on the position — in order, with a stride, or
 * just the first ballot in slot 0 — piles up counts and is caught; the rank correlation above
 * catches only the monotone ones.
 */
function positionChiSquare(allocate: (position: number, free: FreeSlots) => number, runs: number, n: number, capacity: number): { chi2: number; df: number } {
  const counts = Array.from({ length: n }, () => new Array<number>(capacity).fill(0));
  for (let run = 0; run < runs; run++) {
    const free = new FreeSlots(capacity, []);
    for (let i = 0; i < n; i++) {
      const s = allocate(i, free);
      free.take(s);
      (counts[i] as number[])[s]!++;
    }
  }
  const expected = runs / capacity;
  let chi2 = 0;
  for (const row of counts) for (const c of row) chi2 += (c - expected) ** 2 / expected;
  return { chi2, df: n * (capacity - 1) };
}

/** χ² with df degrees of freedom is about N(df, 2·df): within five standard deviations. */
const uniformByPosition = (r: { chi2: number; df: number }): boolean => Math.abs(r.chi2 - r.df) < 5 * Math.sqrt(2 * r.df);

t.test('every cast position gets a uniformly random slot; allocators with a pattern are caught', (t) => {
  const runs = 2000;
  const n = 40;
  const capacity = 64;
  const random = new SeededRandom('slot-position');
  const real = positionChiSquare((_, free) => free.pick((k) => random.bytes(k)) as number, runs, n, capacity);
  t.ok(uniformByPosition(real), `the allocator: χ² ${real.chi2.toFixed(0)} for ${real.df} degrees of freedom`);
  // Negative controls: each leaks the order of casting, and each must fail.
  const stride = (i: number): number => (i * 7) % capacity;
  t.notOk(uniformByPosition(positionChiSquare(stride, runs, n, capacity)), 'a stride allocator (slot 7·i mod 64) is caught');
  const order = [...Array(n).keys()];
  const strideRanks = summarise(Array.from({ length: 200 }, () => spearman(order, order.map(stride))), n);
  t.ok(Math.abs(strideRanks.meanZ) < 2, `… which the rank correlation alone does not see (mean z ${strideRanks.meanZ.toFixed(2)})`);
  const firstFixed = positionChiSquare((i, free) => (i === 0 ? 0 : (free.pick((k) => random.bytes(k)) as number)), runs, n, capacity);
  t.notOk(uniformByPosition(firstFixed), 'an allocator that only puts the first ballot in slot 0 is caught');
  t.end();
});

t.test('through the real write path: slots read back from the stick say nothing about order', async (t) => {
  const runs = 60;
  const n = 30;
  const d = demo();
  const correlations: number[] = [];
  for (let run = 0; run < runs; run++) {
    const a = await preparedStick(t, { capacity: 48 });
    const b = await preparedStick(t, { capacity: 48 });
    const random = new SeededRandom(`path-${run}`);
    const pair = await openPair(a, b, { random: (k) => random.bytes(k) });
    await pair.appendEvent({ type: 'voting-opened' });
    const cast = await castBallots(pair, n, random.fork('votes'));
    await pair.close({ annulledBallots: 0, testBallots: 0 });
    await pair.release();
    const v = await verifyStick(a, { organiserPublicKey: d.organiser.publicKey, hoofdbureauPrivateKey: d.hoofdbureau.privateKey });
    if (!v.ok) throw new Error(v.error.message);
    // Where did each ballot land? Read the slot index by opening slots in file order.
    const slotOf = await slotIndexes(a, d.hoofdbureau.privateKey);
    correlations.push(spearman(cast.map((_, i) => i), cast.map((x) => slotOf.get(hex(x.ballotId)) as number)));
  }
  const s = summarise(correlations, n);
  t.ok(withinChance(s, runs), `mean z ${s.meanZ.toFixed(3)}, |z|>1.96 in ${(s.extreme * 100).toFixed(1)} %`);
});


async function slotIndexes(dir: string, hoofdbureauPrivateKey: Uint8Array): Promise<Map<string, number>> {
  const session = decodeSessionRecord(new Uint8Array(await readFile(join(dir, FILES.sessionJson))));
  const file = new Uint8Array(await readFile(join(dir, FILES.slots)));
  const header = decodeSlotHeader(file);
  if (!session.ok || !header.ok) throw new Error('unreadable stick');
  const key = deriveSharedKey(hoofdbureauPrivateKey, session.value.ballotPublicKey, BALLOT_KEY_INFO) as Uint8Array;
  const out = new Map<string, number>();
  for (let i = 0; i < header.value.capacity; i++) {
    const off = slotOffset(header.value, i);
    if (file[off] !== SLOT_USED) continue;
    const opened = openSlot(header.value, session.value.sessionId, i, key, file.subarray(off, off + header.value.slotSize));
    if (!opened.ok) throw new Error('slot');
    out.set(hex(opened.value.subarray(12, 28)), i);
  }
  return out;
}
