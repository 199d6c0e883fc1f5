// One write at a time on the pair of sticks: a registration, an event or a reconciliation
// never interleave, so at most one ballot is ever "in flight" between stick A and stick B.
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
