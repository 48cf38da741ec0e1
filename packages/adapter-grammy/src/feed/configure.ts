import type { Feed, FeedSettings } from '@anonboard/core';
import { GrammyAdapterError } from '../errors.js';

/**
 * Settings of a feed in Telegram's terms: admins by their Telegram user ids, the channel by its
 * id (`-100…`) or `@username`.
 *
 * ```ts
 * const settings: TelegramFeedSettings = { adminIds: [123456789], channel: '@city_news' };
 * ```
 */
export interface TelegramFeedSettings {
  /** Telegram user ids of the people who moderate; replaces the current admins. */
  readonly adminIds?: readonly number[];
  /** Where approved posts go; the bot must be an administrator there with the right to post. */
  readonly channel?: string | number;
  readonly defaultThreshold?: number;
  readonly topic?: string;
}

/**
 * Configures the feed from Telegram ids (e.g. `ADMIN_IDS`, `CHANNEL_ID` at start-up): each admin
 * becomes a person of the feed (core addresses people by internal ids), then the settings are
 * saved. An admin gets cards once they have started the bot (Telegram lets a bot write only to
 * people who did).
 *
 * ```ts
 * await configureTelegramFeed(feed, { adminIds: [123456789], channel: -1001234567890 });
 * ```
 */
export async function configureTelegramFeed(
  feed: Feed,
  settings: TelegramFeedSettings,
): Promise<FeedSettings> {
  const patch: { -readonly [K in keyof FeedSettings]?: FeedSettings[K] } = {};
  if (settings.adminIds !== undefined) {
    const bad = settings.adminIds.find((id) => !Number.isSafeInteger(id) || id <= 0);
    if (bad !== undefined)
      throw new GrammyAdapterError(`admin id ${bad} is not a Telegram user id`);
    const admins = [];
    for (const id of settings.adminIds)
      admins.push(await feed.identify({ platformId: String(id) }));
    patch.admins = admins.map((admin) => admin.id);
  }
  if (settings.channel !== undefined) patch.channel = String(settings.channel);
  if (settings.defaultThreshold !== undefined) patch.defaultThreshold = settings.defaultThreshold;
  if (settings.topic !== undefined) patch.topic = settings.topic;
  return feed.configure(patch);
}
