// An in-memory serial line: the simulators put the real host driver on one end and a
// protocol emulator on the other, so the demo runs the same driver code as the hardware.
// `cut()` models a cable pulled between the USB adapter and the device: the host's port
// stays open and bytes simply stop arriving, which only the heartbeat can notice.

import { done, err } from '@ovs/basics';
import type { ByteChannel, ChannelState, WriteResult } from './channel.ts';

export interface DeviceEnd {
  send(bytes: Uint8Array): void;
  onReceive(listener: (bytes: Uint8Array) => void): void;
}

export interface Pipe {
  readonly host: ByteChannel;
  readonly device: DeviceEnd;
  cut(): void;
  mend(): void;
  readonly isCut: boolean;
}

export function createPipe(): Pipe {
  let cut = false;
  let state: ChannelState = 'open';
  const toHost = new Set<(bytes: Uint8Array) => void>();
  const toDevice = new Set<(bytes: Uint8Array) => void>();
  const stateListeners = new Set<(s: ChannelState) => void>();
  // Delivery is deferred like real I/O, so no caller ever sees its own reply re-entrantly.
  const deliver = (listeners: Set<(bytes: Uint8Array) => void>, bytes: Uint8Array) => {
    const copy = Uint8Array.from(bytes);
    queueMicrotask(() => {
      if (cut || state !== 'open') return;
      for (const l of listeners) l(copy);
    });
  };
  const host: ByteChannel = {
    get state() {
      return state;
    },
    write(bytes): Promise<WriteResult> {
      if (state !== 'open') return Promise.resolve(err('closed'));
      deliver(toDevice, bytes);
      return Promise.resolve(done);
    },
    onData(listener) {
      toHost.add(listener);
      return () => toHost.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      state = 'closed';
      for (const l of stateListeners) l(state);
      return Promise.resolve();
    },
  };
  return {
    host,
    device: {
      send: (bytes) => deliver(toHost, bytes),
      onReceive: (listener) => void toDevice.add(listener),
    },
    cut: () => void (cut = true),
    mend: () => void (cut = false),
    get isCut() {
      return cut;
    },
  };
}
