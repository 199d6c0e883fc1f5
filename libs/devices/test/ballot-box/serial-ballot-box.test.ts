// The ballot-box driver against the controller emulator over serialport's MockBinding.

import t from 'tap';
import fc from 'fast-check';
import { BallotBoxControllerEmulator } from '../../src/ballot-box/controller-emulator.ts';
import type { BallotBoxEvent } from '../../src/ballot-box/ballot-box.ts';
import { createBallotBox } from '../../src/ballot-box/create-ballot-box.ts';
import { Command } from '../../src/ballot-box/protocol.ts';
import { encodeFrame, FrameDecoder } from '../../src/serial/frame.ts';
import { createMockLine } from '../../src/testing/mock-serial.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { wire } from '../helpers/line-device.ts';

async function setup() {
  const line = createMockLine('ttyBOX');
  const timers = new ManualTimers();
  const ref: { c: BallotBoxControllerEmulator | null } = { c: null };
  const { wire: w, send } = wire(line, { receive: (b) => ref.c?.receive(b) });
  const controller = new BallotBoxControllerEmulator(send, { timers });
  ref.c = controller;
  const box = createBallotBox({ kind: 'serial', path: line.path, baudRate: 115200, binding: line.binding }, timers);
  const events: BallotBoxEvent[] = [];
  box.onEvent((e) => events.push(e));
  await timers.run(0);
  return { line, timers, controller, box, wire: w, events };
}

function commandsSent(line: { written: Uint8Array[] }, type: number, from = 0): number {
  return line.written.slice(from).reduce((n, w) => n + new FrameDecoder().push(w).filter((e) => e.kind === 'frame' && e.frame.type === type).length, 0);
}

t.test('connects: flap closed, red LED on, identity known', async (t) => {
  const s = await setup();
  t.same(s.box.status(), { kind: 'connected', flap: 'closed', red: 'on', green: 'off', cover: 'closed', depositSensor: 'clear', deposits: 0 });
  t.equal(commandsSent(s.line, Command.closeFlap), 1, 'the first command after connecting closes the flap');
  await s.box.close();
});

t.test('open, deposit: the controller closes the flap itself and reports both', async (t) => {
  const s = await setup();
  t.same(await s.box.openFlap(3000), { ok: true });
  await s.timers.run(200);
  t.equal(s.controller.state.flap, 'open');
  t.equal(s.controller.deposit(), 'deposited');
  await s.timers.run(300);
  t.same(s.events, [{ kind: 'flap-opened' }, { kind: 'deposit', count: 1 }, { kind: 'flap-closed', reason: 'deposit' }]);
  const st = s.box.status();
  t.equal(st.kind === 'connected' && st.flap, 'closed');
  t.equal(st.kind === 'connected' && st.deposits, 1);
  t.equal(s.controller.deposit(), 'flap-closed', 'a second ballot cannot go in');
  await s.box.close();
});

t.test('no deposit: the flap closes when its time is up', async (t) => {
  const s = await setup();
  await s.box.openFlap(2000);
  await s.timers.run(2500);
  t.same(s.events.at(-1), { kind: 'flap-closed', reason: 'timeout' });
  t.equal(s.controller.state.flap, 'closed');
  await s.box.close();
});

t.test('a lost ACK: the resend is answered from memory, the flap opens once', async (t) => {
  const s = await setup();
  s.wire.dropDeviceOutput(1);
  const r = s.box.openFlap(3000);
  await s.timers.run(300);
  t.same(await r, { ok: true });
  t.equal(s.controller.openCommands, 1);
  t.equal(commandsSent(s.line, Command.openFlap), 2, 'sent twice with the same SEQ');
  await s.box.close();
});

t.test('a corrupted ACK is discarded; the resend succeeds', async (t) => {
  const s = await setup();
  s.wire.corruptNextDeviceOutput();
  const r = s.box.openFlap(3000);
  await s.timers.run(300);
  t.same(await r, { ok: true });
  t.equal(s.controller.openCommands, 1);
  await s.box.close();
});

t.test('the controller hears OPEN but its answers are lost: timeout, and the driver closes the flap', async (t) => {
  const s = await setup();
  s.wire.dropDeviceOutput(1000);
  const r = s.box.openFlap(30_000);
  await s.timers.run(1000);
  t.same(await r, { ok: false, error: 'timeout' });
  await s.timers.run(100);
  t.ok(commandsSent(s.line, Command.closeFlap) >= 2, 'CLOSE_FLAP sent after the unconfirmed open');
  await s.timers.run(1000);
  t.equal(s.controller.state.flap, 'closed', 'closed long before its 30 s were up');
  t.same(s.controller.flapHistory.slice(-2), ['closing', 'closed']);
  await s.box.close();
});

t.test('pulled cable while open: link lost, the controller watchdog closes the flap, nothing is replayed', async (t) => {
  const s = await setup();
  await s.box.openFlap(30_000);
  await s.timers.run(200);
  t.equal(s.controller.state.flap, 'open');
  s.wire.cut();
  await s.timers.run(2500);
  t.equal(s.box.status().kind, 'disconnected');
  t.same(await s.box.openFlap(3000), { ok: false, error: 'disconnected' }, 'no open while disconnected');
  t.equal(s.controller.state.flap, 'closed', 'watchdog closed it');
  t.ok(s.controller.state.watchdogTripped);
  const before = s.line.written.length;
  s.wire.mend();
  await s.timers.run(1500);
  t.equal(s.box.status().kind, 'connected');
  t.equal(commandsSent(s.line, Command.openFlap, before), 0, 'OPEN_FLAP is never replayed');
  t.ok(commandsSent(s.line, Command.closeFlap, before) >= 1, 'CLOSE_FLAP first after reconnecting');
  t.equal(s.controller.state.watchdogTripped, false, 'HELLO cleared the watchdog flag');
  const kinds = s.events.map((e) => e.kind);
  t.ok(kinds.includes('connection-lost') && kinds.includes('connection-restored'));
  t.ok(s.events.some((e) => e.kind === 'flap-closed' && e.reason === 'watchdog'), 'the watchdog close is reported after reconnecting');
  await s.box.close();
});

t.test('USB adapter unplugged: disconnected (no-port), reconnects after replug', async (t) => {
  const s = await setup();
  s.line.unplug();
  await s.timers.run(0);
  t.same(s.box.status(), { kind: 'disconnected', reason: 'no-port' });
  t.same(await s.box.openFlap(3000), { ok: false, error: 'disconnected' });
  s.line.replug();
  await s.timers.run(2000);
  t.equal(s.box.status().kind, 'connected');
  await s.box.close();
});

t.test('cover: opening it is reported and closes an open flap; no opening while it is open', async (t) => {
  const s = await setup();
  await s.box.openFlap(5000);
  await s.timers.run(200);
  s.controller.setCover('open');
  await s.timers.run(300);
  t.ok(s.events.some((e) => e.kind === 'cover-opened'));
  t.ok(s.events.some((e) => e.kind === 'flap-closed' && e.reason === 'cover-opened'));
  t.same(await s.box.openFlap(5000), { ok: false, error: 'cover-open' });
  s.controller.setCover('closed');
  await s.timers.run(100);
  t.same(await s.box.openFlap(5000), { ok: true });
  await s.box.close();
});

t.test('jammed flap: reported, and further openings refused', async (t) => {
  const s = await setup();
  s.controller.jamMotor(true);
  t.same(await s.box.openFlap(5000), { ok: true });
  await s.timers.run(300);
  t.same(s.events.at(-1), { kind: 'flap-jammed', while: 'opening' });
  t.same(await s.box.openFlap(5000), { ok: false, error: 'flap-jammed' });
  await s.box.close();
});

t.test('controller restart: reported, and the driver restores its LEDs and closes the flap', async (t) => {
  const s = await setup();
  await s.box.setLeds({ red: 'off', green: 'blink' });
  s.controller.powerUp();
  await s.timers.run(500);
  t.ok(s.events.some((e) => e.kind === 'controller-restarted'));
  t.equal(s.controller.state.green, 'blink');
  t.equal(s.controller.state.red, 'off');
  await s.box.close();
});

t.test('malformed events are counted and ignored', async (t) => {
  const s = await setup();
  s.line.toHost(encodeFrame({ seq: 77, type: 0x42, payload: Uint8Array.of(9, 9) }));
  s.line.toHost(encodeFrame({ seq: 78, type: 0x40, payload: Uint8Array.of(1) }));
  await s.timers.run(10);
  t.equal((s.box as unknown as { malformedEvents: number }).malformedEvents, 2);
  t.same(s.events, []);
  await s.box.close();
});

t.test('durations outside 500..30000 ms are refused without a command', async (t) => {
  const s = await setup();
  const before = s.line.written.length;
  t.same(await s.box.openFlap(100), { ok: false, error: 'refused' });
  t.same(await s.box.openFlap(60_000), { ok: false, error: 'refused' });
  t.equal(commandsSent(s.line, Command.openFlap, before), 0);
  await s.box.close();
});

t.test('self-test: sensors, cover, flap cycle, LEDs', async (t) => {
  const s = await setup();
  const run = s.box.selfTest({ phase: 'fase-1' });
  await s.timers.run(6000);
  const rep = await run;
  t.equal(rep.passed, true);
  t.same(rep.identity, { model: 'OVS-BB-EMU', firmware: '1.0.0', serial: 'EMU-0001' });
  t.same(rep.checks.filter((c) => c.outcome === 'operator').map((c) => c.id), ['leds', 'deposit']);
  s.controller.failSelfTestChecks(0x01);
  s.controller.jamMotor(true);
  const run2 = s.box.selfTest({ phase: 'fase-2' });
  await s.timers.run(6000);
  const rep2 = await run2;
  t.equal(rep2.passed, false);
  t.same(rep2.checks.filter((c) => c.outcome === 'fail').map((c) => c.id), ['deposit-sensor', 'flap']);
  await s.box.close();
});

t.test('a controller that restarts while an OPEN_FLAP is on its way opens the flap at most once for it, and never by itself', async (t) => {
  // The power cut lands at every moment of the command: before it arrives, while the flap
  // travels, after its (lost) ACK.
  for (let turns = 0; turns <= 12; turns++) {
    const s = await setup();
    s.wire.dropDeviceOutput(turns % 2);
    const open = s.box.openFlap(500);
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
    if (turns > 6) await s.timers.run(turns * 15);
    const before = s.controller.flapHistory.length;
    s.controller.powerUp();
    t.equal(s.controller.state.flap, 'closed', `after ${turns} turns: closed at power-up`);
    await s.timers.run(40_000);
    await open;
    const after = s.controller.flapHistory.slice(before);
    t.notOk(after.includes('opening'), `after ${turns} turns: the restarted controller did not open it again (${after.join(',')})`);
    t.ok(s.controller.openCommands <= 1, `after ${turns} turns: ${s.controller.openCommands} executed`);
    t.equal(s.controller.state.flap, 'closed');
    await s.box.close();
  }
});

t.test('property: whatever goes wrong, the flap opens only for an openFlap() call and ends closed', async (t) => {
  type Step =
    | { op: 'open'; ms: number }
    | { op: 'close' }
    | { op: 'deposit' }
    | { op: 'drop'; n: number }
    | { op: 'corrupt' }
    | { op: 'cut' }
    | { op: 'mend' }
    | { op: 'cover'; open: boolean }
    | { op: 'reboot' }
    | { op: 'wait'; ms: number };
  const step = fc.oneof(
    fc.record({ op: fc.constant('open' as const), ms: fc.integer({ min: 500, max: 5000 }) }),
    fc.record({ op: fc.constant('close' as const) }),
    fc.record({ op: fc.constant('deposit' as const) }),
    fc.record({ op: fc.constant('drop' as const), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('corrupt' as const) }),
    fc.record({ op: fc.constant('cut' as const) }),
    fc.record({ op: fc.constant('mend' as const) }),
    fc.record({ op: fc.constant('cover' as const), open: fc.boolean() }),
    fc.record({ op: fc.constant('reboot' as const) }),
    fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps: Step[]) => {
      const s = await setup();
      let openCalls = 0;
      const pending: Promise<unknown>[] = [];
      for (const st of steps) {
        switch (st.op) {
          case 'open':
            openCalls++;
            pending.push(s.box.openFlap(st.ms));
            break;
          case 'close':
            pending.push(s.box.closeFlap());
            break;
          case 'deposit':
            s.controller.deposit();
            break;
          case 'drop':
            s.wire.dropDeviceOutput(st.n);
            break;
          case 'corrupt':
            s.wire.corruptNextDeviceOutput();
            break;
          case 'cut':
            s.wire.cut();
            break;
          case 'mend':
            s.wire.mend();
            break;
          case 'cover':
            s.controller.setCover(st.open ? 'open' : 'closed');
            break;
          case 'reboot':
            s.controller.powerUp();
            break;
          case 'wait':
            await s.timers.run(st.ms);
            break;
        }
        await s.timers.run(50);
      }
      s.wire.mend();
      await s.timers.run(40_000);
      await Promise.all(pending);
      const openings = s.controller.flapHistory.filter((f) => f === 'opening').length;
      const ok = openings <= s.controller.openCommands && s.controller.openCommands <= openCalls && s.controller.state.flap === 'closed';
      await s.box.close();
      return ok;
    }),
    { numRuns: 150, seed: 0xb0c5 },
  );
  t.pass('property held');
});

t.test('simulator: the same driver on an emulated controller, with a cable to pull', async (t) => {
  const timers = new ManualTimers();
  const sim = createBallotBox({ kind: 'simulated' }, timers);
  await timers.run(0);
  t.equal(sim.implementation, 'simulated');
  t.equal(sim.status().kind, 'connected');
  t.same(await sim.openFlap(3000), { ok: true });
  await timers.run(200);
  t.equal(sim.controller.deposit(), 'deposited');
  sim.pullCable();
  await timers.run(2500);
  t.equal(sim.status().kind, 'disconnected');
  sim.plugCable();
  await timers.run(1500);
  t.equal(sim.status().kind, 'connected');
  const rep = sim.selfTest({ phase: 'fase-2' });
  await timers.run(6000);
  t.equal((await rep).implementation, 'simulated');
  await sim.close();
});
