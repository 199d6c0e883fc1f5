// Scanner simulators. The ballot box's one is fed the PNG the simulated printer produced
// (so the demo scans exactly what was printed) or raw decoded bytes; the hand scanner's
// one is fed decoded bytes only, as a real hand scanner delivers them.

import { done, err, type Result } from '@ovs/basics';
import { pngToGray, type GrayImage } from '../image.ts';
import { check, report, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import type { DecodedScan, HandScanner, ScanInput, Scanner, ScannerResult, ScannerStatus, SymbologyName } from './scanner.ts';
import { waitForScan } from './wait-for-scan.ts';

export type FeedResult = Result<void, 'bad-png' | 'disabled' | 'disconnected' | 'fault'>;

export class SimulatedScanner implements Scanner {
  readonly implementation = 'simulated' as const;
  private enabled = true;
  private connected = true;
  private fault = false;
  private readonly listeners = new Set<(scan: ScanInput) => void>();

  constructor(
    private readonly timers: Timers,
    private readonly options: { readonly scanWaitMs?: number } = {},
  ) {}

  status(): ScannerStatus {
    if (!this.connected) return { kind: 'disconnected', reason: 'no-port' };
    if (this.fault) return { kind: 'fault' };
    return this.enabled ? { kind: 'ready' } : { kind: 'disabled' };
  }

  onScan(listener: (scan: ScanInput) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setEnabled(enabled: boolean): Promise<ScannerResult> {
    if (!this.connected) return Promise.resolve(err('disconnected'));
    this.enabled = enabled;
    return Promise.resolve(done);
  }

  /** Puts a picture on the glass: any PNG (a printed ballot, a photo, noise). */
  feedPng(png: Uint8Array): FeedResult {
    const decoded = pngToGray(png);
    if (!decoded.ok) return err('bad-png');
    return this.feedImage(decoded.value);
  }

  feedImage(image: GrayImage): FeedResult {
    return this.deliver({ kind: 'frame', image });
  }

  /** What a decoding imager would report for a barcode holding `bytes`. */
  feedBytes(bytes: Uint8Array, symbology: SymbologyName = 'qr'): FeedResult {
    return this.deliver({ kind: 'decoded', symbology, bytes: Uint8Array.from(bytes) });
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
  }

  setFault(fault: boolean): void {
    this.fault = fault;
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const st = this.status();
    const checks = [check('status', 'Scanner ready', st.kind === 'ready' ? 'pass' : 'fail', st.kind)];
    if (st.kind === 'ready') checks.push(await waitForScan(this, this.timers, this.options.scanWaitMs ?? 15_000));
    return report('scanner', 'simulated', options.phase, null, checks);
  }

  close(): Promise<void> {
    this.connected = false;
    return Promise.resolve();
  }

  private deliver(scan: ScanInput): FeedResult {
    if (!this.connected) return err('disconnected');
    if (this.fault) return err('fault');
    if (!this.enabled) return err('disabled');
    for (const l of this.listeners) l(scan);
    return done;
  }
}

export class SimulatedHandScanner implements HandScanner {
  readonly implementation = 'simulated' as const;
  private readonly inner: SimulatedScanner;

  constructor(timers: Timers, options: { readonly scanWaitMs?: number } = {}) {
    this.inner = new SimulatedScanner(timers, options);
  }

  status(): ScannerStatus {
    return this.inner.status();
  }

  onScan(listener: (scan: DecodedScan) => void): () => void {
    return this.inner.onScan((s) => {
      if (s.kind === 'decoded') listener(s);
    });
  }

  feedBytes(bytes: Uint8Array, symbology: SymbologyName = 'qr'): FeedResult {
    return this.inner.feedBytes(bytes, symbology);
  }

  setConnected(connected: boolean): void {
    this.inner.setConnected(connected);
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const r = await this.inner.selfTest(options);
    return { ...r, device: 'hand-scanner' };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
