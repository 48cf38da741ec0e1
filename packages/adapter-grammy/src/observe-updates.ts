import type { Telemetry } from '@anonboard/core';
import type { Context, MiddlewareFn } from 'grammy';

/**
 * Middleware that tells `telemetry` about every update that passes it: its kind (`message`,
 * `callback_query`, `my_chat_member`, …), whether the middleware after it threw, and how long it
 * took. Put it first, so it times everything after it. Nothing about the person is told.
 *
 * ```ts
 * bot.use(observeUpdates(board.telemetry));
 * bot.use(anonboard({ board }));
 * ```
 */
export function observeUpdates<C extends Context>(telemetry: Telemetry): MiddlewareFn<C> {
  return async (ctx, next) => {
    const kind = Object.keys(ctx.update).find((key) => key !== 'update_id') ?? 'unknown';
    const started = performance.now();
    let outcome: 'ok' | 'error' = 'error';
    try {
      await next();
      outcome = 'ok';
    } finally {
      try {
        telemetry({ type: 'update', kind, outcome, durationMs: performance.now() - started });
      } catch {
        // Metrics never break the bot.
      }
    }
  };
}
