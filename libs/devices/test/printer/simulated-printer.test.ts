import t from 'tap';
import { getPixel } from '../../src/bitmap.ts';
import { pngToGray } from '../../src/image.ts';
import { createPrinter } from '../../src/printer/create-printer.ts';
import { encodeJob } from '../../src/printer/escpos-encoder.ts';
import { ballotJob } from '../fixtures/printer/jobs.ts';

t.test('keeps the exact byte stream and renders each ticket from it', async (t) => {
  const seen: number[] = [];
  const sim = createPrinter({ kind: 'simulated', onTicket: (tk) => seen.push(tk.image.height) });
  const r1 = await sim.print(ballotJob());
  const r2 = await sim.print({ elements: [{ kind: 'text', text: 'Tweede' }, { kind: 'cut' }] });
  t.ok(r1.ok && r2.ok);
  const e1 = encodeJob(ballotJob());
  const e2 = encodeJob({ elements: [{ kind: 'text', text: 'Tweede' }, { kind: 'cut' }] });
  if (!e1.ok || !e2.ok) return t.fail('encode');
  t.ok(Buffer.from(sim.bytes()).equals(Buffer.concat([e1.value.bytes, e2.value.bytes])));
  t.equal(sim.tickets.length, 2);
  t.same(seen, sim.tickets.map((tk) => tk.image.height));
  t.ok(sim.tickets.every((tk) => tk.complete));
  const png = pngToGray(sim.tickets[1]?.png() ?? new Uint8Array(0));
  t.ok(png.ok);
  if (png.ok) t.equal(png.value.width, 576);
});

t.test('faults: paper out, cover open, offline — nothing printed, stage before', async (t) => {
  const sim = createPrinter({ kind: 'simulated' });
  sim.setPaperMm(0);
  t.same(await sim.status(), { kind: 'paper-out' });
  t.same(await sim.print(ballotJob()), { ok: false, error: { code: 'paper-out', stage: 'before' } });
  sim.setPaperMm(1000);
  sim.setCoverOpen(true);
  t.same(await sim.print(ballotJob()), { ok: false, error: { code: 'cover-open', stage: 'before' } });
  sim.setCoverOpen(false);
  sim.setOffline(true);
  t.same(await sim.status(), { kind: 'offline', reason: 'no-answer' });
  t.same(await sim.print(ballotJob()), { ok: false, error: { code: 'offline', stage: 'before' } });
  sim.setOffline(false);
  t.equal(sim.tickets.length, 0);
  t.equal(sim.bytes().length, 0);
  t.equal((await sim.print(ballotJob())).ok, true);
});

t.test('paper runs out mid-job: a cut-short ticket, paper-out during, and the next job refused', async (t) => {
  const sim = createPrinter({ kind: 'simulated' });
  sim.setPaperMm(40); // 320 dots: the ballot needs about 800
  t.same(await sim.print(ballotJob()), { ok: false, error: { code: 'paper-out', stage: 'during' } });
  const tk = sim.tickets[0];
  t.equal(tk?.complete, false);
  t.equal(tk?.image.height, 320);
  t.same(await sim.status(), { kind: 'paper-out' });
  t.same(await sim.print(ballotJob()), { ok: false, error: { code: 'paper-out', stage: 'before' } });
});

t.test('near-end sensor', async (t) => {
  const sim = createPrinter({ kind: 'simulated', paperMm: 1550, nearEndMm: 1500 });
  t.same(await sim.status(), { kind: 'ready', paper: 'ok' });
  const r = await sim.print(ballotJob());
  t.same(r, { ok: true, value: { paper: 'near-end', substitutions: 0 } });
  t.ok(sim.paperMm < 1500);
});

t.test('the printed ticket shows ink where the job put it', async (t) => {
  const sim = createPrinter({ kind: 'simulated' });
  await sim.print({ elements: [{ kind: 'text', text: '█' }, { kind: 'text', text: 'I', align: 'right' }, { kind: 'cut' }] });
  const img = sim.tickets[0]?.image;
  if (!img) return t.fail('no ticket');
  // '█' is not in WPC1252: printed as '?', counted as a substitution.
  const rightmostInk = [...Array(576).keys()].filter((x) => [...Array(24).keys()].some((y) => getPixel(img, x, 30 + y))).at(-1);
  t.ok(rightmostInk !== undefined && rightmostInk > 560, 'right-aligned line ends at the right edge');
});

t.test('self-test of the simulator is marked as simulated', async (t) => {
  const sim = createPrinter({ kind: 'simulated' });
  const rep = await sim.selfTest({ phase: 'fase-2' });
  t.equal(rep.implementation, 'simulated');
  t.equal(rep.passed, true);
  t.equal(sim.tickets.length, 1, 'the fase 2 strip was printed');
  sim.setPaperMm(0);
  t.equal((await sim.selfTest({ phase: 'fase-1' })).passed, false);
});
