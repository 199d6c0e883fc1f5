// Wall time per stage of the simulated day, for `npm run bench`.
export class Stages {
  readonly #ms = new Map<string, number>();

  add(stage: string, ms: number): void {
    this.#ms.set(stage, (this.#ms.get(stage) ?? 0) + ms);
  }

  async time<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  result(): Record<string, number> {
    return Object.fromEntries([...this.#ms].map(([k, v]) => [k, Math.round(v)]));
  }
}
