// The real driver against serialport's MockBinding, with a pretend printer on the far end.

import t from 'tap';
import { createPrinter } from '../../src/printer/create-printer.ts';
import { encodeJob } from '../../src/printer/escpos-encoder.ts';
import type { PrintJob } from '../../src/printer/job.ts';
import type { PrintResult, ThermalPrinter } from '../../src/printer/printer.ts';
import { createMockLine } from '../../src/testing/mock-serial.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { ballotJob } from '../fixtures/printer/jobs.ts';
import { fakePrinter } from '../helpers/fake-escpos-printer.ts';

async function setup() {
  const line = createMockLine('ttyPRN');
  const fake = fakePrinter(line);
  const timers = new ManualTimers();
  const printer = createPrinter({ kind: 'serial', path: line.path, baudRate: 115200, binding: line.binding }, timers);
  await timers.run(0);
  return { line, fake, timers, printer };
}

/** Runs an operation while moving the clock, as time passes in a real polling station. */
async function during<T>(timers: ManualTimers, op: Promise<T>, ms = 60_000): Promise<T> {
  let done = false;
  void op.then(() => (done = true));
  for (let waited = 0; !done && waited < ms; waited += 100) await timers.run(100);
  return op;
}

const job: PrintJob = ballotJob();

t.test('prints: exactly the encoder bytes, then the end-of-job marker', async (t) => {
  const s = await setup();
  const r = await during(s.timers, s.printer.print(job));
  t.same(r, { ok: true, value: { paper: 'ok', substitutions: 0 } });
  const encoded = encodeJob(job);
  t.ok(encoded.ok);
  if (!encoded.ok) return;
  t.equal(s.fake.jobs.length, 1);
  const sent = s.fake.jobs[0] ?? new Uint8Array(0);
  t.ok(Buffer.from(sent.slice(0, -3)).equals(Buffer.from(encoded.value.bytes)), 'job bytes are the encoder bytes');
  t.same([...sent.slice(-3)], [0x1d, 0x72, 0x01], 'GS r 1 follows the job');
  t.same(s.fake.statusRequests, [1, 2, 4, 1, 2, 4], 'status read before and after');
  await s.printer.close();
});

t.test('status is read from DLE EOT answers', async (t) => {
  const s = await setup();
  t.same(await during(s.timers, s.printer.status()), { kind: 'ready', paper: 'ok' });
  s.fake.state.paper = 'near-end';
  t.same(await during(s.timers, s.printer.status()), { kind: 'ready', paper: 'near-end' });
  s.fake.state.paper = 'out';
  t.same(await during(s.timers, s.printer.status()), { kind: 'paper-out' });
  s.fake.state.paper = 'ok';
  s.fake.state.coverOpen = true;
  t.same(await during(s.timers, s.printer.status()), { kind: 'cover-open' });
  s.fake.state.coverOpen = false;
  s.fake.state.cutterError = true;
  t.same(await during(s.timers, s.printer.status()), { kind: 'error', cause: 'cutter' });
  t.same(s.fake.statusRequests.slice(-4), [1, 2, 4, 3], 'the error cause is asked only when there is an error');
  s.fake.state.cutterError = false;
  s.fake.state.online = false;
  t.same(await during(s.timers, s.printer.status()), { kind: 'offline', reason: 'printer-offline' });
  s.fake.state.dead = true;
  t.same(await during(s.timers, s.printer.status()), { kind: 'offline', reason: 'no-answer' });
  await s.printer.close();
});

t.test('a printer that is not ready gets no job bytes, and says why (stage: before)', async (t) => {
  const cases: [(s: Awaited<ReturnType<typeof setup>>) => void, PrintResult][] = [
    [(s) => (s.fake.state.paper = 'out'), { ok: false, error: { code: 'paper-out', stage: 'before' } }],
    [(s) => (s.fake.state.coverOpen = true), { ok: false, error: { code: 'cover-open', stage: 'before' } }],
    [(s) => (s.fake.state.cutterError = true), { ok: false, error: { code: 'printer-error', stage: 'before' } }],
    [(s) => (s.fake.state.dead = true), { ok: false, error: { code: 'offline', stage: 'before' } }],
  ];
  for (const [arrange, expected] of cases) {
    const s = await setup();
    arrange(s);
    t.same(await during(s.timers, s.printer.print(job)), expected);
    t.equal(s.fake.jobs.length, 0, `${expected.ok ? '' : expected.error.code}: nothing sent`);
    await s.printer.close();
  }
});

t.test('paper runs out part-way: paper-out, stage during (a partial ballot exists)', async (t) => {
  const s = await setup();
  s.fake.state.runOutDuringNextJob = true;
  t.same(await during(s.timers, s.printer.print(job)), { ok: false, error: { code: 'paper-out', stage: 'during' } });
  t.equal(s.fake.jobs.length, 1);
  await s.printer.close();
});

t.test('no end-of-job answer although the printer looks fine: timeout, stage during', async (t) => {
  const s = await setup();
  s.fake.state.ignoreGsR = true;
  t.same(await during(s.timers, s.printer.print(job)), { ok: false, error: { code: 'timeout', stage: 'during' } });
  await s.printer.close();
});

t.test('paper near its end after the job: success, with the warning', async (t) => {
  const s = await setup();
  s.fake.state.paper = 'near-end';
  t.same(await during(s.timers, s.printer.print(job)), { ok: true, value: { paper: 'near-end', substitutions: 0 } });
  await s.printer.close();
});

t.test('a pulled cable: offline, and nothing is written', async (t) => {
  const s = await setup();
  s.line.unplug();
  await s.timers.run(0);
  t.same(await during(s.timers, s.printer.status()), { kind: 'offline', reason: 'no-port' });
  t.same(await during(s.timers, s.printer.print(job)), { ok: false, error: { code: 'offline', stage: 'before' } });
  t.equal(s.fake.jobs.length, 0);
  s.line.replug();
  await s.timers.run(1500);
  t.same(await during(s.timers, s.printer.status()), { kind: 'ready', paper: 'ok' }, 'back after replugging');
  await s.printer.close();
});

t.test('stray bytes on the line are not taken for answers', async (t) => {
  const s = await setup();
  // XON/XOFF and a late DLE EOT answer arrive while the job prints: none of them has bit 4 clear.
  s.line.onHostWrite((b) => {
    if (b.length > 3) s.line.toHost(Uint8Array.of(0x11, 0x13, 0x12, 0x1e));
  });
  s.fake.state.ignoreGsR = true;
  t.same(await during(s.timers, s.printer.print(job)), { ok: false, error: { code: 'timeout', stage: 'during' } });
  await s.printer.close();
});

t.test('invalid job: refused before touching the printer', async (t) => {
  const s = await setup();
  const r = await s.printer.print({ elements: [{ kind: 'feed', lines: -3 }] });
  t.equal(r.ok, false);
  if (!r.ok) t.same([r.error.code, r.error.stage], ['invalid-job', 'before']);
  t.same(s.fake.statusRequests, []);
  await s.printer.close();
});

t.test('self-test: fase 1 prints the test page and leaves the quality check to a person', async (t) => {
  const s = await setup();
  const report = await during(s.timers, s.printer.selfTest({ phase: 'fase-1' }));
  t.equal(report.implementation, 'real');
  t.equal(report.passed, true);
  t.same(report.checks.map((c) => [c.id, c.outcome]), [
    ['status', 'pass'],
    ['paper', 'pass'],
    ['print', 'pass'],
    ['print-quality', 'operator'],
  ]);
  s.fake.state.coverOpen = true;
  const bad = await during(s.timers, s.printer.selfTest({ phase: 'fase-2' }));
  t.equal(bad.passed, false);
  t.match(bad.checks[0]?.detail ?? '', /cover open/);
  await s.printer.close();
});

t.test('operations are serialised: a status read cannot take a print answer', async (t) => {
  const s = await setup();
  const printer: ThermalPrinter = s.printer;
  const [a, b, c] = await during(s.timers, Promise.all([printer.print(job), printer.status(), printer.print(job)]));
  t.same(a, { ok: true, value: { paper: 'ok', substitutions: 0 } });
  t.same(b, { kind: 'ready', paper: 'ok' });
  t.same(c, { ok: true, value: { paper: 'ok', substitutions: 0 } });
  await s.printer.close();
});
