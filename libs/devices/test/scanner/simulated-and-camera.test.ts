import t from 'tap';
import jsQR from 'jsqr';
import { bitmapToPng } from '../../src/image.ts';
import { createPrinter } from '../../src/printer/create-printer.ts';
import { createHandScanner, createScanner } from '../../src/scanner/create-scanner.ts';
import type { ScanInput } from '../../src/scanner/scanner.ts';
import { ManualTimers } from '../../src/testing/manual-timers.ts';
import { BALLOT_QR_TEXT, ballotJob } from '../fixtures/printer/jobs.ts';

t.test('the simulated box scans exactly the paper the simulated printer produced', async (t) => {
  const printer = createPrinter({ kind: 'simulated' });
  await printer.print(ballotJob());
  const ticket = printer.tickets[0];
  if (!ticket) return t.fail('nothing printed');
  const scanner = createScanner({ kind: 'simulated' }, new ManualTimers());
  const seen: ScanInput[] = [];
  scanner.onScan((s) => seen.push(s));
  t.same(scanner.feedPng(ticket.png()), { ok: true });
  const frame = seen[0];
  if (frame?.kind !== 'frame') return t.fail('expected a frame');
  const rgba = new Uint8ClampedArray(frame.image.width * frame.image.height * 4);
  frame.image.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  t.equal(jsQR(rgba, frame.image.width, frame.image.height)?.data, BALLOT_QR_TEXT);
});

t.test('simulated scanner: bad input, disabled, disconnected', async (t) => {
  const scanner = createScanner({ kind: 'simulated' }, new ManualTimers());
  t.same(scanner.feedPng(Uint8Array.of(1, 2, 3)), { ok: false, error: 'bad-png' });
  await scanner.setEnabled(false);
  t.same(scanner.feedBytes(Uint8Array.of(1)), { ok: false, error: 'disabled' });
  t.same(scanner.status(), { kind: 'disabled' });
  await scanner.setEnabled(true);
  scanner.setConnected(false);
  t.same(scanner.feedBytes(Uint8Array.of(1)), { ok: false, error: 'disconnected' });
  t.same(await scanner.setEnabled(true), { ok: false, error: 'disconnected' });
  scanner.setConnected(true);
  scanner.setFault(true);
  t.same(scanner.status(), { kind: 'fault' });
});

t.test('simulated hand scanner delivers decoded bytes and self-tests', async (t) => {
  const timers = new ManualTimers();
  const hand = createHandScanner({ kind: 'simulated', scanWaitMs: 1000 }, timers);
  const got: number[][] = [];
  hand.onScan((s) => got.push([...s.bytes]));
  const rep = hand.selfTest({ phase: 'fase-1' });
  hand.feedBytes(Uint8Array.of(0, 255, 7));
  await timers.run(0);
  t.same(got, [[0, 255, 7]]);
  const r = await rep;
  t.equal(r.device, 'hand-scanner');
  t.equal(r.implementation, 'simulated');
  t.equal(r.passed, true);
});

t.test('camera: the capture process output is cut into frames of the configured size', async (t) => {
  const timers = new ManualTimers();
  // Stands in for ffmpeg: three 4 x 3 frames in uneven chunks, then stays alive.
  const script = `
    const f = (v) => Buffer.alloc(12, v);
    const all = Buffer.concat([f(10), f(128), f(250)]);
    process.stdout.write(all.subarray(0, 5));
    setTimeout(() => process.stdout.write(all.subarray(5, 30)), 20);
    setTimeout(() => process.stdout.write(all.subarray(30)), 40);
    setTimeout(() => {}, 5000);
  `;
  const cam = createScanner({ kind: 'camera', device: '/dev/video-test', width: 4, height: 3, command: [process.execPath, '-e', script] }, timers);
  const frames: number[] = [];
  const done = new Promise<void>((resolve) => {
    cam.onScan((s) => {
      if (s.kind === 'frame') frames.push(s.image.data[0] ?? -1);
      if (frames.length === 3) resolve();
    });
  });
  await done;
  t.same(frames, [10, 128, 250]);
  t.same(cam.status(), { kind: 'ready' });
  await cam.close();
  t.same(cam.status(), { kind: 'disconnected', reason: 'closed' });
});

t.test('camera: no capture program means no frames, reported as such', async (t) => {
  const timers = new ManualTimers();
  const cam = createScanner({ kind: 'camera', device: '/dev/none', width: 4, height: 3, command: ['/nonexistent/capture'] }, timers);
  await timers.run(100);
  t.same(cam.status(), { kind: 'disconnected', reason: 'no-frames' });
  const rep = cam.selfTest({ phase: 'fase-2' });
  await timers.run(5000);
  const r = await rep;
  t.equal(r.passed, false);
  t.equal(r.checks[0]?.id, 'frames');
  await cam.close();
});

t.test('a simulated printer page as a PNG is a real PNG', async (t) => {
  const printer = createPrinter({ kind: 'simulated' });
  await printer.print({ elements: [{ kind: 'text', text: 'x' }, { kind: 'cut' }] });
  const img = printer.tickets[0]?.image;
  if (!img) return t.fail('no ticket');
  t.same([...bitmapToPng(img).subarray(1, 4)], [0x50, 0x4e, 0x47]);
});
