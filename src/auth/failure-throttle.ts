/**
 * Counts failures per key (a client address) in fixed windows, in this process's memory. Once a
 * key has failed `limit` times in a window, it is refused until the window ends. Only failures
 * count, so someone who gets it right is never slowed. Like the per-address sign-in limit, it is
 * counted in each server process separately.
 */
export class FailureThrottle {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(options: { limit: number; windowMs: number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
  }

  /** Seconds the key must wait before trying again, or null if it may try now. */
  retryAfterSeconds(key: string, now: Date): number | null {
    const window = this.#windows.get(key);
    if (!window || window.failures < this.#limit) return null;
    const endsAt = window.startedAt + this.#windowMs;
    if (endsAt <= now.getTime()) return null;
    return Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
  }

  recordFailure(key: string, now: Date): void {
    const at = now.getTime();
    const window = this.#windows.get(key);
    if (window && window.startedAt + this.#windowMs > at) {
      window.failures += 1;
      return;
    }
    // Addresses that stopped failing are forgotten, so many addresses cannot fill the memory.
    if (this.#windows.size >= 10_000) {
      for (const [other, { startedAt }] of this.#windows) {
        if (startedAt + this.#windowMs <= at) this.#windows.delete(other);
      }
    }
    this.#windows.set(key, { startedAt: at, failures: 1 });
  }
}
