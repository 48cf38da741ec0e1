/** Retry timing for transient failures. */
export interface BackoffPolicy {
  /** First delay. Default 1 s. */
  readonly baseMs: number;
  /** Longest delay. Default 5 min. */
  readonly maxMs: number;
  /** Attempts before an entry is dead-lettered. Default 10. */
  readonly maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = {
  baseMs: 1000,
  maxMs: 5 * 60 * 1000,
  maxAttempts: 10,
};

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * many entries spread out instead of arriving together.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
