import type { Feed } from '@anonboard/core';
import type { RunningDispatcher } from '../dispatcher.js';
import { GrammyAdapterError } from '../errors.js';

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
  /** Where a failed expiry run is reported. Default `console.error`. */
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
  const dispatcher = feed.dispatcher;
  if (dispatcher === undefined) {
    throw new GrammyAdapterError(
      'the feed has no dispatcher: create it with a transport, createFeed({ storage, transport: createTransport(api) })',
    );
  }
  const maxAge = options.expireItemsAfterMs ?? 7 * 24 * 60 * 60 * 1000;
  const every = options.expireEveryMs ?? 60 * 60 * 1000;
  const onError =
    options.onError ??
    ((error) => console.error('[anonboard] [grammy] expiring feed items failed:', error));
  const timer =
    maxAge > 0 && every > 0
      ? setInterval(() => void feed.expireItems(maxAge).catch(onError), every)
      : undefined;
  timer?.unref();
  dispatcher.start();
  return {
    async stop() {
      clearInterval(timer);
      await dispatcher.stop();
    },
  };
}
