import type { Feed } from '@anonboard/core';
import { type RunningDispatcher, startDispatcher } from '../dispatcher.js';

/**
 * Options of {@link startFeedDispatcher}.
 *
 * ```ts
 * const options: StartFeedDispatcherOptions = { expireItemsAfterMs: 3 * 24 * 60 * 60 * 1000 };
 * ```
 */
export interface StartFeedDispatcherOptions {
  /** Items waiting longer than this expire (their cards say so); 0 keeps them. Default 7 days. */
  readonly expireItemsAfterMs?: number;
  /** How often to look for such items. Default 1 hour. */
  readonly expireEveryMs?: number;
  /** Where a failed expiry run is reported. Default: an error line in the feed's logger. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Starts delivering the feed's outbox (cards, previews, channel posts, revisions of cards, people
 * told) and, now and then, expiring items nobody decided on. Stop it on shutdown before closing
 * the storage; nothing is lost while it is stopped.
 *
 * ```ts
 * const feed = createFeed({ storage, transport: createTransport(new Api(token)) });
 * const dispatcher = startFeedDispatcher(feed);
 * // …
 * await dispatcher.stop();
 * ```
 */
export function startFeedDispatcher(
  feed: Feed,
  options: StartFeedDispatcherOptions = {},
): RunningDispatcher {
  const maxAge = options.expireItemsAfterMs ?? 7 * 24 * 60 * 60 * 1000;
  const every = options.expireEveryMs ?? 60 * 60 * 1000;
  return startDispatcher(
    {
      name: 'feed',
      dispatcher: feed.dispatcher,
      sweep: () => feed.expireItems(maxAge),
      logger: feed.logger,
    },
    {
      sweepEveryMs: maxAge > 0 ? every : 0,
      ...(options.onError ? { onError: options.onError } : {}),
    },
  );
}
