import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { done, err } from '@ovs/basics';
import { SET_ALARM } from '../../src/alarm/alarm-outputs.ts';
import type { AlarmStatus } from '../../src/alarm/alarm.ts';
import { createAlarm } from '../../src/alarm/create-alarm.ts';
import { DeviceLink } from '../../src/serial/link-device.ts';
import { DeviceClass, NakCode } from '../../src/serial/link-codes.ts';
import { createMockLine } from '../../src/testing/mock-serial.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { wire } from '../helpers/line-device.ts';
import { until } from '../helpers/until.ts';

t.test('simulated: raise keeps every reason until the president resets', async (t) => {
  const alarm = createAlarm({ kind: 'simulated' }, new ManualTimers());
  const seen: AlarmStatus[] = [];
  alarm.onChange((s) => seen.push(s));
  t.same(alarm.status(), { kind: 'quiet' });
  await alarm.raise('card-pulled');
  await alarm.raise('printer-fault');
  await alarm.raise('card-pulled');
  t.same(alarm.status(), { kind: 'raised', reasons: ['card-pulled', 'printer-fault'] });
  t.equal(alarm.sounding, true);
  await alarm.reset();
  t.same(alarm.status(), { kind: 'quiet' });
  t.equal(alarm.sounding, false);
  t.equal(seen.length, 4);
  alarm.setBroken(true);
  t.same(await alarm.raise('inactivity'), { ok: false, error: 'write-failed' });
  t.same(alarm.status(), { kind: 'fault', error: 'write-failed', reasons: ['inactivity'] }, 'the reason is kept for the screen');
});

t.test('gpio-file: writes 1 and 0 (inverted when active low)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ovs-gpio-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const value = join(dir, 'value');
  writeFileSync(value, '0\n');
  const timers = new ManualTimers();
  const alarm = createAlarm({ kind: 'gpio-file', path: value }, timers);
  await alarm.raise('tamper');
  t.equal(readFileSync(value, 'utf8'), '1\n');
  await alarm.reset();
  t.equal(readFileSync(value, 'utf8'), '0\n');
  const inverted = createAlarm({ kind: 'gpio-file', path: value, activeLow: true }, timers);
  await inverted.raise('other');
  t.equal(readFileSync(value, 'utf8'), '0\n');
  const missing = createAlarm({ kind: 'gpio-file', path: join(dir, 'no', 'such') }, timers);
  t.same(await missing.raise('other'), { ok: false, error: 'write-failed' });
  t.equal(missing.status().kind, 'fault');
  const r = await until(timers, alarm.selfTest({ phase: 'fase-1' }));
  t.same(r.checks.map((c) => c.outcome), ['pass', 'operator']);
});

t.test('serial alarm module: SET_ALARM on the OVS link, restored after a module restart', async (t) => {
  const line = createMockLine('ttyALM');
  const timers = new ManualTimers();
  let output = 0;
  const ref: { d: DeviceLink | null } = { d: null };
  const { wire: w, send } = wire(line, { receive: (b) => ref.d?.receive(b) });
  ref.d = new DeviceLink(send, {
    deviceClass: DeviceClass.alarmModule,
    identity: { model: 'OVS-ALM-EMU', firmware: '1.0.0', serial: 'A1' },
    timers,
    status: () => Uint8Array.of(output),
    handle: (type, p) => {
      if (type !== SET_ALARM || p.length !== 1) return err(NakCode.badPayload);
      output = p[0] ?? 0;
      return done;
    },
  });
  const alarm = createAlarm({ kind: 'serial', path: line.path, baudRate: 115200, binding: line.binding }, timers);
  await timers.run(0);
  const r = alarm.raise('invalid-actions');
  await timers.run(10);
  t.same(await r, { ok: true });
  t.equal(output, 1);
  output = 0; // the module restarted and lost its output state
  w.cut();
  await timers.run(2500);
  const down = alarm.raise('inactivity');
  await timers.run(10);
  t.same(await down, { ok: false, error: 'disconnected' });
  t.equal(alarm.status().kind, 'fault');
  w.mend();
  await timers.run(1500);
  t.equal(output, 1, 'the driver switched it on again on reconnecting');
  await alarm.close();
});
