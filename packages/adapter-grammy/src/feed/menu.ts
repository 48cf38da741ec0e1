import type { Feed, Locale, TextKey, Texts } from '@anonboard/core';
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import {
  type FeedCommand,
  type FeedCommandNames,
  feedAdminCommands,
  feedCommands,
  resolveFeedCommandNames,
} from './options.js';

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
  const names = resolveFeedCommandNames(options.commands);
  const texts = options.texts ?? options.feed.texts;
  return feedCommands.flatMap((command) => {
    const name = names[command];
    if (name === undefined || (feedAdminCommands.includes(command) && who.admin !== true))
      return [];
    return [
      { command: name, description: texts.render(descriptionKey(command), undefined, locale) },
    ];
  });
}

/**
 * Registers the feed's commands with Telegram: everyone's list (in the feed's default locale
 * and one per locale), and in each admin's private chat the list with the admin commands.
 *
 * ```ts
 * await registerFeedCommands(bot.api, { feed, adminIds: [123456789] });
 * ```
 */
export async function registerFeedCommands(
  api: Api,
  options: FeedCommandListOptions & {
    /** Telegram user ids of the admins: their chats list `/queue` and `/stats` too. */
    readonly adminIds?: readonly number[];
    readonly locales?: readonly Locale[];
  },
): Promise<void> {
  const texts = options.texts ?? options.feed.texts;
  const locales = options.locales ?? (['ru', 'en'] as const);
  await api.setMyCommands(feedCommandList(options, texts.defaultLocale));
  for (const locale of locales) {
    await api.setMyCommands(feedCommandList(options, locale), { language_code: locale });
  }
  for (const chat_id of options.adminIds ?? []) {
    const scope = { type: 'chat', chat_id } as const;
    const admin = { admin: true };
    await api.setMyCommands(feedCommandList(options, texts.defaultLocale, admin), { scope });
    for (const locale of locales) {
      await api.setMyCommands(feedCommandList(options, locale, admin), {
        scope,
        language_code: locale,
      });
    }
  }
}

/** The "/name — description" lines of the menu: everyone's commands, or the admins' ones. */
export function feedCommandLines(
  texts: Texts,
  names: Readonly<Record<FeedCommand, string | undefined>>,
  locale: Locale,
  which: 'everyone' | 'admins',
): string {
  return feedCommands
    .flatMap((command) => {
      const name = names[command];
      const forAdmins = feedAdminCommands.includes(command);
      if (name === undefined || command === 'start' || forAdmins !== (which === 'admins'))
        return [];
      const description = texts.render(descriptionKey(command), undefined, locale);
      return [texts.render('menu.commandLine', { command: name, description }, locale)];
    })
    .join('\n');
}

// --- Internal helpers ---

function descriptionKey(command: FeedCommand): TextKey {
  return `feed.command.${command}`;
}
