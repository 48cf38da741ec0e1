/**
 * How many requests one key (a person, or an anonymous reader's address) may make per window.
 *
 * ```ts
 * const limit: RateLimitOptions = { max: 30, windowMs: 60_000 };
 * ```
 */
export interface RateLimitOptions {
  /** Requests allowed within any window. */
  readonly max: number;
  /** The window's length, in ms. */
  readonly windowMs: number;
}

/**
 * A sliding-window limiter kept in memory (one instance of the app; each instance counts its own).
 *
 * ```ts
 * const limiter = createRateLimiter({ max: 30, windowMs: 60_000 });
 * const verdict = limiter.hit('tg:1001');
 * if (!verdict.ok) console.log('retry after', verdict.retryAfterSeconds, 's');
 * ```
 */
export interface RateLimiter {
  /** Counts one request by `key`; refuses (counting nothing) when the window is full. */
  hit(
    key: string,
  ): { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };
}

/**
 * Creates a {@link RateLimiter}. Each key keeps at most `max` timestamps, and keys idle for a
 * whole window are swept now and then, so memory stays bounded by the active keys.
 *
 * ```ts
 * const limiter = createRateLimiter({ max: 5, windowMs: 1000 }, () => clock.now());
 * ```
 */
export function createRateLimiter(
  options: RateLimitOptions,
  now: () => number = Date.now,
): RateLimiter {
  const hits = new Map<string, number[]>();
  let lastSweep = now();

  const sweep = (at: number): void => {
    if (at - lastSweep < options.windowMs) return;
    lastSweep = at;
    for (const [key, times] of hits) {
      const newest = times[times.length - 1];
      if (newest === undefined || at - newest >= options.windowMs) hits.delete(key);
    }
  };

  return {
    hit(key) {
      const at = now();
      sweep(at);
      const times = hits.get(key) ?? [];
      while (times.length > 0 && at - (times[0] ?? at) >= options.windowMs) times.shift();
      const oldest = times[0];
      if (times.length >= options.max && oldest !== undefined) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + options.windowMs - at) / 1000)),
        };
      }
      times.push(at);
      hits.set(key, times);
      return { ok: true };
    },
  };
}
