import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDeviceFileChannel } from '../../src/printer/device-file-channel.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { untilTrue } from '../helpers/until.ts';

t.test('writes reach the device file byte for byte', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ovs-lp-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'lp0');
  closeSync(openSync(path, 'w'));
  const timers = new ManualTimers();
  const ch = openDeviceFileChannel({ path }, timers);
  await untilTrue(timers, () => ch.state === 'open');
  t.equal(ch.state, 'open');
  const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff);
  t.same(await ch.write(bytes), { ok: true });
  t.ok(readFileSync(path).equals(Buffer.from(bytes)));
  await ch.close();
  t.equal(ch.state, 'closed');
});

t.test('answer bytes are read without blocking (FIFO stands in for the device)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ovs-lp-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'fifo');
  execFileSync('mkfifo', [path]);
  const timers = new ManualTimers();
  const ch = openDeviceFileChannel({ path }, timers);
  const got: number[] = [];
  ch.onData((b) => got.push(...b));
  await untilTrue(timers, () => ch.state === 'open');
  t.equal(ch.state, 'open');
  await timers.run(100);
  t.same(got, [], 'nothing to read, and no thread blocked');
  const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  writeSync(fd, Uint8Array.of(0x12, 0x16));
  closeSync(fd);
  await untilTrue(timers, () => got.length >= 2);
  t.same(got, [0x12, 0x16]);
  await ch.close();
});

t.test('a missing device is retried until it appears', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ovs-lp-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'lp0');
  const timers = new ManualTimers();
  const ch = openDeviceFileChannel({ path, reopenMs: 500 }, timers);
  await untilTrue(timers, () => ch.state === 'closed', 1, 200);
  t.equal(ch.state, 'closed');
  t.same(await ch.write(Uint8Array.of(1)), { ok: false, error: 'closed' });
  closeSync(openSync(path, 'w'));
  await untilTrue(timers, () => ch.state === 'open');
  t.equal(ch.state, 'open');
  await ch.close();
});
