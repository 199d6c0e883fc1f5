import t from 'tap';
import { done, err, ok } from '@ovs/basics';
import { openSerialChannel } from '../../src/serial/channel.ts';
import { encodeFrame, FrameDecoder } from '../../src/serial/frame.ts';
import { DeviceLink } from '../../src/serial/link-device.ts';
import { ACK, DeviceClass, HELLO, NAK, NakCode, PING, PROTOCOL_VERSION } from '../../src/serial/link-codes.ts';
import { HostLink, type LinkState } from '../../src/serial/link-host.ts';
import { createMockLine } from '../../src/testing/mock-serial.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { wire } from './../helpers/line-device.ts';

const CMD_ECHO = 0x10;
const CMD_COUNT = 0x11;
const EV_THING = 0x41;

function setup(expectedClass: number = DeviceClass.alarmModule) {
  const line = createMockLine();
  const timers = new ManualTimers();
  let executed = 0;
  const deviceRef: { link: DeviceLink | null } = { link: null };
  const { wire: w, send } = wire(line, { receive: (b) => deviceRef.link?.receive(b) });
  const device = new DeviceLink(send, {
    deviceClass: DeviceClass.alarmModule,
    identity: { model: 'TEST-1', firmware: '1.0.0', serial: 'S123' },
    timers,
    status: () => Uint8Array.of(0x42),
    handle: (type, payload) => {
      switch (type) {
        case CMD_ECHO:
          return ok(payload);
        case CMD_COUNT:
          executed++;
          return ok(Uint8Array.of(executed));
        default:
          return err(0x01);
      }
    },
  });
  deviceRef.link = device;
  const channel = openSerialChannel({ path: line.path, baudRate: 115200, binding: line.binding }, timers);
  const link = new HostLink(channel, expectedClass, timers);
  const states: LinkState[] = [];
  link.onState((s) => states.push(s));
  const events: [number, Uint8Array][] = [];
  link.onEvent((type, payload) => events.push([type, payload]));
  return { line, timers, device, link, wire: w, states, events, executed: () => executed };
}

t.test('HELLO identifies the device and brings the link up', async (t) => {
  const s = setup();
  await s.timers.run(0);
  t.same(s.link.state, { kind: 'up', identity: { model: 'TEST-1', firmware: '1.0.0', serial: 'S123' } });
  const r = await s.link.command(CMD_ECHO, Uint8Array.of(1, 2, 3));
  t.same(r, { ok: true, value: Uint8Array.of(1, 2, 3) });
  const nak = await s.link.command(0x3e);
  t.same(nak, { ok: false, error: { code: 'nak', nak: 1 } });
  await s.link.close();
});

t.test('the host writes exactly the encoded frames', async (t) => {
  const s = setup();
  await s.timers.run(0);
  const before = s.line.written.length;
  await s.link.command(CMD_ECHO, Uint8Array.of(0xa5, 0x5a));
  const sent = s.line.written.slice(before);
  t.equal(sent.length, 1);
  const decoded = new FrameDecoder().push(sent[0] ?? new Uint8Array(0));
  t.equal(decoded.length, 1);
  const f = decoded[0]?.kind === 'frame' ? decoded[0].frame : null;
  t.ok(f);
  t.same(sent[0], encodeFrame({ seq: f?.seq ?? -1, type: CMD_ECHO, payload: Uint8Array.of(0xa5, 0x5a) }));
  await s.link.close();
});

t.test('a wrong device class keeps the link down', async (t) => {
  const s = setup(DeviceClass.ballotBoxController);
  await s.timers.run(0);
  t.same(s.link.state, { kind: 'down', reason: 'wrong-device' });
  t.same(await s.link.command(CMD_ECHO), { ok: false, error: { code: 'link-down' } });
  await s.link.close();
});

t.test('a lost ACK is resent from memory: the command runs once', async (t) => {
  const s = setup();
  await s.timers.run(0);
  s.wire.dropDeviceOutput(1);
  const pending = s.link.command(CMD_COUNT);
  await s.timers.run(200); // ack timeout, resend with the same SEQ
  const r = await pending;
  t.same(r, { ok: true, value: Uint8Array.of(1) });
  t.equal(s.executed(), 1, 'executed once although received twice');
  t.equal(s.link.counters.resends, 1);
  await s.link.close();
});

t.test('a device that restarts between a command and its ACK does not run the resend: it waits for HELLO', async (t) => {
  const s = setup();
  await s.timers.run(0);
  // The ACK is lost and the device loses power before the resend: its duplicate memory is gone.
  s.wire.dropDeviceOutput(1);
  const pending = s.link.command(CMD_COUNT);
  for (let i = 0; i < 1000 && s.executed() === 0; i++) await new Promise((r) => setImmediate(r));
  t.equal(s.executed(), 1, 'run once, its ACK lost');
  s.device.powerCycle();
  // The resend (same SEQ) reaches a device that has forgotten it; the host's HELLO (for the
  // BOOT it heard) waits behind the command in flight.
  await s.timers.run(1000);
  t.same(await pending, { ok: false, error: { code: 'nak', nak: NakCode.notGreeted } }, 'the resend is refused, not run again');
  t.equal(s.executed(), 1, 'still once');
  t.same(await s.link.command(CMD_COUNT), { ok: true, value: Uint8Array.of(2) }, 'greeted again: new commands run');
  await s.link.close();
});

t.test('before its HELLO a device refuses commands with NAK 0x04, answering only PING', async (t) => {
  const timers = new ManualTimers();
  const out: Uint8Array[] = [];
  let ran = 0;
  const device = new DeviceLink((b) => out.push(b), {
    deviceClass: DeviceClass.alarmModule,
    identity: { model: 'TEST-1', firmware: '1.0.0', serial: 'S123' },
    timers,
    status: () => Uint8Array.of(0x42),
    handle: () => {
      ran++;
      return done;
    },
  });
  const reply = (): { type: number; payload: number[] } => {
    const f = new FrameDecoder().push(out.shift() ?? new Uint8Array(0)).find((e) => e.kind === 'frame');
    return f?.kind === 'frame' ? { type: f.frame.type, payload: [...f.frame.payload] } : { type: -1, payload: [] };
  };
  device.receive(encodeFrame({ seq: 1, type: CMD_COUNT, payload: new Uint8Array(0) }));
  t.same(reply(), { type: NAK, payload: [NakCode.notGreeted] });
  device.receive(encodeFrame({ seq: 2, type: PING, payload: new Uint8Array(0) }));
  t.same(reply(), { type: ACK, payload: [0x42] });
  device.receive(encodeFrame({ seq: 3, type: HELLO, payload: Uint8Array.of(PROTOCOL_VERSION) }));
  t.equal(reply().type, ACK);
  device.receive(encodeFrame({ seq: 4, type: CMD_COUNT, payload: new Uint8Array(0) }));
  t.same(reply(), { type: ACK, payload: [] });
  t.equal(ran, 1, 'only the greeted command ran');
  device.stop();
});

t.test('a corrupted reply is discarded and the resend succeeds', async (t) => {
  const s = setup();
  await s.timers.run(0);
  s.wire.corruptNextDeviceOutput();
  const pending = s.link.command(CMD_ECHO, Uint8Array.of(7));
  await s.timers.run(200);
  t.same(await pending, { ok: true, value: Uint8Array.of(7) });
  t.equal(s.link.counters.corruptFrames, 1);
  await s.link.close();
});

t.test('no answer at all: timeout after 1 + retries attempts', async (t) => {
  const s = setup();
  await s.timers.run(0);
  s.wire.cut();
  const before = s.line.written.length;
  const pending = s.link.command(CMD_COUNT);
  await s.timers.run(800);
  t.same(await pending, { ok: false, error: { code: 'timeout' } });
  const attempts = s.line.written.slice(before).filter((w) => new FrameDecoder().push(w).some((e) => e.kind === 'frame' && e.frame.type === CMD_COUNT));
  t.equal(attempts.length, 4);
  await s.link.close();
});

t.test('silence is a pulled cable: link down, then up again when the device answers', async (t) => {
  const s = setup();
  await s.timers.run(0);
  s.wire.cut();
  await s.timers.run(2500);
  t.same(s.link.state, { kind: 'down', reason: 'silent' });
  t.same(await s.link.command(CMD_ECHO), { ok: false, error: { code: 'link-down' } }, 'no command is attempted while down');
  s.wire.mend();
  await s.timers.run(1000);
  t.equal(s.link.state.kind, 'up');
  t.same(s.states.map((x) => x.kind), ['up', 'down', 'up']);
  await s.link.close();
});

t.test('the heartbeat keeps a quiet link up', async (t) => {
  const s = setup();
  await s.timers.run(0);
  await s.timers.run(10_000);
  t.equal(s.link.state.kind, 'up');
  const pings = s.line.written.filter((w) => new FrameDecoder().push(w).some((e) => e.kind === 'frame' && e.frame.type === PING));
  t.ok(pings.length >= 15, `sent ${pings.length} heartbeats in 10 s`);
  await s.link.close();
});

t.test('events are acknowledged, resent until acknowledged, and delivered once', async (t) => {
  const s = setup();
  await s.timers.run(0);
  // The host's ACK gets lost once: the device resends, the host delivers only one copy.
  const hostAcks = () => s.line.written.filter((w) => new FrameDecoder().push(w).some((e) => e.kind === 'frame' && e.frame.type === ACK)).length;
  s.device.emit(EV_THING, Uint8Array.of(9));
  await s.timers.run(0);
  t.equal(s.events.length, 1);
  t.equal(hostAcks(), 1);
  // Now make the device miss the ACK: cut only the host→device direction by resending manually.
  const dup = s.wire.deviceSent.at(-1);
  if (dup) s.line.toHost(dup);
  await s.timers.run(0);
  t.equal(s.events.length, 1, 'duplicate not delivered');
  t.equal(s.link.counters.duplicateEvents, 1);
  t.equal(hostAcks(), 2, 'but acknowledged again');
  await s.link.close();
});

t.test('an event sent while the cable is cut arrives after it is mended', async (t) => {
  const s = setup();
  await s.timers.run(0);
  s.wire.cut();
  s.device.emit(EV_THING, Uint8Array.of(1));
  await s.timers.run(3000);
  t.equal(s.events.length, 0);
  s.wire.mend();
  await s.timers.run(1500);
  t.same(s.events.map(([type, p]) => [type, [...p]]), [[EV_THING, [1]]]);
  await s.link.close();
});

t.test('unplugged adapter: link down, port reopened after replug', async (t) => {
  const s = setup();
  await s.timers.run(0);
  t.equal(s.line.opens, 1);
  const pending = s.link.command(CMD_ECHO);
  s.line.unplug();
  t.same(await pending, { ok: false, error: { code: 'link-down' } });
  await s.timers.run(0);
  t.same(s.link.state, { kind: 'down', reason: 'no-port' });
  await s.timers.run(3000);
  t.equal(s.line.opens, 1, 'cannot reopen while unplugged');
  s.line.replug();
  await s.timers.run(1000);
  t.equal(s.line.opens, 2);
  t.equal(s.link.state.kind, 'up');
  await s.link.close();
});

t.test('device watchdog trips when the host falls silent', async (t) => {
  const timers = new ManualTimers();
  let tripped = 0;
  const d = new DeviceLink(() => undefined, {
    deviceClass: 1,
    identity: { model: 'm', firmware: 'f', serial: 's' },
    timers,
    status: () => new Uint8Array(0),
    handle: () => done,
    watchdogMs: 2000,
    onWatchdog: () => tripped++,
  });
  await timers.run(1999);
  t.equal(tripped, 0);
  d.receive(encodeFrame({ seq: 1, type: PING, payload: new Uint8Array(0) }));
  await timers.run(1999);
  t.equal(tripped, 0, 'a valid frame rearms it');
  await timers.run(1);
  t.equal(tripped, 1);
  await timers.run(10_000);
  t.equal(tripped, 1, 'once per silence');
  d.stop();
});
