import {
  type AnonboardError,
  isAnonboardError,
  type Locale,
  localeFrom,
  type TextKey,
  type TextParams,
  type User,
} from '@anonboard/core';
import type { Context } from 'grammy';
import { updateKey } from '../handlers/turn.js';
import type { ResolvedFeedOptions } from './options.js';

/** One update from one person, as the feed's handlers see it. */
export interface FeedTurn {
  /** The feed's person behind `ctx.from` (identity comes only from the platform). */
  readonly user: User;
  readonly locale: Locale;
  /** Idempotency key of the update: `tg:<bot id>:<update_id>`. */
  readonly key: string;
  /** Renders a text in the person's locale. */
  say(key: TextKey, params?: TextParams): string;
}

/** The locale of the person who sent the update. */
export function feedLocaleOf(ctx: Context, o: ResolvedFeedOptions): Locale {
  return localeFrom(ctx.from?.language_code, o.feed.texts.defaultLocale);
}

/** Identifies the sender of `ctx` in the feed. Only for updates that have `from`. */
export async function beginFeedTurn(ctx: Context, o: ResolvedFeedOptions): Promise<FeedTurn> {
  const from = ctx.from;
  if (from === undefined) throw new TypeError('[anonboard] [grammy] an update without a sender');
  const locale = feedLocaleOf(ctx, o);
  const user = await o.feed.identify({ platformId: String(from.id), locale });
  return {
    user,
    locale,
    key: updateKey(ctx),
    say: (key, params) => o.texts.render(key, params, locale),
  };
}

/**
 * Runs `fn`; a replayed update is ignored silently (`onReplay` may tidy up), a refusal of the
 * feed is explained through `answer` (by `explain` when it has its own words for it, else by
 * `feed.explain`), anything else is rethrown to grammY's error handling (`bot.catch`).
 */
export async function explainFeedRefusals(
  o: ResolvedFeedOptions,
  locale: Locale,
  answer: (text: string) => Promise<unknown>,
  fn: () => Promise<void>,
  options: {
    readonly onReplay?: () => Promise<unknown>;
    readonly explain?: (error: AnonboardError) => Promise<string | undefined>;
  } = {},
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (isAnonboardError(error, 'duplicate_update')) {
      await options.onReplay?.();
      return;
    }
    if (!isAnonboardError(error)) throw error;
    const own = await options.explain?.(error);
    await answer(own ?? o.feed.explain(error, locale));
  }
}
