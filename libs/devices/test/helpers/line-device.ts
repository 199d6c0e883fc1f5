// Puts a device-side endpoint on a MockLine, with knobs to lose or damage what it sends.

import type { MockLine } from '../../src/testing/mock-serial.ts';

export interface Wire {
  /** Drop the next n chunks the device sends. */
  dropDeviceOutput(n: number): void;
  /** Flip one bit in the next chunk the device sends. */
  corruptNextDeviceOutput(): void;
  /** Device stops hearing and answering (cable cut between adapter and device). */
  cut(): void;
  mend(): void;
  readonly deviceSent: Uint8Array[];
}

export function wire(line: MockLine, device: { receive(bytes: Uint8Array): void }): { wire: Wire; send: (bytes: Uint8Array) => void } {
  let drop = 0;
  let corrupt = false;
  let cut = false;
  const deviceSent: Uint8Array[] = [];
  line.onHostWrite((bytes) => {
    if (!cut) device.receive(bytes);
  });
  const send = (bytes: Uint8Array): void => {
    if (cut) return;
    if (drop > 0) {
      drop--;
      return;
    }
    let out = bytes;
    if (corrupt) {
      corrupt = false;
      out = Uint8Array.from(bytes);
      const i = Math.min(out.length - 3, 8);
      out[i] = (out[i] ?? 0) ^ 0x10;
    }
    deviceSent.push(out);
    line.toHost(out);
  };
  return {
    send,
    wire: {
      dropDeviceOutput(n) {
        drop += n;
      },
      corruptNextDeviceOutput() {
        corrupt = true;
      },
      cut() {
        cut = true;
      },
      mend() {
        cut = false;
      },
      deviceSent,
    },
  };
}
