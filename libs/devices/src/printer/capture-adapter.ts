// node-escpos writes through an "adapter" (USB, network, serial). This one only collects
// the bytes, so the encoder is a pure function and the same bytes can go to a real
// printer, to the simulator, or into a test fixture.

import { Adapter } from '@node-escpos/adapter';

export class CaptureAdapter extends Adapter<[]> {
  private chunks: Buffer[] = [];

  open(callback?: (error: Error | null) => void): this {
    callback?.(null);
    return this;
  }

  write(data: Buffer | string, callback?: (error: Error | null) => void): this {
    this.chunks.push(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data));
    callback?.(null);
    return this;
  }

  close(callback?: (error: Error | null) => void): this {
    callback?.(null);
    return this;
  }

  read(): void {
    // Nothing to read: status is queried by the driver on its own channel.
  }

  take(): Uint8Array {
    const out = new Uint8Array(Buffer.concat(this.chunks));
    this.chunks = [];
    return out;
  }
}
