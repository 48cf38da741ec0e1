import type { Board, Locale, TextKey, Texts } from '@anonboard/core';
import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import {
  type AnonboardCommand,
  anonboardCommands,
  type CommandNames,
  resolveCommandNames,
} from './options.js';

/**
 * Which commands to list and in which words. `texts` defaults to `board.texts`.
 *
 * ```ts
 * const options: CommandListOptions = { board, commands: { newad: 'post' }, hostOwnsStart: true };
 * ```
 */
export interface CommandListOptions {
  readonly board: Board;
  readonly commands?: CommandNames;
  /** The host lists its own `/start`: leave it out. */
  readonly hostOwnsStart?: boolean;
  readonly texts?: Texts;
}

/**
 * The plugin's commands with descriptions in one locale, for `setMyCommands` (merge them with
 * the host bot's own).
 *
 * ```ts
 * await bot.api.setMyCommands([...hostCommands, ...commandList({ board }, 'en')], { language_code: 'en' });
 * ```
 */
export function commandList(options: CommandListOptions, locale: Locale): BotCommand[] {
  const names = resolveCommandNames(options.commands);
  const texts = options.texts ?? options.board.texts;
  return anonboardCommands.flatMap((command) => {
    const name = names[command];
    if (name === undefined || (command === 'start' && options.hostOwnsStart === true)) return [];
    return [
      { command: name, description: texts.render(descriptionKey(command), undefined, locale) },
    ];
  });
}

/**
 * Registers the plugin's commands with Telegram: the default list in the board's default locale
 * and one list per locale for clients with that `language_code`.
 *
 * ```ts
 * await registerCommands(bot.api, { board }); // ru by default, en for English clients
 * ```
 */
export async function registerCommands(
  api: Api,
  options: CommandListOptions & { readonly locales?: readonly Locale[] },
): Promise<void> {
  const texts = options.texts ?? options.board.texts;
  await api.setMyCommands(commandList(options, texts.defaultLocale));
  for (const locale of options.locales ?? (['ru', 'en'] as const)) {
    await api.setMyCommands(commandList(options, locale), { language_code: locale });
  }
}

/** The "/name — description" lines of the menu and of /help. */
export function commandLines(
  texts: Texts,
  names: Readonly<Record<AnonboardCommand, string | undefined>>,
  locale: Locale,
): string {
  return anonboardCommands
    .flatMap((command) => {
      const name = names[command];
      if (name === undefined || command === 'start') return [];
      const description = texts.render(descriptionKey(command), undefined, locale);
      return [texts.render('menu.commandLine', { command: name, description }, locale)];
    })
    .join('\n');
}

// --- Internal helpers ---

function descriptionKey(command: AnonboardCommand): TextKey {
  return `command.${command}`;
}
