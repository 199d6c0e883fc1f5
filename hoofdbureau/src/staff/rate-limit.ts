// Login rate limiting: failed attempts are counted per username and per workstation (address)
// over a window; past the limit, the login is refused without any password check until the
// window has passed. A successful login clears the username's count. The scrypt cost per attempt
// and this limit together make guessing on the LAN hopeless. The clock is passed in.

export interface RateLimitOptions {
  /** Failed attempts per username within the window; default 5. */
  perUser?: number;
  /** Failed attempts per address within the window; default 20 (a typing-room shares one address behind NAT rarely; a LAN gives each its own). */
  perAddress?: number;
  /** Window in ms; default 15 minutes. */
  windowMs?: number;
  now?: () => number;
}

export type Admission = { ok: true } | { ok: false; retryAfterMs: number; what: 'user' | 'address' };

export class LoginLimiter {
  readonly #perUser: number;
  readonly #perAddress: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #failures = new Map<string, number[]>();

  constructor(o: RateLimitOptions = {}) {
    this.#perUser = o.perUser ?? 5;
    this.#perAddress = o.perAddress ?? 20;
    this.#windowMs = o.windowMs ?? 15 * 60 * 1000;
    this.#now = o.now ?? Date.now;
  }

  admit(username: string, address: string): Admission {
    const user = this.#recent(`u:${username}`);
    if (user.length >= this.#perUser) return { ok: false, retryAfterMs: user[0]! + this.#windowMs - this.#now(), what: 'user' };
    const addr = this.#recent(`a:${address}`);
    if (addr.length >= this.#perAddress) return { ok: false, retryAfterMs: addr[0]! + this.#windowMs - this.#now(), what: 'address' };
    return { ok: true };
  }

  failed(username: string, address: string): void {
    const t = this.#now();
    // Many made-up names: forget what has expired rather than grow without bound.
    if (this.#failures.size > 10_000) for (const key of [...this.#failures.keys()]) this.#recent(key);
    for (const key of [`u:${username}`, `a:${address}`]) this.#failures.set(key, [...this.#recent(key), t]);
  }

  succeeded(username: string): void {
    this.#failures.delete(`u:${username}`);
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    const kept = (this.#failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }
}
