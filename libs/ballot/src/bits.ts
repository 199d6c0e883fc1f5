// MSB-first bit packing for the ballot payload.

export class BitWriter {
  #bytes: number[] = [];
  #acc = 0;
  #bits = 0;

  write(value: number, width: number): void {
    if (width === 0) return;
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** width) throw new Error(`BitWriter: ${value} does not fit in ${width} bits`);
    for (let i = width - 1; i >= 0; i--) {
      this.#acc = (this.#acc << 1) | (Math.floor(value / 2 ** i) & 1);
      this.#bits++;
      if (this.#bits === 8) {
        this.#bytes.push(this.#acc);
        this.#acc = 0;
        this.#bits = 0;
      }
    }
  }

  writeBytes(bytes: Uint8Array): void {
    for (const b of bytes) this.write(b, 8);
  }

  /** Pads with zero bits to a byte boundary and returns the bytes. */
  finish(): Uint8Array {
    if (this.#bits > 0) this.write(0, 8 - this.#bits);
    return new Uint8Array(this.#bytes);
  }
}

export class BitReader {
  readonly #bytes: Uint8Array;
  #pos = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get remainingBits(): number {
    return this.#bytes.length * 8 - this.#pos;
  }

  /** undefined when fewer than `width` bits remain. */
  read(width: number): number | undefined {
    if (width > this.remainingBits) return undefined;
    let value = 0;
    for (let i = 0; i < width; i++) {
      const byte = this.#bytes[(this.#pos >> 3)] as number;
      value = value * 2 + ((byte >> (7 - (this.#pos & 7))) & 1);
      this.#pos++;
    }
    return value;
  }

  /** True when every bit up to the end of the current byte is zero. */
  paddingIsZero(): boolean {
    while (this.#pos & 7) {
      if (this.read(1) !== 0) return false;
    }
    return true;
  }

  get bytePosition(): number {
    return Math.ceil(this.#pos / 8);
  }
}

/** Bits needed to encode the values 0..n. */
export const bitsFor = (n: number): number => (n <= 0 ? 0 : Math.ceil(Math.log2(n + 1)));
