import {
  type Board,
  errorSummary,
  type Locale,
  type Logger,
  type TextKey,
  type Texts,
} from '@anonboard/core';
import type { Api } from 'grammy';
import type { BotCommand, InlineKeyboardMarkup, ReplyKeyboardMarkup } from 'grammy/types';
import {
  anonboardAdminCommands,
  anonboardCommands,
  answeredCommands,
  type CommandNames,
  type ResolvedOptions,
} from './options.js';

/**
 * Which commands to list and in which words: give it the plugin's own `commands` and
 * `standalone`, so the list shows what the plugin answers (an embedded plugin's list leaves
 * `/start` and `/help` to the host). `texts` defaults to `board.texts`.
 *
 * ```ts
 * const options: CommandListOptions = { board, commands: { newad: 'post' } };
 * ```
 */
export interface CommandListOptions {
  readonly board: Board;
  readonly commands?: CommandNames;
  /** As the plugin's `standalone`: list `/start` and `/help` too. Default false. */
  readonly standalone?: boolean;
  readonly texts?: Texts;
}

/**
 * The plugin's commands with descriptions in one locale, for `setMyCommands` (merge them with
 * the host bot's own): everyone's, or with `admin: true` also `/stats`.
 *
 * ```ts
 * await bot.api.setMyCommands([...hostCommands, ...commandList({ board }, 'en')], { language_code: 'en' });
 * ```
 */
export function commandList(
  options: CommandListOptions,
  locale: Locale,
  who: { readonly admin?: boolean } = {},
): BotCommand[] {
  return botCommands(options.texts ?? options.board.texts, locale, {
    list: anonboardCommands,
    names: answeredCommands(anonboardCommands, options.commands, options.standalone ?? false),
    describe: (command) => `command.${command}`,
    shows: (command) => who.admin === true || !anonboardAdminCommands.includes(command),
  });
}

/**
 * Registers the plugin's commands with Telegram: the default list in the board's default locale
 * and one list per locale for clients with that `language_code`; in each admin's private chat
 * the list with `/stats`. Never fatal: a list the Bot API refuses is a warning in the board's
 * logger; resolves whether every list was set.
 *
 * ```ts
 * await registerCommands(bot.api, { board, adminIds: [123456789] }); // ru by default, en for English clients
 * ```
 */
export async function registerCommands(
  api: Api,
  options: CommandListOptions & {
    /** Telegram user ids of the admins: their chats list `/stats` too. */
    readonly adminIds?: readonly number[];
    readonly locales?: readonly Locale[];
  },
): Promise<boolean> {
  return registerCommandLists(api, {
    logger: options.board.logger,
    defaultLocale: (options.texts ?? options.board.texts).defaultLocale,
    ...(options.locales === undefined ? {} : { locales: options.locales }),
    ...(options.adminIds === undefined ? {} : { adminIds: options.adminIds }),
    list: (locale, admin) => commandList(options, locale, { admin }),
  });
}

/** The "/name — description" lines of the `/start` menu and `/help`: admins also see theirs. */
export function boardCommandLines(o: ResolvedOptions, locale: Locale, admin: boolean): string {
  const lines = (forAdmins: boolean) =>
    commandLines(o.texts, locale, {
      list: anonboardCommands,
      names: o.commands,
      describe: (command) => `command.${command}`,
      shows: (command) =>
        command !== 'start' && anonboardAdminCommands.includes(command) === forAdmins,
    });
  const everyone = lines(false);
  const admins = admin ? lines(true) : '';
  if (admins === '') return everyone;
  return `${everyone}\n\n${o.texts.render('menu.admin', { commands: admins }, locale)}`;
}

/**
 * The keyboard of the `/start` menu: a button opening the Mini App when a `webAppUrl` was given,
 * inline (launched with signed initData) or on the reply keyboard (no initData; the page answers
 * through `sendData`). Telegram allows one kind of keyboard per message.
 */
export function startMenuMarkup(
  webApp: ResolvedOptions['webApp'],
  text: string,
): InlineKeyboardMarkup | ReplyKeyboardMarkup | undefined {
  if (webApp === undefined) return undefined;
  const button = { text, web_app: { url: webApp.url } };
  if (webApp.button === 'inline') return { inline_keyboard: [[button]] };
  return { keyboard: [[button]], resize_keyboard: true, is_persistent: true };
}

// --- Shared with the feed plugin's menu ---

/** Which of a plugin's commands a list shows, under which names, described by which texts. */
export interface CommandMenu<C extends string> {
  /** Every command of the plugin, in the order to list them. */
  readonly list: readonly C[];
  /** Each command's name; undefined when it is off (never listed). */
  readonly names: Readonly<Record<C, string | undefined>>;
  readonly describe: (command: C) => TextKey;
  /** Whether this list shows a command that is on. Default: all of them. */
  readonly shows?: (command: C) => boolean;
}

/** The commands of `menu` with their descriptions in `locale`, for `setMyCommands`. */
export function botCommands<C extends string>(
  texts: Texts,
  locale: Locale,
  menu: CommandMenu<C>,
): BotCommand[] {
  return menu.list.flatMap((command) => {
    const name = menu.names[command];
    if (name === undefined || menu.shows?.(command) === false) return [];
    return [
      { command: name, description: texts.render(menu.describe(command), undefined, locale) },
    ];
  });
}

/** The "/name — description" lines of a menu. */
export function commandLines<C extends string>(
  texts: Texts,
  locale: Locale,
  menu: CommandMenu<C>,
): string {
  return botCommands(texts, locale, menu)
    .map(({ command, description }) =>
      texts.render('menu.commandLine', { command, description }, locale),
    )
    .join('\n');
}

/**
 * Sets a plugin's command lists: the default one (in `defaultLocale`) and one per locale; in each
 * admin's private chat (a `chat` scope) the admins' lists. The lists are a convenience, not
 * something the bot needs: a list the Bot API refuses (a server without `setMyCommands`, an admin
 * who never started the bot) is a warning in `logger`, and the others are still set. Resolves
 * whether every list was set.
 */
export async function registerCommandLists(
  api: Api,
  options: {
    readonly defaultLocale: Locale;
    readonly locales?: readonly Locale[];
    readonly adminIds?: readonly number[];
    readonly list: (locale: Locale, admin: boolean) => BotCommand[];
    readonly logger: Logger;
  },
): Promise<boolean> {
  const locales = options.locales ?? (['ru', 'en'] as const);
  const scopes = [
    { scope: undefined, admin: false },
    ...(options.adminIds ?? []).map((chat_id) => ({
      scope: { type: 'chat', chat_id } as const,
      admin: true,
    })),
  ];
  let failed = 0;
  const set = async (commands: BotCommand[], where: SetMyCommandsOptions): Promise<void> => {
    try {
      await api.setMyCommands(commands, where);
    } catch (error) {
      failed += 1;
      // The scope's type only: a chat scope's id is a person's Telegram id.
      options.logger.warn('could not set a command list: the bot works without it', {
        component: 'grammy',
        method: 'setMyCommands',
        scope: where.scope?.type ?? 'default',
        language: where.language_code ?? 'default',
        error: errorSummary(error),
      });
    }
  };
  for (const { scope, admin } of scopes) {
    const where = scope === undefined ? {} : { scope };
    await set(options.list(options.defaultLocale, admin), where);
    for (const locale of locales) {
      await set(options.list(locale, admin), { ...where, language_code: locale });
    }
  }
  return failed === 0;
}

/** The scope and language of one command list, as `setMyCommands` takes them. */
type SetMyCommandsOptions = NonNullable<Parameters<Api['setMyCommands']>[1]>;
