// A serial line for tests: serialport's MockBinding with the device end exposed. The host
// side is the real driver code (SerialPortStream and all); the test plays the device,
// sees every byte the host wrote and can answer, stay silent, or pull the cable.

import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import type { SerialBinding } from '../serial/channel.ts';

export interface MockLine {
  readonly path: string;
  readonly binding: SerialBinding;
  /** Every chunk the host wrote, in order. */
  readonly written: Uint8Array[];
  /** How often the host opened the port. */
  readonly opens: number;
  readonly isOpen: boolean;
  /** Device → host bytes. Ignored while the port is closed (as on a real line). */
  toHost(bytes: Uint8Array): void;
  onHostWrite(listener: (bytes: Uint8Array) => void): void;
  /** The USB-serial adapter disappears: the open port fails and reopening fails until `replug`. */
  unplug(): void;
  replug(): void;
  writtenBytes(): Uint8Array;
}

let counter = 0;

export function createMockLine(name = 'ttyMOCK'): MockLine {
  const path = `/dev/${name}${counter++}`;
  MockBinding.createPort(path, { record: true });
  const written: Uint8Array[] = [];
  const listeners: ((bytes: Uint8Array) => void)[] = [];
  let current: MockPortBinding | null = null;
  let unplugged = false;
  let opens = 0;

  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options) {
      if (unplugged) throw new Error(`cannot open ${options.path}: no such device`);
      const port = await MockBinding.open(options);
      opens++;
      const originalWrite = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await originalWrite(buffer);
        const bytes = new Uint8Array(buffer);
        written.push(bytes);
        for (const l of listeners) l(bytes);
      };
      const originalRead = port.read.bind(port);
      port.read = async (buffer: Buffer, offset: number, length: number) => {
        if (unplugged) throw new Error('device reports readiness to read but returned no data (unplugged)');
        return originalRead(buffer, offset, length);
      };
      current = port;
      return port;
    },
  };

  return {
    path,
    binding,
    written,
    get opens() {
      return opens;
    },
    get isOpen() {
      return current?.isOpen ?? false;
    },
    toHost(bytes) {
      if (current?.isOpen) current.emitData(Buffer.from(bytes));
    },
    onHostWrite(listener) {
      listeners.push(listener);
    },
    unplug() {
      unplugged = true;
      const port = current as unknown as { pendingRead: ((err?: Error) => void) | null } | null;
      // A pending read fails the way a vanished tty does; the stream then reports a disconnect.
      const pending = port?.pendingRead;
      if (port && pending) {
        port.pendingRead = null;
        pending(new Error('device unplugged'));
      }
    },
    replug() {
      unplugged = false;
    },
    writtenBytes() {
      return Uint8Array.from(written.flatMap((w) => [...w]));
    },
  };
}
