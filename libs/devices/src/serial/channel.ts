// A byte pipe to a device that survives a pulled cable: a lost port is reported and
// reopened in the background, so a driver only ever sees "open" or "closed" and bytes.

import { done, err, type Result } from '@ovs/basics';
import { SerialPort } from 'serialport';
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import type { Timers } from '../timers.ts';

/** A serialport binding; tests pass `MockBinding` from @serialport/binding-mock. */
export type SerialBinding = OpenOptions['binding'];

export type ChannelState = 'opening' | 'open' | 'closed';

export type WriteResult = Result<void, 'closed' | 'write-failed'>;

export interface ByteChannel {
  readonly state: ChannelState;
  write(bytes: Uint8Array): Promise<WriteResult>;
  /** Returns an unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  onState(listener: (state: ChannelState) => void): () => void;
  /** Closes for good: no more reopening. */
  close(): Promise<void>;
}

export interface SerialPortConfig {
  readonly path: string;
  readonly baudRate: number;
  /** Hardware flow control; the ESC/POS printer uses it so a busy printer pauses the host. */
  readonly rtscts?: boolean;
  /** Injected binding (tests). Default: serialport's native binding for this OS. */
  readonly binding?: SerialBinding;
  /** Delay before a lost or unopenable port is tried again. Default 1000 ms. */
  readonly reopenMs?: number;
}

export function openSerialChannel(config: SerialPortConfig, timers: Timers): ByteChannel {
  return new SerialChannel(config, timers);
}

class SerialChannel implements ByteChannel {
  state: ChannelState = 'opening';
  private port: SerialPortStream | null = null;
  private closedForGood = false;
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly stateListeners = new Set<(state: ChannelState) => void>();

  constructor(
    private readonly config: SerialPortConfig,
    private readonly timers: Timers,
  ) {
    this.tryOpen();
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
    const port = this.port;
    if (this.state !== 'open' || port === null) return Promise.resolve(err('closed'));
    return new Promise((resolve) => {
      port.write(Buffer.from(bytes), (e) => {
        if (e) resolve(err(this.state === 'open' ? 'write-failed' : 'closed'));
        else
          port.drain((drainErr) => {
            resolve(drainErr ? err('write-failed') : done);
          });
      });
    });
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) {
      await new Promise<void>((resolve) => {
        port.close(() => resolve());
      });
    }
    this.setState('closed');
  }

  private tryOpen(): void {
    if (this.closedForGood) return;
    this.setState('opening');
    const { path, baudRate, rtscts = false, binding } = this.config;
    const port =
      binding === undefined
        ? new SerialPort({ path, baudRate, rtscts, autoOpen: false })
        : new SerialPortStream({ binding, path, baudRate, rtscts, autoOpen: false });
    // Errors arrive through callbacks and 'close'; an unhandled 'error' event would crash the app.
    port.on('error', () => undefined);
    port.open((e) => {
      if (e) {
        this.setState('closed');
        this.scheduleReopen();
        return;
      }
      if (this.closedForGood) {
        port.close(() => undefined);
        return;
      }
      this.port = port;
      port.on('data', (chunk: Buffer) => {
        const bytes = new Uint8Array(chunk);
        for (const l of this.dataListeners) l(bytes);
      });
      port.on('close', () => {
        if (this.port !== port) return;
        this.port = null;
        this.setState('closed');
        this.scheduleReopen();
      });
      this.setState('open');
    });
  }

  private scheduleReopen(): void {
    if (this.closedForGood) return;
    this.timers.setTimeout(() => this.tryOpen(), this.config.reopenMs ?? 1000);
  }

  private setState(state: ChannelState): void {
    if (this.state === state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
}
