import {
  type Board,
  errorSummary,
  type Locale,
  type Logger,
  type TextKey,
  type Texts,
} from '@anonboard/core';
import type { Api } from 'grammy';
import type {
  BotCommand,
  BotCommandScope,
  InlineKeyboardMarkup,
  LanguageCode,
  ReplyKeyboardMarkup,
} from 'grammy/types';
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

/** Options of {@link registerCommands} and {@link commandLists}. */
export interface RegisterCommandsOptions extends CommandListOptions {
  /** Telegram user ids of the admins: their chats list `/stats` too. */
  readonly adminIds?: readonly number[];
  /** The languages that get a list of their own besides the default one. Default ru and en. */
  readonly locales?: readonly Locale[];
}

/**
 * Merges the plugin's commands into the bot's command lists, per scope and language: the
 * default list in the board's default locale and one per locale for clients with that
 * `language_code`; in each admin's private chat the list with `/stats`. The host's commands stay
 * (read with `getMyCommands`; see {@link registerCommandLists}), so call it after the host set
 * its own. Never fatal: a list the Bot API refuses is a warning in the board's logger; resolves
 * whether every list was set.
 *
 * ```ts
 * await bot.api.setMyCommands([{ command: 'shop', description: 'Shop' }]); // the host's own
 * await registerCommands(bot.api, { board, adminIds: [123456789] }); // /shop, then the board's
 * ```
 */
export async function registerCommands(
  api: Api,
  options: RegisterCommandsOptions,
): Promise<boolean> {
  return registerCommandLists(api, { ...boardListsSource(options), logger: options.board.logger });
}

/**
 * The plugin's command lists with their scope and language, unmerged, for a host that sets its
 * lists itself: merge each into the host's list for the same scope and language.
 *
 * ```ts
 * for (const { commands, ...where } of commandLists({ board, adminIds: [123456789] })) {
 *   await bot.api.setMyCommands([...hostCommands(where.language_code), ...commands], where);
 * }
 * ```
 */
export function commandLists(options: RegisterCommandsOptions): CommandListEntry[] {
  return commandListEntries(boardListsSource(options));
}

function boardListsSource(options: RegisterCommandsOptions): CommandListsSource {
  return {
    defaultLocale: (options.texts ?? options.board.texts).defaultLocale,
    ...(options.locales === undefined ? {} : { locales: options.locales }),
    ...(options.adminIds === undefined ? {} : { adminIds: options.adminIds }),
    list: (locale, admin) => commandList(options, locale, { admin }),
  };
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
 * Where one command list lives: a scope (none: the default scope) and a language (none: every
 * language without a list of its own), as `setMyCommands` takes them.
 */
export interface CommandListSlot {
  readonly scope?: BotCommandScope;
  readonly language_code?: LanguageCode;
}

/**
 * One of a plugin's command lists and where it goes, for a host that sets its lists itself.
 *
 * ```ts
 * for (const { commands, ...where } of commandLists({ board })) {
 *   await bot.api.setMyCommands([...myCommands, ...commands], where);
 * }
 * ```
 */
export interface CommandListEntry extends CommandListSlot {
  readonly commands: BotCommand[];
}

/** What {@link registerCommandLists} needs to know about a plugin's lists. */
export interface CommandListsSource {
  readonly defaultLocale: Locale;
  readonly locales?: readonly Locale[];
  readonly adminIds?: readonly number[];
  readonly list: (locale: Locale, admin: boolean) => BotCommand[];
}

/**
 * A plugin's command lists, unmerged: everyone's (default scope) in `defaultLocale` and per
 * locale, and each admin's private chat (a `chat` scope) likewise with the admin commands.
 */
export function commandListEntries(source: CommandListsSource): CommandListEntry[] {
  const locales = source.locales ?? (['ru', 'en'] as const);
  const scopes = [
    { scope: undefined, admin: false },
    ...(source.adminIds ?? []).map((chat_id) => ({
      scope: { type: 'chat', chat_id } as const,
      admin: true,
    })),
  ];
  return scopes.flatMap(({ scope, admin }) => {
    const where = scope === undefined ? {} : { scope };
    return [
      { ...where, commands: source.list(source.defaultLocale, admin) },
      ...locales.map((locale) => ({
        ...where,
        language_code: locale,
        commands: source.list(locale, admin),
      })),
    ];
  });
}

/**
 * Merges a plugin's command lists into the host bot's, per scope and language, and sets them.
 * Each list is read first; where the host has no list for a scope and language, the one
 * Telegram would show there instead is the host's (a chat's falls back to all private chats',
 * then to the default's; a language's to the scope's list for every language). The host's
 * commands stay, in their order; the plugin's (by name) are replaced by its current ones,
 * after them. When the host keeps lists for all private chats, the plugin's commands are merged
 * into those too (they hide the default lists in private chats).
 *
 * The lists are a convenience, not something the bot needs: a server that cannot read them
 * (no `getMyCommands`) leaves them untouched, as merging blind would replace the host's; a list
 * it refuses to set (no `setMyCommands`, an admin who never started the bot) is a warning in
 * `logger`, and the others are still set. Resolves whether every list was set.
 *
 * Telegram keeps one list per scope and language, so a merged `ru` list holds a copy of the
 * host's commands: when the host changes its commands, it sets its lists again (each language it
 * has, or removes them with `deleteMyCommands`) before this runs.
 */
export async function registerCommandLists(
  api: Api,
  source: CommandListsSource & { readonly logger: Logger },
): Promise<boolean> {
  const ours = commandListEntries(source);
  const names = new Set(
    [...ours.map((e) => e.commands), source.list(source.defaultLocale, true)].flatMap((list) =>
      list.map((c) => c.command),
    ),
  );
  const languages = [undefined, ...new Set(ours.flatMap((e) => e.language_code ?? []))];
  const warn = (message: string, method: string, slot: CommandListSlot, error: unknown) =>
    // The scope's type only: a chat scope's id is a person's Telegram id.
    source.logger.warn(message, {
      component: 'grammy',
      method,
      scope: slot.scope?.type ?? 'default',
      language: slot.language_code ?? 'default',
      error: errorSummary(error),
    });

  // Read every list that can show in a private chat before writing any.
  const scopes: Array<BotCommandScope | undefined> = [
    undefined,
    { type: 'all_private_chats' },
    ...(source.adminIds ?? []).map((chat_id) => ({ type: 'chat', chat_id }) as const),
  ];
  const host = new Map<string, BotCommand[]>();
  for (const scope of scopes) {
    for (const language_code of languages) {
      const slot = slotOf(scope, language_code);
      try {
        const listed = await api.getMyCommands(slot);
        host.set(
          slotKey(slot),
          listed.filter((c) => !names.has(c.command)),
        );
      } catch (error) {
        // An admin who never started the bot has no chat to read yet: setting it warns below.
        if (scope?.type === 'chat') continue;
        warn(
          "could not read the command lists: left as they are, so as not to replace the host's",
          'getMyCommands',
          slot,
          error,
        );
        return false;
      }
    }
  }
  const hostList = (slot: CommandListSlot): BotCommand[] => {
    for (const candidate of fallbacks(slot)) {
      const listed = host.get(slotKey(candidate)) ?? [];
      if (listed.length > 0) return listed;
    }
    return [];
  };
  const hostUsesAllPrivate = languages.some(
    (language_code) =>
      (host.get(slotKey(slotOf({ type: 'all_private_chats' }, language_code))) ?? []).length > 0,
  );
  const targets = [
    ...ours,
    ...(hostUsesAllPrivate
      ? ours
          .filter((e) => e.scope === undefined)
          .map((e) => ({ ...e, scope: { type: 'all_private_chats' } as const }))
      : []),
  ];

  let failed = 0;
  for (const { commands, ...slot } of targets) {
    try {
      await api.setMyCommands([...hostList(slot), ...commands], slot);
    } catch (error) {
      failed += 1;
      warn('could not set a command list: the bot works without it', 'setMyCommands', slot, error);
    }
  }
  return failed === 0;
}

// --- Internal helpers ---

function slotOf(
  scope: BotCommandScope | undefined,
  language_code: LanguageCode | undefined,
): CommandListSlot {
  return {
    ...(scope === undefined ? {} : { scope }),
    ...(language_code === undefined ? {} : { language_code }),
  };
}

function slotKey(slot: CommandListSlot): string {
  return JSON.stringify([slot.scope ?? { type: 'default' }, slot.language_code ?? '']);
}

/**
 * The lists Telegram shows in a private chat for `slot`, most specific first: the chat's, all
 * private chats', the default; each in the language, then for every language.
 */
function fallbacks(slot: CommandListSlot): CommandListSlot[] {
  const scopes: Array<BotCommandScope | undefined> =
    slot.scope?.type === 'chat'
      ? [slot.scope, { type: 'all_private_chats' }, undefined]
      : slot.scope?.type === 'all_private_chats'
        ? [slot.scope, undefined]
        : [undefined];
  return scopes.flatMap((scope) => [
    ...(slot.language_code === undefined ? [] : [slotOf(scope, slot.language_code)]),
    slotOf(scope, undefined),
  ]);
}
