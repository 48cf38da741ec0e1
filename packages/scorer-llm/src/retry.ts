import { backoffDelay } from '@anonboard/core';
import { isLlmScorerError, LlmScorerError } from './errors.js';

/**
 * When and how often a failed request is tried again.
 *
 * ```ts
 * const retry: RetryOptions = { maxAttempts: 3, baseDelayMs: 1000 };
 * ```
 */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** Backoff before the 2nd attempt; it doubles each time, with jitter. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Longest backoff. Default 8 s. */
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this gives up at once instead of waiting. Default 30 s. */
  readonly maxRetryAfterMs?: number;
  /** Source of jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** Waits `ms` or rejects when `signal` fires. Tests inject one that does not wait. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, retrying {@link LlmScorerError}s that are `retryable`
 * (429, 5xx, network) with exponential backoff and jitter, never sooner than the server's
 * Retry-After. Stops at once when `signal` fires or an error is not retryable; after
 * `maxAttempts` it throws the last error, noting the attempts.
 *
 * ```ts
 * const answer = await withRetry((n) => callModel(n), { signal, maxAttempts: 3 });
 * ```
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions & { readonly signal: AbortSignal },
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const policy = {
    baseMs: options.baseDelayMs ?? 500,
    maxMs: options.maxDelayMs ?? 8000,
    maxAttempts,
  };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;
  for (let n = 1; ; n += 1) {
    options.signal.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      if (!isLlmScorerError(error) || !error.retryable || options.signal.aborted) throw error;
      if (n >= maxAttempts) throw gaveUp(error, `gave up after ${n} attempt${n === 1 ? '' : 's'}`);
      const retryAfter = error.retryAfterMs ?? 0;
      if (retryAfter > maxRetryAfterMs) {
        throw gaveUp(error, `the server asked to wait ${Math.ceil(retryAfter / 1000)} s`);
      }
      await sleep(
        Math.max(retryAfter, backoffDelay(n - 1, policy, options.random)),
        options.signal,
      );
    }
  }
}

/**
 * Milliseconds to wait from a Retry-After header (seconds, or an HTTP date), or from OpenAI's
 * `retry-after-ms`; `undefined` when absent or unreadable.
 *
 * ```ts
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:58Z')); // 2000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it fires.
 *
 * ```ts
 * await abortableSleep(500, controller.signal);
 * ```
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// --- Internal helpers ---

function gaveUp(error: LlmScorerError, why: string): LlmScorerError {
  const details = {
    ...(error.provider === undefined ? {} : { provider: error.provider }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.excerpt === undefined ? {} : { excerpt: error.excerpt }),
  };
  return new LlmScorerError(error.kind, `${error.summary} (${why})`, details, { cause: error });
}
