import { createHash, hkdfSync } from 'node:crypto';

/**
 * A deterministic random source for demos, simulations and tests (never for real keys):
 * SHA-256 in counter mode over the seed, so the same seed gives the same election everywhere.
 */
export class SeededRandom {
  readonly #seed: string;
  #counter = 0;
  #block: Buffer = Buffer.alloc(0);
  #offset = 0;

  constructor(seed: string) {
    this.#seed = seed;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (this.#offset >= this.#block.length) {
        this.#block = createHash('sha256').update(`${this.#seed}\0${this.#counter++}`).digest();
        this.#offset = 0;
      }
      out[i] = this.#block[this.#offset++] as number;
    }
    return out;
  }

  uint32(): number {
    const b = this.bytes(4);
    return ((b[0] as number) * 2 ** 24 + ((b[1] as number) << 16) + ((b[2] as number) << 8) + (b[3] as number)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 2 ** 32;
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new Error('SeededRandom.int: n out of range');
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % n;
    }
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('SeededRandom.pick: empty');
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A child source with its own stream, so adding draws in one place does not shift another. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.#seed}/${label}`);
  }
}

/** Deterministic key material for demo elections: HKDF over the seed with a label. */
export const demoKeyMaterial = (seed: string, label: string, length = 32): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', Buffer.from(seed), Buffer.from('ovs-demo'), label, length));
