import { Composer, type Context } from 'grammy';
import { AlbumBuffer } from '../album-buffer.js';
import { redactingBoundary } from '../update-errors.js';
import { handleFeedCallbacks } from './handlers/callbacks.js';
import { handleFeedCommands } from './handlers/commands.js';
import { handleDirectMessages } from './handlers/direct-messages.js';
import { handleFeedMessages } from './handlers/messages.js';
import { handleSourcePosts } from './handlers/source-posts.js';
import { type AnonboardFeedOptions, resolveFeedOptions } from './options.js';
import { SuggestPrompts } from './suggest-prompts.js';

/**
 * The feed plugin's middleware, plus a way to hand over suggested albums still being collected.
 *
 * ```ts
 * const plugin = anonboardFeed({ feed });
 * bot.use(plugin);
 * // on shutdown, after bot.stop():
 * await plugin.flushAlbums();
 * ```
 */
export type AnonboardFeedPlugin<C extends Context = Context> = Composer<C> & {
  /** Delivers suggested albums still being collected and waits for them (call it on shutdown). */
  flushAlbums(): Promise<void>;
};

/**
 * Channel monitoring, suggested posts and the moderation queue as grammY middleware: `/suggest`
 * with a preview to confirm, forwards from channels fed to ingest, subscriptions (`/subscribe`,
 * `/keywords`, `/threshold`), `/sources` and `/addsource`, posts and edits of watched source
 * channels where the bot is an administrator, and for admins the cards' buttons,
 * rejection reasons, `/queue` and `/stats`; posts suggested in the configured channel's own direct
 * messages (Bot API 9.2) join the queue and are decided natively. By default it handles only private chats and what it
 * owns (its buttons and commands, forwards from watched channels, the answer to `/suggest`, an
 * admin's rejection reason) and calls `next()` for everything else; `standalone: true` makes it
 * answer `/start`, `/help` and every other message too.
 *
 * ```ts
 * import { createFeed } from '@anonboard/core';
 * import { anonboardFeed, configureTelegramFeed, createTransport, startFeedDispatcher } from '@anonboard/adapter-grammy';
 * import { Api, Bot } from 'grammy';
 *
 * const bot = new Bot(token);
 * const feed = createFeed({ storage, transport: createTransport(new Api(token)) });
 * await configureTelegramFeed(feed, { adminIds: [123456789], channel: '@city_news' });
 * bot.use(anonboardFeed({ feed, standalone: true })); // a bot that is only the feed
 * const dispatcher = startFeedDispatcher(feed); // cards, posts, notices; `await dispatcher.stop()` on shutdown
 * await bot.start();
 * ```
 */
export function anonboardFeed<C extends Context = Context>(
  options: AnonboardFeedOptions,
): AnonboardFeedPlugin<C> {
  const resolved = resolveFeedOptions(options);
  const prompts = new SuggestPrompts(resolved.suggestWaitMs);
  const albums = new AlbumBuffer(resolved.albumWaitMs, resolved.onError);
  const composer = new Composer<C>();
  handleFeedCallbacks(composer, resolved);
  // The configured channel's own direct messages: suggested posts, Telegram's decisions.
  handleDirectMessages(composer, resolved);
  // Watched source channels where the bot is an administrator: their posts and edits.
  handleSourcePosts(composer, resolved, albums);
  // Identity comes from the platform, and only from private chats with the bot.
  const privateChats = composer.chatType('private');
  handleFeedCommands(privateChats, resolved, prompts);
  handleFeedMessages(privateChats, resolved, prompts, albums);
  return Object.assign(redactingBoundary(resolved.feed.logger, composer), {
    flushAlbums: () => albums.flush(),
  });
}
