import type { Feed, Locale, Texts } from '@anonboard/core';
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import {
  botCommands,
  type CommandListEntry,
  type CommandListsSource,
  commandListEntries,
  registerCommandLists,
} from '../menu.js';
import { answeredCommands } from '../options.js';
import { type FeedCommandNames, feedAdminCommands, feedCommands } from './options.js';

/**
 * Which feed commands to list and in which words. `texts` defaults to `feed.texts`.
 *
 * ```ts
 * const options: FeedCommandListOptions = { feed, commands: { suggest: 'post' } };
 * ```
 */
export interface FeedCommandListOptions {
  readonly feed: Feed;
  readonly commands?: FeedCommandNames;
  /** As the plugin's `standalone`: list `/start` and `/help` too. Default false. */
  readonly standalone?: boolean;
  readonly texts?: Texts;
}

/**
 * The feed plugin's commands with descriptions in one locale, for `setMyCommands`: everyone's,
 * or with `admin: true` also `/queue` and `/stats`.
 *
 * ```ts
 * await bot.api.setMyCommands(feedCommandList({ feed }, 'en'), { language_code: 'en' });
 * ```
 */
export function feedCommandList(
  options: FeedCommandListOptions,
  locale: Locale,
  who: { readonly admin?: boolean } = {},
): BotCommand[] {
  return botCommands(options.texts ?? options.feed.texts, locale, {
    list: feedCommands,
    names: answeredCommands(feedCommands, options.commands, options.standalone ?? false),
    describe: (command) => `feed.command.${command}`,
    shows: (command) => who.admin === true || !feedAdminCommands.includes(command),
  });
}

/** Options of {@link registerFeedCommands} and {@link feedCommandLists}. */
export interface RegisterFeedCommandsOptions extends FeedCommandListOptions {
  /** Telegram user ids of the admins: their chats list `/queue` and `/stats` too. */
  readonly adminIds?: readonly number[];
  /** The languages that get a list of their own besides the default one. Default ru and en. */
  readonly locales?: readonly Locale[];
}

/**
 * Merges the feed's commands into the bot's command lists, per scope and language: everyone's
 * list (in the feed's default locale and one per locale), and in each admin's private chat the
 * list with the admin commands. The host's commands stay (read with `getMyCommands`), so call
 * it after the host set its own. Never fatal: a list the Bot API refuses is a warning in the
 * feed's logger; resolves whether every list was set.
 *
 * ```ts
 * await registerFeedCommands(bot.api, { feed, adminIds: [123456789] });
 * ```
 */
export async function registerFeedCommands(
  api: Api,
  options: RegisterFeedCommandsOptions,
): Promise<boolean> {
  return registerCommandLists(api, { ...feedListsSource(options), logger: options.feed.logger });
}

/**
 * The feed's command lists with their scope and language, unmerged, for a host that sets its
 * lists itself.
 *
 * ```ts
 * for (const { commands, ...where } of feedCommandLists({ feed })) {
 *   await bot.api.setMyCommands([...hostCommands, ...commands], where);
 * }
 * ```
 */
export function feedCommandLists(options: RegisterFeedCommandsOptions): CommandListEntry[] {
  return commandListEntries(feedListsSource(options));
}

function feedListsSource(options: RegisterFeedCommandsOptions): CommandListsSource {
  return {
    defaultLocale: (options.texts ?? options.feed.texts).defaultLocale,
    ...(options.locales === undefined ? {} : { locales: options.locales }),
    ...(options.adminIds === undefined ? {} : { adminIds: options.adminIds }),
    list: (locale, admin) => feedCommandList(options, locale, { admin }),
  };
}
