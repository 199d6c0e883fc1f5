// The card-reader driver against the terminal emulator over serialport's MockBinding.

import t from 'tap';
import fc from 'fast-check';
import type { CardReaderEvent } from '../../src/card/card-reader.ts';
import { LAYOUT_BYTES, USED_OFFSET } from '../../src/card/card-layout.ts';
import { createCardReader } from '../../src/card/create-card-reader.ts';
import { CardTerminalEmulator, SimulatedCard } from '../../src/card/terminal-emulator.ts';
import { createMockLine } from '../../src/testing/mock-serial.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { wire } from '../helpers/line-device.ts';

async function setup() {
  const line = createMockLine('ttyCARD');
  const timers = new ManualTimers();
  const ref: { d: CardTerminalEmulator | null } = { d: null };
  const { wire: w, send } = wire(line, { receive: (b) => ref.d?.receive(b) });
  const terminal = new CardTerminalEmulator(send, { timers });
  ref.d = terminal;
  const reader = createCardReader({ kind: 'serial', path: line.path, baudRate: 115200, binding: line.binding }, timers);
  const events: CardReaderEvent['kind'][] = [];
  reader.onEvent((e) => events.push(e.kind));
  await timers.run(0);
  /** Runs a card operation while the clock moves (retries need time to pass). */
  const op = async <T>(p: Promise<T>): Promise<T> => {
    await timers.run(5000);
    return p;
  };
  return { line, timers, terminal, reader, wire: w, events, op };
}

const payload = new TextEncoder().encode('signed voter card payload: opaque to the driver');

t.test('empty reader, insertion and removal', async (t) => {
  const s = await setup();
  t.same(s.reader.status(), { kind: 'empty' });
  t.same(await s.op(s.reader.read()), { ok: false, error: 'no-card' });
  s.terminal.insert(new SimulatedCard());
  await s.timers.run(100);
  t.same(s.reader.status(), { kind: 'card-present', capacity: 2048, writeProtected: false });
  s.terminal.remove();
  await s.timers.run(100);
  t.same(s.reader.status(), { kind: 'empty' });
  t.same(s.events, ['reader-found', 'inserted', 'removed']);
  await s.reader.close();
});

t.test('blank card, write, read, mark used, mark again', async (t) => {
  const s = await setup();
  s.terminal.insert(new SimulatedCard());
  await s.timers.run(100);
  t.same(await s.op(s.reader.read()), { ok: false, error: 'blank' });
  t.same(await s.op(s.reader.write(payload)), { ok: true });
  const r = await s.op(s.reader.read());
  t.ok(r.ok && Buffer.from(r.value.payload).equals(Buffer.from(payload)) && r.value.used.kind === 'unused');
  t.same(await s.op(s.reader.markUsed(Uint8Array.of(1, 2))), { ok: true });
  const r2 = await s.op(s.reader.read());
  t.ok(r2.ok && r2.value.used.kind === 'used');
  t.same(await s.op(s.reader.markUsed()), { ok: false, error: 'already-used' });
  t.same(await s.op(s.reader.write(payload)), { ok: true }, 're-initialising erases the mark');
  const r3 = await s.op(s.reader.read());
  t.ok(r3.ok && r3.value.used.kind === 'unused');
  await s.reader.close();
});

t.test('a lost ACK of MARK_USED is answered from memory, not refused as already used', async (t) => {
  const s = await setup();
  s.terminal.insert(SimulatedCard.initialised(payload));
  await s.timers.run(100);
  s.wire.dropDeviceOutput(1);
  t.same(await s.op(s.reader.markUsed()), { ok: true });
  await s.reader.close();
});

t.test('card pulled during a write: card-removed, and the torn card can never vote', async (t) => {
  const s = await setup();
  const card = SimulatedCard.initialised(new Uint8Array(600).fill(0x11));
  s.terminal.insert(card);
  await s.timers.run(100);
  s.terminal.pullDuringNextOperation();
  t.same(await s.op(s.reader.write(payload)), { ok: false, error: 'card-removed' });
  t.ok(s.events.includes('removed'));
  s.terminal.insert(card);
  await s.timers.run(100);
  const r = await s.op(s.reader.read());
  t.same(r, { ok: false, error: 'corrupt' });
  await s.reader.close();
});

t.test('card pulled during marking: the torn mark still counts as used', async (t) => {
  const s = await setup();
  const card = SimulatedCard.initialised(payload);
  s.terminal.insert(card);
  await s.timers.run(100);
  s.terminal.pullDuringNextOperation();
  t.same(await s.op(s.reader.markUsed()), { ok: false, error: 'card-removed' });
  s.terminal.insert(card);
  await s.timers.run(100);
  const r = await s.op(s.reader.read());
  t.ok(r.ok && r.value.used.kind !== 'unused', 'half a mark is not an unused card');
  t.same(await s.op(s.reader.markUsed()), { ok: false, error: 'already-used' });
  await s.reader.close();
});

t.test('damaged, write-protected and unreadable cards', async (t) => {
  const s = await setup();
  const damaged = SimulatedCard.initialised(payload);
  damaged.damage(20);
  s.terminal.insert(damaged);
  await s.timers.run(100);
  t.same(await s.op(s.reader.read()), { ok: false, error: 'corrupt' });
  const usedDamage = SimulatedCard.initialised(payload);
  usedDamage.damage(USED_OFFSET + 5);
  s.terminal.insert(usedDamage);
  await s.timers.run(100);
  const r = await s.op(s.reader.read());
  t.ok(r.ok && r.value.used.kind === 'damaged', 'a damaged used area reads as used');
  const ro = SimulatedCard.initialised(payload);
  ro.writeProtected = true;
  s.terminal.insert(ro);
  await s.timers.run(100);
  t.same(s.reader.status(), { kind: 'card-present', capacity: 2048, writeProtected: true });
  t.same(await s.op(s.reader.write(payload)), { ok: false, error: 'write-protected' });
  t.same(await s.op(s.reader.markUsed()), { ok: false, error: 'write-protected' });
  const broken = new SimulatedCard();
  broken.unreadable = true;
  s.terminal.insert(broken);
  await s.timers.run(100);
  t.same(s.reader.status(), { kind: 'card-error' });
  t.same(await s.op(s.reader.read()), { ok: false, error: 'card-error' });
  t.ok(s.events.includes('card-error'));
  await s.reader.close();
});

t.test('too small a card and too large a payload are refused', async (t) => {
  const s = await setup();
  s.terminal.insert(new SimulatedCard(1024));
  await s.timers.run(100);
  t.same(await s.op(s.reader.write(payload)), { ok: false, error: 'card-too-small' });
  t.same(await s.op(s.reader.write(new Uint8Array(1025))), { ok: false, error: 'too-large' });
  t.same(await s.op(s.reader.write(new Uint8Array(0))), { ok: false, error: 'too-large' });
  await s.reader.close();
});

t.test('reader cable pulled: no-reader, then found again', async (t) => {
  const s = await setup();
  s.wire.cut();
  await s.timers.run(3500);
  t.equal(s.reader.status().kind, 'no-reader');
  t.same(await s.reader.read(), { ok: false, error: 'no-reader' });
  s.wire.mend();
  await s.timers.run(1500);
  t.same(s.reader.status(), { kind: 'empty' });
  t.same(s.events, ['reader-found', 'reader-lost', 'reader-found']);
  await s.reader.close();
});

t.test('whatever is written reads back the same (property)', async (t) => {
  const s = await setup();
  s.terminal.insert(new SimulatedCard());
  await s.timers.run(100);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 1024 }), async (p) => {
      const w = await s.op(s.reader.write(p));
      const r = await s.op(s.reader.read());
      return w.ok && r.ok && Buffer.from(r.value.payload).equals(Buffer.from(p)) && r.value.used.kind === 'unused';
    }),
    { numRuns: 100, seed: 0x0c4d },
  );
  t.pass('property held');
  t.equal(s.terminal.card?.memory.length, 2048);
  t.ok(s.terminal.card?.memory.subarray(LAYOUT_BYTES).every((b) => b === 0xff), 'nothing written past the layout');
  await s.reader.close();
});

t.test('simulator and self-test', async (t) => {
  const timers = new ManualTimers();
  const sim = createCardReader({ kind: 'simulated' }, timers);
  await timers.run(0);
  const noCard = sim.selfTest({ phase: 'fase-1' });
  await timers.run(100);
  const rep0 = await noCard;
  t.equal(rep0.passed, false);
  t.match(rep0.checks.at(-1)?.detail ?? '', /insert a technician test card/);
  sim.terminal.insert(new SimulatedCard());
  await timers.run(100);
  const run = sim.selfTest({ phase: 'fase-2' });
  await timers.run(5000);
  const rep = await run;
  t.equal(rep.implementation, 'simulated');
  t.same(rep.checks.map((c) => [c.id, c.outcome]), [
    ['link', 'pass'],
    ['write', 'pass'],
    ['mark-used', 'pass'],
    ['mark-once', 'pass'],
  ]);
  const r = sim.read();
  await timers.run(100);
  const after = await r;
  t.ok(after.ok && after.value.used.kind === 'unused', 'the test card is left unused');
  await sim.close();
});
