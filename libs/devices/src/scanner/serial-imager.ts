// Host driver for a decoding imager on the OVS serial link: the ballot box's imager and the
// voting computer's hand scanner. Each decoded barcode arrives once (the link deduplicates
// resent events) and is handed on as bytes; nothing is logged.

import { done, err } from '@ovs/basics';
import type { ByteChannel } from '../serial/channel.ts';
import { DeviceClass } from '../serial/link-codes.ts';
import { DEFAULT_LINK_TIMING, HostLink, type CommandError, type LinkTiming } from '../serial/link-host.ts';
import { check, report, type SelfTestCheck, type SelfTestOptions, type SelfTestReport } from '../self-test.ts';
import type { Timers } from '../timers.ts';
import { BeepPattern, Command, decodeImagerStatus, Event, symbologyName, type ImagerStatus } from './protocol.ts';
import type { DecodedScan, HandScanner, Scanner, ScannerResult, ScannerStatus } from './scanner.ts';
import { waitForScan } from './wait-for-scan.ts';

const scannerError = (e: CommandError): 'refused' | 'timeout' | 'disconnected' => (e.code === 'nak' ? 'refused' : e.code === 'timeout' ? 'timeout' : 'disconnected');

export class SerialImager implements Scanner, HandScanner {
  readonly implementation: 'real' | 'simulated';
  private readonly link: HostLink;
  private imager: ImagerStatus | null = null;
  private readonly listeners = new Set<(scan: DecodedScan) => void>();

  constructor(
    channel: ByteChannel,
    private readonly timers: Timers,
    options: {
      readonly timing?: LinkTiming;
      readonly implementation?: 'real' | 'simulated';
      readonly scanWaitMs?: number;
      /** Which device the self-test report names: the ballot box's imager or the hand scanner. */
      readonly role?: 'scanner' | 'hand-scanner';
    } = {},
  ) {
    this.implementation = options.implementation ?? 'real';
    this.scanWaitMs = options.scanWaitMs ?? 15_000;
    this.role = options.role ?? 'scanner';
    this.link = new HostLink(channel, DeviceClass.imager, timers, options.timing ?? DEFAULT_LINK_TIMING);
    this.link.onHeartbeat((b) => this.remember(b));
    this.link.onState((s) => {
      if (s.kind === 'up') {
        void this.link.command(Command.getStatus).then((r) => {
          if (r.ok) this.remember(r.value);
        });
      } else this.imager = null;
    });
    this.link.onEvent((type, payload) => {
      if (type !== Event.decoded || payload.length < 2) return;
      const scan: DecodedScan = { kind: 'decoded', symbology: symbologyName(payload[0] ?? 0), bytes: payload.slice(1) };
      for (const l of this.listeners) l(scan);
    });
  }

  private readonly scanWaitMs: number;
  private readonly role: 'scanner' | 'hand-scanner';

  status(): ScannerStatus {
    const s = this.link.state;
    switch (s.kind) {
      case 'starting':
        return { kind: 'disconnected', reason: 'starting' };
      case 'down':
        return { kind: 'disconnected', reason: s.reason };
      case 'up':
        if (this.imager === null) return { kind: 'disconnected', reason: 'starting' };
        if (this.imager.fault) return { kind: 'fault' };
        return this.imager.enabled ? { kind: 'ready' } : { kind: 'disabled' };
      default:
        return s satisfies never;
    }
  }

  onScan(listener: (scan: DecodedScan) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async setEnabled(enabled: boolean): Promise<ScannerResult> {
    const r = await this.link.command(Command.setEnabled, Uint8Array.of(enabled ? 1 : 0));
    if (r.ok) {
      this.imager = { enabled, fault: this.imager?.fault ?? false };
      return done;
    }
    return err(scannerError(r.error));
  }

  /** Audible feedback on the imager (accepted / refused). */
  async beep(kind: 'good' | 'bad'): Promise<ScannerResult> {
    const r = await this.link.command(Command.beep, Uint8Array.of(kind === 'good' ? BeepPattern.good : BeepPattern.bad));
    return r.ok ? done : err(scannerError(r.error));
  }

  async selfTest(options: SelfTestOptions): Promise<SelfTestReport> {
    const checks: SelfTestCheck[] = [];
    const link = this.link.state;
    if (link.kind !== 'up') {
      checks.push(check('link', 'Imager answers', 'fail', 'no answer: check cable and power'));
      return report(this.role, this.implementation, options.phase, null, checks);
    }
    checks.push(check('link', 'Imager answers', 'pass', `${link.identity.model} firmware ${link.identity.firmware}`));
    const st = this.status();
    checks.push(check('status', 'Imager ready', st.kind === 'ready' ? 'pass' : 'fail', st.kind));
    if (st.kind === 'ready') checks.push(await waitForScan(this, this.timers, this.scanWaitMs));
    return report(this.role, this.implementation, options.phase, link.identity, checks);
  }

  async close(): Promise<void> {
    await this.link.close();
  }

  private remember(b: Uint8Array): void {
    const s = decodeImagerStatus(b);
    if (s !== null) this.imager = s;
  }
}
