import { ApiError } from '../errors.js';
import type { Update } from '../telegram.js';
import type { UpdateQueue } from './queue.js';

/**
 * Holds at most one waiting `getUpdates` call, like Telegram: a second call terminates the
 * first with 409.
 */
export class LongPoller {
  private finishWaiting: ((result: Update[] | ApiError) => void) | undefined;

  constructor(private readonly queue: UpdateQueue) {}

  /** Resolves with updates as soon as there are some, or with `[]` after `timeoutSeconds`. */
  wait(limit: number, timeoutSeconds: number, signal: AbortSignal): Promise<Update[]> {
    this.terminate(terminatedByOtherRequest());
    return new Promise<Update[]>((resolve, reject) => {
      let done = false;
      const finish = (result: Update[] | ApiError): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
        if (this.finishWaiting === finish) this.finishWaiting = undefined;
        if (result instanceof ApiError) reject(result);
        else resolve(result);
      };
      const onAbort = (): void => finish([]);
      const timer = setTimeout(() => finish([]), timeoutSeconds * 1000);
      const unsubscribe = this.queue.subscribe(() => {
        const updates = this.queue.peek(limit);
        if (updates.length > 0) finish(updates);
      });
      signal.addEventListener('abort', onAbort);
      this.finishWaiting = finish;
    });
  }

  /** Ends the waiting call: with an error (409 conflicts), or with no updates (shutdown). */
  terminate(error?: ApiError): void {
    this.finishWaiting?.(error ?? []);
  }
}

/** Telegram's answer to a `getUpdates` call that a newer one replaced. */
export function terminatedByOtherRequest(): ApiError {
  return new ApiError(
    409,
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  );
}
