// A byte channel over a character device, for USB printers driven by the kernel's usblp
// driver (/dev/usb/lp0). Opened non-blocking so that reading status never parks a thread:
// the channel polls for answer bytes instead. A vanished device (ENODEV) closes the
// channel; it is reopened in the background like a serial port.

import { constants, promises as fs } from 'node:fs';
import { done, err } from '@ovs/basics';
import type { ByteChannel, ChannelState, WriteResult } from '../serial/channel.ts';
import { sleep, type Timers } from '../timers.ts';

export interface DeviceFileConfig {
  readonly path: string;
  /** How often to look for answer bytes. Default 20 ms. */
  readonly pollMs?: number;
  readonly reopenMs?: number;
}

export function openDeviceFileChannel(config: DeviceFileConfig, timers: Timers): ByteChannel {
  return new DeviceFileChannel(config, timers);
}

class DeviceFileChannel implements ByteChannel {
  state: ChannelState = 'opening';
  private handle: fs.FileHandle | null = null;
  private closedForGood = false;
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly stateListeners = new Set<(state: ChannelState) => void>();
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: DeviceFileConfig,
    private readonly timers: Timers,
  ) {
    void this.open();
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onState(listener: (state: ChannelState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  write(bytes: Uint8Array): Promise<WriteResult> {
    const run = this.writing.then(() => this.writeAll(bytes));
    this.writing = run;
    return run;
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    await this.writing.catch(() => undefined);
    const h = this.handle;
    this.handle = null;
    await h?.close().catch(() => undefined);
    this.setState('closed');
  }

  private async writeAll(bytes: Uint8Array): Promise<WriteResult> {
    let offset = 0;
    while (offset < bytes.length) {
      const h = this.handle;
      if (h === null) return err('closed');
      try {
        const { bytesWritten } = await h.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (e) {
        if (errno(e) === 'EAGAIN') {
          await sleep(this.timers, this.config.pollMs ?? 20); // printer buffer full: wait for it
          continue;
        }
        await this.lost();
        return err('write-failed');
      }
    }
    return done;
  }

  private async open(): Promise<void> {
    if (this.closedForGood) return;
    this.setState('opening');
    try {
      this.handle = await fs.open(this.config.path, constants.O_RDWR | constants.O_NONBLOCK);
    } catch {
      this.setState('closed');
      this.timers.setTimeout(() => void this.open(), this.config.reopenMs ?? 1000);
      return;
    }
    this.setState('open');
    this.poll();
  }

  private poll(): void {
    this.timers.setTimeout(() => void this.readOnce(), this.config.pollMs ?? 20);
  }

  private async readOnce(): Promise<void> {
    const h = this.handle;
    if (h === null || this.closedForGood) return;
    const buf = new Uint8Array(64);
    try {
      const { bytesRead } = await h.read(buf, 0, buf.length, null);
      if (bytesRead > 0) {
        const bytes = buf.slice(0, bytesRead);
        for (const l of this.dataListeners) l(bytes);
      }
    } catch (e) {
      if (errno(e) !== 'EAGAIN') {
        await this.lost();
        return;
      }
    }
    this.poll();
  }

  private async lost(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close().catch(() => undefined);
    this.setState('closed');
    if (!this.closedForGood) this.timers.setTimeout(() => void this.open(), this.config.reopenMs ?? 1000);
  }

  private setState(state: ChannelState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
