import { LlmScorerError } from './errors.js';

/**
 * At most `limit` tasks at once; the others wait in arrival order.
 *
 * ```ts
 * const semaphore = createSemaphore(4);
 * const answer = await semaphore.run(() => fetch(url), signal);
 * ```
 */
export interface Semaphore {
  /** The greatest number of tasks running at once. */
  readonly limit: number;
  /** Tasks running now. */
  readonly inFlight: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
  /**
   * Runs `task` once a slot is free. If `signal` fires while waiting, the task never starts and
   * the promise rejects with the signal's reason.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * A small counting semaphore: bounds the requests one scorer has in flight.
 *
 * ```ts
 * const semaphore = createSemaphore(2);
 * await Promise.all(texts.map((t) => semaphore.run(() => scoreOne(t))));
 * ```
 */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new LlmScorerError('config', `concurrency must be a positive integer, got ${limit}`);
  }
  let inFlight = 0;
  const queue: Waiter[] = [];

  const release = () => {
    const next = queue.shift();
    // The slot passes straight to the next waiter, so nobody can barge in between.
    if (next === undefined) inFlight -= 1;
    else next.grant();
  };

  const acquire = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (inFlight < limit) {
        inFlight += 1;
        return resolve();
      }
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  return {
    limit,
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

// --- Internal helpers ---

interface Waiter {
  grant(): void;
}
