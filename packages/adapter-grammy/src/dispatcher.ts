import { type Board, type Dispatcher, errorSummary, type Logger } from '@anonboard/core';
import { GrammyAdapterError } from './errors.js';

/**
 * What {@link startDispatcher} runs: an outbox's dispatcher and the housekeeping that goes with
 * it (a board's `maintain()`, a feed's `expireItems(…)`).
 *
 * ```ts
 * const target: DispatchTarget = { name: 'feed', dispatcher: feed.dispatcher, sweep: () => feed.expireItems(maxAgeMs) };
 * ```
 */
export interface DispatchTarget {
  /** What to call it in errors and logs, e.g. `'feed'`. */
  readonly name: string;
  /** Undefined when it was created without a transport: nothing could be delivered. */
  readonly dispatcher: Dispatcher | undefined;
  /** Housekeeping, run every `sweepEveryMs`. */
  sweep(): Promise<unknown>;
  /** Where a failed housekeeping run is logged when no `onError` is given. Default `console`. */
  readonly logger?: Logger;
}

/**
 * Options of {@link startDispatcher}.
 *
 * ```ts
 * const options: StartDispatcherOptions = { sweepEveryMs: 60 * 60 * 1000 };
 * ```
 */
export interface StartDispatcherOptions {
  /**
   * How often to run the housekeeping (for a board `board.maintain()`: expire stale invites,
   * purge history, buttons and outbox entries past their time, forget old counters); 0 turns it
   * off. Default 1 hour.
   */
  readonly sweepEveryMs?: number;
  /** @deprecated The old name of `sweepEveryMs`. */
  readonly expireInvitesEveryMs?: number;
  /** Where a failed housekeeping run is reported. Default: an error line in the target's logger. */
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
  /** Stops after the deliveries and the housekeeping in flight finish. */
  stop(): Promise<void>;
}

/**
 * Starts delivering the board's outbox (what people should receive is written there in the same
 * transaction as each state change) and, every hour, `board.maintain()`. Nothing reaches people
 * while it is stopped; nothing is lost either: it resumes from storage. Takes any
 * {@link DispatchTarget} too (the feed's `startFeedDispatcher` is one).
 *
 * ```ts
 * const board = createBoard({ storage, transport: createTransport(new Api(token)) });
 * const dispatcher = startDispatcher(board);
 * // …
 * await dispatcher.stop();
 * ```
 */
export function startDispatcher(
  target: Board | DispatchTarget,
  options: StartDispatcherOptions = {},
): RunningDispatcher {
  const { name, dispatcher, sweep, logger } = 'sweep' in target ? target : boardTarget(target);
  if (dispatcher === undefined) {
    const create = `create${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
    throw new GrammyAdapterError(
      `the ${name} has no dispatcher: create it with a transport, ${create}({ storage, transport: createTransport(api) })`,
    );
  }
  const every = options.sweepEveryMs ?? options.expireInvitesEveryMs ?? 60 * 60 * 1000;
  const onError =
    options.onError ??
    ((error) => {
      const fields = { component: 'grammy', error: errorSummary(error) };
      if (logger === undefined) console.error(`[anonboard] ${name} housekeeping failed`, fields);
      else logger.error(`${name} housekeeping failed`, fields);
    });
  // One run at a time, and stop() waits for it: the storage closes after it.
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= sweep()
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = every > 0 ? setInterval(run, every) : undefined;
  timer?.unref();
  dispatcher.start();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await dispatcher.stop();
    },
  };
}

// --- Internal helpers ---

function boardTarget(board: Board): DispatchTarget {
  return {
    name: 'board',
    dispatcher: board.dispatcher,
    sweep: () => board.maintain(),
    logger: board.logger,
  };
}
