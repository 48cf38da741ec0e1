import { type ErrorSummary, errorSummary, type Logger } from '@anonboard/core';
import { Composer, type Context } from 'grammy';

/**
 * An update one of the plugins failed on, as the host's `bot.catch` receives it: what failed
 * (the error's class, code, the Bot API method, its message with ids masked) and nothing of the
 * request: grammY's own errors carry the chat id and the text sent, and a logger (grammY's default
 * handler, pino) prints every field of what it is given. The original error is kept on
 * `original`, not enumerable, for a host that logs it knowingly.
 *
 * ```ts
 * bot.catch(({ error }) => {
 *   if (error instanceof AnonboardUpdateError) logger.error('update failed', { ...error.summary });
 * });
 * ```
 */
export class AnonboardUpdateError extends Error {
  override readonly name = 'AnonboardUpdateError';
  /** What may be logged of the original error. */
  readonly summary: ErrorSummary;
  /** The error the plugin failed with (not enumerable: loggers do not print it by themselves). */
  declare readonly original: unknown;

  constructor(original: unknown) {
    const summary = errorSummary(original);
    const what = [summary.name, summary.code, summary.method].filter(Boolean).join(' ');
    super(`[anonboard] [grammy] an update failed: ${what}: ${summary.message}`);
    this.summary = summary;
    Object.defineProperty(this, 'original', { value: original, enumerable: false });
  }
}

/**
 * Runs `plugin` inside an error boundary: a failure there reaches the host's error handling as an
 * {@link AnonboardUpdateError}; the whole error is logged at `debug` only (an operator's opt-in).
 * Failures of the host's middleware after the plugin (`next()`) pass through untouched.
 */
export function redactingBoundary<C extends Context>(
  logger: Logger,
  plugin: Composer<C>,
): Composer<C> {
  const outer = new Composer<C>();
  outer.errorBoundary((error) => {
    logger.debug('an update failed (the whole error, at debug only)', {
      component: 'grammy',
      error: error.error,
    });
    throw new AnonboardUpdateError(error.error);
  }, plugin);
  return outer;
}
