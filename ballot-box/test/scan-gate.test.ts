// The scan gate alone, on a hand-moved clock.
import t from 'tap';
import { ManualTimers } from '@ovs/devices/testing';
import { ScanGate, type GateOutput } from '../src/index.ts';

function gate(grace = 800): { g: ScanGate; out: GateOutput['kind'][]; timers: ManualTimers } {
  const timers = new ManualTimers();
  const out: GateOutput['kind'][] = [];
  const g = new ScanGate(timers, { samePresentationMs: 1000, unreadableGraceMs: grace }, (o) => out.push(o.kind));
  return { g, out, timers };
}
const A = { kind: 'code' as const, bytes: new Uint8Array([1, 2, 3]) };
const B = { kind: 'code' as const, bytes: new Uint8Array([4, 5, 6]) };

t.test('one presentation per code on the glass; lifting or a pause starts a new one', async (t) => {
  const { g, out, timers } = gate();
  for (let i = 0; i < 20; i++) {
    g.see(A);
    await timers.run(100);
  }
  t.same(out, ['decoded'], 'two seconds of frames: one scan');
  g.see({ kind: 'nothing' });
  g.see(A);
  t.same(out, ['decoded', 'decoded'], 'lifted and laid down: a new scan');
  await timers.run(1000);
  g.see(A);
  t.same(out.length, 3, 'after a pause: a new scan (an imager that reports once per presentation)');
  g.see(B);
  g.see(A);
  t.same(out.length, 5, 'another code in between ends the presentation');
});

t.test('a damaged code waits out the grace period; a good read in time cancels it; one refusal per presentation', async (t) => {
  const { g, out, timers } = gate();
  g.see({ kind: 'damaged' });
  await timers.run(500);
  g.see(A);
  await timers.run(2000);
  t.same(out, ['decoded'], 'read within the grace period: no refusal');
  g.see({ kind: 'nothing' });
  for (let i = 0; i < 30; i++) {
    g.see({ kind: 'damaged' });
    await timers.run(100);
  }
  t.same(out, ['decoded', 'unreadable'], 'three seconds of a torn code: one refusal');
  g.see({ kind: 'nothing' });
  g.see({ kind: 'damaged' });
  await timers.run(300);
  g.see({ kind: 'nothing' });
  await timers.run(2000);
  t.same(out, ['decoded', 'unreadable'], 'lifted before the grace ran out: nothing');
  t.equal(g.waiting, false);
});

t.test('with no grace (one delivery per scan), a damaged code is refused at once', async (t) => {
  const { g, out } = gate(0);
  g.see({ kind: 'damaged' });
  t.same(out, ['unreadable']);
});

t.test('two codes on the glass, and decoder faults, are reported once per presentation', async (t) => {
  const { g, out, timers } = gate();
  for (let i = 0; i < 5; i++) {
    g.see({ kind: 'multiple' });
    g.see({ kind: 'fault', detail: 'decoder-failure' });
    g.see({ kind: 'multiple' });
    await timers.run(100);
  }
  t.same(out, ['multiple-codes', 'scanner-fault']);
});
