// Where the next ballot goes: a uniformly random free slot. Because every ballot draws
// uniformly from the slots still free, the final ballot→slot map is a uniformly random
// injection whatever the order of casting, so slot positions say nothing about that order.

export type RandomBytes = (n: number) => Uint8Array;

/** Uniform integer in [0, n) from a byte source, by rejection (no modulo bias). */
export function uniformIndex(n: number, random: RandomBytes): number {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new Error('uniformIndex: n out of range');
  const limit = Math.floor(2 ** 32 / n) * n;
  for (;;) {
    const b = random(4);
    const x = (((b[0] as number) << 24) >>> 0) + ((b[1] as number) << 16) + ((b[2] as number) << 8) + (b[3] as number);
    if (x < limit) return x % n;
  }
}

/** The free slots of a store, with O(1) random choice and removal. */
export class FreeSlots {
  readonly #free: number[];
  readonly #position: Int32Array;

  constructor(capacity: number, used: Iterable<number>) {
    this.#position = new Int32Array(capacity).fill(-1);
    const isUsed = new Uint8Array(capacity);
    for (const i of used) isUsed[i] = 1;
    this.#free = [];
    for (let i = 0; i < capacity; i++) {
      if (isUsed[i]) continue;
      this.#position[i] = this.#free.length;
      this.#free.push(i);
    }
  }

  get size(): number {
    return this.#free.length;
  }

  has(index: number): boolean {
    return (this.#position[index] ?? -1) >= 0;
  }

  /** A uniformly random free slot, still free until `take`. */
  pick(random: RandomBytes): number | undefined {
    if (this.#free.length === 0) return undefined;
    return this.#free[uniformIndex(this.#free.length, random)];
  }

  take(index: number): void {
    const at = this.#position[index] ?? -1;
    if (at < 0) throw new Error(`FreeSlots.take: slot ${index} is not free`);
    const last = this.#free.pop() as number;
    if (last !== index) {
      this.#free[at] = last;
      this.#position[last] = at;
    }
    this.#position[index] = -1;
  }
}
