import { type Board, errorSummary, type Texts } from '@anonboard/core';
import { z } from 'zod';
import { checkCallbackPrefix, DEFAULT_CALLBACK_PREFIX } from './callback-data.js';
import { DEFAULT_DEEP_LINK_PREFIX } from './deep-link.js';
import { GrammyAdapterError } from './errors.js';
import {
  commandNamesSchema,
  onErrorSchema,
  parseOptions,
  telegramIdsSchema,
  textsSchema,
} from './option-schemas.js';

/**
 * The commands the plugin answers, by their default names.
 *
 * ```ts
 * for (const command of anonboardCommands) console.log(`/${command}`);
 * ```
 */
export const anonboardCommands = [
  'start',
  'newad',
  'myads',
  'mychats',
  'endchat',
  'block',
  'report',
  'export',
  'forgetme',
  'help',
  'stats',
] as const;

/**
 * One of the plugin's commands (its default name).
 *
 * ```ts
 * const renamed: Partial<Record<AnonboardCommand, string | false>> = { newad: 'post', help: false };
 * ```
 */
export type AnonboardCommand = (typeof anonboardCommands)[number];

/** The commands only admins (`adminIds`) are answered and shown. */
export const anonboardAdminCommands: readonly AnonboardCommand[] = ['stats'];

/**
 * What the command names are: a new name, or `false` to leave the command to the host bot.
 *
 * ```ts
 * const commands: CommandNames = { newad: 'post', myads: 'posts' };
 * ```
 */
export type CommandNames = Partial<Record<AnonboardCommand, string | false>>;

/**
 * Options of the {@link anonboard} plugin. Only `board` is required.
 *
 * ```ts
 * const options: AnonboardOptions = { board, commands: { newad: 'post' } };
 * ```
 */
export interface AnonboardOptions {
  /** The board (with a transport made by `createTransport`, so its dispatcher can deliver). */
  readonly board: Board;
  /** Rename commands, or turn one off with `false`. */
  readonly commands?: CommandNames;
  /**
   * The bot is the board and nothing else: the plugin also answers `/start` (its menu), `/help`,
   * plain messages of people with nothing going on with the board (the "no chats" hint) and
   * Mini App data it cannot read. Default false: mounted into a host bot, it handles only its
   * deep links, buttons and commands, and messages of people inside a board flow (an opened ad,
   * an active chat), and calls `next()` for everything else; nobody is stored before they use
   * the board. Its menu and help answer there only under names the host gives them
   * (`commands: { help: 'board' }`).
   */
  readonly standalone?: boolean;
  /** `/start` payload prefix of ad links. Default `'ad_'`. */
  readonly deepLinkPrefix?: string;
  /** Prefix of the plugin's `callback_data`; must match `createTransport`'s. Default `'ab:'`. */
  readonly callbackPrefix?: string;
  /** How long to wait for the rest of an album after its last part arrived, in ms. Default 500. */
  readonly albumWaitMs?: number;
  /** Relay shared contacts (they reveal a phone number). Default false: refused with a text. */
  readonly allowContacts?: boolean;
  /** Relay locations and venues. Default false: refused with a text. */
  readonly allowLocations?: boolean;
  /** Largest `web_app_data` accepted, in bytes (Telegram's own limit is 4096). Default 4096. */
  readonly maxWebAppDataBytes?: number;
  /**
   * The Mini App's address (`https://…`; `http://` only for 127.0.0.1 / localhost): the `/start`
   * menu then carries a button that opens it (text `menu.openBoard`). Default none.
   */
  readonly webAppUrl?: string;
  /**
   * Which button opens the Mini App from the `/start` menu: `'inline'` (default) launches it with
   * signed initData (browse, write, publish); `'keyboard'` puts a persistent reply-keyboard button
   * under the input field instead, a launch without initData whose first message comes back
   * through `Telegram.WebApp.sendData` as `web_app_data`. Only with `webAppUrl`.
   */
  readonly webAppButton?: WebAppButtonKind;
  /**
   * Telegram user ids of the board's admins: they are answered `/stats` (others get
   * `error.not_admin`) and see it in `/help`. Default none.
   */
  readonly adminIds?: readonly number[];
  /** The catalogue for the plugin's own replies. Default `board.texts`. */
  readonly texts?: Texts;
  /**
   * Where failures outside grammY's middleware go (an album is handled after its updates were).
   * Default: an error line in the board's logger (the error's class, code and message only).
   */
  readonly onError?: (error: unknown) => void;
}

/**
 * How the `/start` menu offers the Mini App: an inline `web_app` button, or a reply-keyboard one.
 *
 * ```ts
 * const button: WebAppButtonKind = 'keyboard'; // launches without initData; the page uses sendData
 * ```
 */
export type WebAppButtonKind = 'inline' | 'keyboard';

/** {@link AnonboardOptions} checked, with every default filled in. */
export interface ResolvedOptions {
  readonly board: Board;
  readonly texts: Texts;
  /** The board's `identify`, so the options are a turn's source (`beginTurn(ctx, o)`). */
  readonly identify: Board['identify'];
  /**
   * Name of each command the plugin answers, or undefined when it does not (turned off, or
   * `start` / `help` of an embedded plugin left to the host). Deep links come as `/start`
   * whatever the name: see `deepLinks`.
   */
  readonly commands: Readonly<Record<AnonboardCommand, string | undefined>>;
  /** Whether `/start <deepLinkPrefix>…` opens ads (off with `commands: { start: false }`). */
  readonly deepLinks: boolean;
  readonly standalone: boolean;
  readonly deepLinkPrefix: string;
  readonly callbackPrefix: string;
  readonly albumWaitMs: number;
  readonly allowContacts: boolean;
  readonly allowLocations: boolean;
  readonly maxWebAppDataBytes: number;
  /** The Mini App button of the `/start` menu, when a `webAppUrl` was given. */
  readonly webApp: { readonly url: string; readonly button: WebAppButtonKind } | undefined;
  readonly adminIds: readonly number[];
  readonly onError: (error: unknown) => void;
}

// Telegram opens Mini Apps over https only; plain http is for a local emulator or sandbox.
const webAppUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine((url) => {
  if (!URL.canParse(url)) return true; // already reported by z.url
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || hostname === '127.0.0.1' || hostname === 'localhost';
}, 'Telegram opens Mini Apps over https only (http is allowed for 127.0.0.1 and localhost)');

const schema = z
  .strictObject({
    board: z.custom<Board>(
      (v) => typeof v === 'object' && v !== null && 'receive' in v && 'texts' in v,
      'board must be a Board made by createBoard()',
    ),
    commands: commandNamesSchema(anonboardCommands),
    standalone: z.boolean(),
    deepLinkPrefix: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,20}$/,
        'deep link prefixes are 1-20 characters of A-Z, a-z, 0-9, _ and -',
      ),
    callbackPrefix: z.string(),
    albumWaitMs: z.number().int().min(0).max(10_000),
    allowContacts: z.boolean(),
    allowLocations: z.boolean(),
    maxWebAppDataBytes: z.number().int().min(1).max(65_536),
    webAppUrl,
    webAppButton: z.enum(['inline', 'keyboard']),
    adminIds: telegramIdsSchema,
    texts: textsSchema,
    onError: onErrorSchema,
  })
  .partial({
    commands: true,
    standalone: true,
    deepLinkPrefix: true,
    callbackPrefix: true,
    albumWaitMs: true,
    allowContacts: true,
    allowLocations: true,
    maxWebAppDataBytes: true,
    webAppUrl: true,
    webAppButton: true,
    adminIds: true,
    texts: true,
    onError: true,
  })
  .refine((o) => o.webAppButton === undefined || o.webAppUrl !== undefined, {
    path: ['webAppButton'],
    message: 'needs webAppUrl',
  });

/**
 * Checks the plugin's options (they may come from JavaScript or a config file) and fills the
 * defaults. Throws {@link GrammyAdapterError} naming the bad option.
 *
 * ```ts
 * const resolved = resolveOptions({ board }); // resolved.commands.newad === 'newad'
 * ```
 */
export function resolveOptions(options: AnonboardOptions): ResolvedOptions {
  const o = parseOptions(schema, options);
  const { board } = o;
  const standalone = o.standalone ?? false;
  return {
    board,
    texts: o.texts ?? board.texts,
    identify: (input) => board.identify(input),
    commands: answeredCommands(anonboardCommands, o.commands, standalone),
    deepLinks: o.commands?.start !== false,
    standalone,
    deepLinkPrefix: o.deepLinkPrefix ?? DEFAULT_DEEP_LINK_PREFIX,
    callbackPrefix: checkCallbackPrefix(o.callbackPrefix ?? DEFAULT_CALLBACK_PREFIX),
    albumWaitMs: o.albumWaitMs ?? 500,
    allowContacts: o.allowContacts ?? false,
    allowLocations: o.allowLocations ?? false,
    maxWebAppDataBytes: o.maxWebAppDataBytes ?? 4096,
    webApp:
      o.webAppUrl === undefined
        ? undefined
        : { url: o.webAppUrl, button: o.webAppButton ?? 'inline' },
    adminIds: o.adminIds ?? [],
    onError:
      o.onError ??
      ((error) =>
        board.logger.error('a background update failed', {
          component: 'grammy',
          error: errorSummary(error),
        })),
  };
}

/**
 * Every command's name after renaming; undefined for commands turned off. Two commands may not
 * share a name. Serves both plugins' command lists.
 *
 * ```ts
 * resolveCommandNames(anonboardCommands, { newad: 'post' }).newad; // 'post'
 * ```
 */
export function resolveCommandNames<const C extends string>(
  list: readonly C[],
  names: Partial<Record<C, string | false>> = {},
): Readonly<Record<C, string | undefined>> {
  const entries = list.map((command) => {
    const name = names[command];
    return [command, name === false ? undefined : (name ?? command)] as const;
  });
  const used = entries.flatMap(([, name]) => (name === undefined ? [] : [name]));
  const twice = used.find((name, i) => used.indexOf(name) !== i);
  if (twice !== undefined) {
    throw new GrammyAdapterError(`invalid option "commands": two commands are named "${twice}"`);
  }
  return Object.fromEntries(entries) as Record<C, string | undefined>;
}

/** The commands a bot usually has of its own: an embedded plugin leaves them to the host. */
const hostCommands: readonly string[] = ['start', 'help'];

/**
 * The names a plugin answers: {@link resolveCommandNames}, except that an embedded plugin
 * (`standalone: false`) leaves `start` and `help` to the host unless they were renamed.
 *
 * ```ts
 * answeredCommands(anonboardCommands, { help: 'board' }, false).help; // 'board'
 * answeredCommands(anonboardCommands, {}, false).start; // undefined: the host's /start
 * ```
 */
export function answeredCommands<const C extends string>(
  list: readonly C[],
  names: Partial<Record<C, string | false>> = {},
  standalone: boolean,
): Readonly<Record<C, string | undefined>> {
  const resolved = resolveCommandNames(list, names);
  if (standalone) return resolved;
  return Object.fromEntries(
    list.map((command) => {
      const name = resolved[command];
      const left = hostCommands.includes(command) && name === command;
      return [command, left ? undefined : name];
    }),
  ) as Record<C, string | undefined>;
}
