// A camera under the ballot box's glass plate. Frames come from a capture process that
// writes raw 8-bit grayscale frames of a known size to its standard output (by default
// ffmpeg reading V4L2), which keeps native capture code out of this package. The app
// decodes the frames (zxing-wasm); this driver only cuts the stream into frames.

import { spawn, type ChildProcess } from 'node:child_process';
import { done } from '@ovs/basics';
import type { GrayImage } from '../image.ts';
import { check, report, type SelfTestCheck, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import type { FrameScan, Scanner, ScannerResult, ScannerStatus } from './scanner.ts';
import { waitForScan } from './wait-for-scan.ts';

export interface CameraConfig {
  readonly device: string;
  readonly width: number;
  readonly height: number;
  readonly fps?: number;
  /** The capture command; must write width*height bytes per frame to stdout. */
  readonly command?: readonly string[];
  readonly restartMs?: number;
}

export function defaultCaptureCommand(c: CameraConfig): string[] {
  return [
    'ffmpeg', '-loglevel', 'error', '-f', 'v4l2', '-video_size', `${c.width}x${c.height}`, '-framerate', String(c.fps ?? 10),
    '-i', c.device, '-f', 'rawvideo', '-pix_fmt', 'gray', '-',
  ];
}

export class CameraScanner implements Scanner {
  readonly implementation = 'real' as const;
  private child: ChildProcess | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private frames = 0;
  private enabled = true;
  private running = false;
  private closed = false;
  private readonly listeners = new Set<(scan: FrameScan) => void>();

  constructor(
    private readonly config: CameraConfig,
    private readonly timers: Timers,
  ) {
    this.start();
  }

  status(): ScannerStatus {
    if (this.closed) return { kind: 'disconnected', reason: 'closed' };
    if (!this.running || this.frames === 0) return { kind: 'disconnected', reason: 'no-frames' };
    return this.enabled ? { kind: 'ready' } : { kind: 'disabled' };
  }

  onScan(listener: (scan: FrameScan) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setEnabled(enabled: boolean): Promise<ScannerResult> {
    this.enabled = enabled;
    return Promise.resolve(done);
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const checks: SelfTestCheck[] = [];
    const frame = await this.nextFrame(5000);
    if (frame === null) {
      checks.push(check('frames', 'Camera delivers frames', 'fail', 'no frame within 5 s: check the camera cable'));
      return report('scanner', 'real', options.phase, null, checks);
    }
    checks.push(check('frames', 'Camera delivers frames', 'pass', `${frame.width} x ${frame.height}`));
    const { min, max } = range(frame);
    checks.push(check('contrast', 'Image has contrast', max - min >= 64 ? 'pass' : 'fail', `grey levels ${min}..${max} (lamp on, lens clear?)`));
    checks.push(await waitForScan(this, this.timers, 15_000));
    checks.push(check('focus', 'Focus and framing', 'operator', 'the whole glass plate is in view and the test ballot barcode is sharp on the preview'));
    return report('scanner', 'real', options.phase, null, checks);
  }

  close(): Promise<void> {
    this.closed = true;
    this.child?.kill();
    return Promise.resolve();
  }

  private nextFrame(ms: number): Promise<GrayImage | null> {
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(() => {
        off();
        resolve(null);
      }, ms);
      const off = this.onScan((s) => {
        this.timers.clearTimeout(timer);
        off();
        resolve(s.image);
      });
    });
  }

  private start(): void {
    if (this.closed) return;
    const [cmd, ...args] = this.config.command ?? defaultCaptureCommand(this.config);
    if (cmd === undefined) return;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child = child;
    this.running = true;
    this.pending = [];
    this.pendingBytes = 0;
    child.on('error', () => undefined); // reported through 'close'
    child.stdout?.on('data', (chunk: Buffer) => this.take(chunk));
    child.on('close', () => {
      this.running = false;
      this.child = null;
      if (!this.closed) this.timers.setTimeout(() => this.start(), this.config.restartMs ?? 2000);
    });
  }

  private take(chunk: Buffer): void {
    const size = this.config.width * this.config.height;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= size) {
      const all = Buffer.concat(this.pending);
      const frame = new Uint8Array(all.subarray(0, size));
      this.pending = [all.subarray(size)];
      this.pendingBytes = all.length - size;
      this.frames++;
      if (!this.enabled) continue;
      const scan: FrameScan = { kind: 'frame', image: { width: this.config.width, height: this.config.height, data: frame } };
      for (const l of this.listeners) l(scan);
    }
  }
}

function range(img: GrayImage): { min: number; max: number } {
  let min = 255;
  let max = 0;
  for (const v of img.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
