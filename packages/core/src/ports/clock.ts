/**
 * Where services read the time. Inject a fixed or manual clock in tests.
 *
 * ```ts
 * const clock: Clock = { now: () => Date.parse('2026-01-01T00:00:00Z') };
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };
