import type { Board } from '@anonboard/core';
import { GrammyAdapterError } from './errors.js';

/**
 * Options of {@link startDispatcher}.
 *
 * ```ts
 * const options: StartDispatcherOptions = { expireInvitesEveryMs: 60 * 60 * 1000 };
 * ```
 */
export interface StartDispatcherOptions {
  /** How often to expire stale invites (`board.expireInvites()`); 0 turns it off. Default 1 hour. */
  readonly expireInvitesEveryMs?: number;
  /** Where a failed expiry run is reported. Default `console.error`. */
  readonly onError?: (error: unknown) => void;
}

/**
 * A running dispatcher; stop it on shutdown before closing the storage.
 *
 * ```ts
 * const dispatcher = startDispatcher(board);
 * process.once('SIGTERM', async () => { await bot.stop(); await dispatcher.stop(); await storage.close(); });
 * ```
 */
export interface RunningDispatcher {
  /** Stops after the deliveries in flight finish. */
  stop(): Promise<void>;
}

/**
 * Starts delivering the board's outbox (what people should receive is written there in the same
 * transaction as each state change) and, now and then, expiring stale invites. Nothing reaches
 * people while it is stopped; nothing is lost either: it resumes from storage.
 *
 * ```ts
 * const board = createBoard({ storage, transport: createTransport(new Api(token)) });
 * const dispatcher = startDispatcher(board);
 * // …
 * await dispatcher.stop();
 * ```
 */
export function startDispatcher(
  board: Board,
  options: StartDispatcherOptions = {},
): RunningDispatcher {
  const dispatcher = board.dispatcher;
  if (dispatcher === undefined) {
    throw new GrammyAdapterError(
      'the board has no dispatcher: create it with a transport, createBoard({ storage, transport: createTransport(api) })',
    );
  }
  const every = options.expireInvitesEveryMs ?? 60 * 60 * 1000;
  const onError =
    options.onError ??
    ((error) => console.error('[anonboard] [grammy] expiring invites failed:', error));
  const timer =
    every > 0 ? setInterval(() => void board.expireInvites().catch(onError), every) : undefined;
  timer?.unref();
  dispatcher.start();
  return {
    async stop() {
      clearInterval(timer);
      await dispatcher.stop();
    },
  };
}
