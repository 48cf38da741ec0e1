import { errorSummary, type Feed, type Source, type Texts } from '@anonboard/core';
import { z } from 'zod';
import { checkCallbackPrefix, DEFAULT_CALLBACK_PREFIX } from '../callback-data.js';
import { commandNamesSchema, onErrorSchema, parseOptions, textsSchema } from '../option-schemas.js';
import { answeredCommands } from '../options.js';

/**
 * The commands of the feed plugin, by their default names. `queue` and `stats` answer admins
 * only.
 *
 * ```ts
 * for (const command of feedCommands) console.log(`/${command}`);
 * ```
 */
export const feedCommands = [
  'start',
  'help',
  'suggest',
  'subscribe',
  'keywords',
  'threshold',
  'sources',
  'addsource',
  'queue',
  'stats',
] as const;

/**
 * One of the feed plugin's commands (its default name).
 *
 * ```ts
 * const command: FeedCommand = 'suggest';
 * ```
 */
export type FeedCommand = (typeof feedCommands)[number];

/** The commands only admins are answered (and shown). */
export const feedAdminCommands: readonly FeedCommand[] = ['queue', 'stats'];

/**
 * A new name per command, or `false` to leave it to the host bot.
 *
 * ```ts
 * const names: FeedCommandNames = { suggest: 'post', start: false, help: false };
 * ```
 */
export type FeedCommandNames = Partial<Record<FeedCommand, string | false>>;

/**
 * Turns what a person typed after `/addsource` into a watchable source: with a userbot running,
 * `@anonboard/adapter-userbot`'s `resolveSource` (it joins public channels and knows private ones
 * the account is in). Throw when it cannot; an error whose `reason` is one of the userbot's
 * (`not_found`, `private`, `not_member`, `not_a_channel`, `flood`, …) is explained to the person.
 *
 * ```ts
 * const sources: SourceResolver = {
 *   resolve: (input) => resolveSource(userbot.client, input, { join: true }),
 *   added: () => userbot.refresh(),
 * };
 * ```
 */
export interface SourceResolver {
  resolve(
    input: string,
  ): Promise<{ readonly ref: string; readonly title: string; readonly link?: string | null }>;
  /** Called after a source was added (e.g. the userbot's `refresh()`, to watch it at once). */
  added?(source: Source): Promise<void> | void;
}

/**
 * Options of the {@link anonboardFeed} plugin. Only `feed` is required.
 *
 * ```ts
 * const options: AnonboardFeedOptions = { feed, commands: { suggest: 'post' }, statsDiagram: false };
 * ```
 */
export interface AnonboardFeedOptions {
  /** The feed (with a transport made by `createTransport`, so its dispatcher can deliver). */
  readonly feed: Feed;
  /** Rename commands, or turn one off with `false`. */
  readonly commands?: FeedCommandNames;
  /** Prefix of the buttons' `callback_data`; must match `createTransport`'s. Default `'ab:'`. */
  readonly callbackPrefix?: string;
  /**
   * How `/addsource` resolves a source. Without it: `-100…` ids (with a title, or the title the
   * Bot API's `getChat` knows), public `@username`s the Bot API can see, else stored as given.
   */
  readonly sources?: SourceResolver;
  /** How long `/suggest` waits for the text in the next message, in ms. Default 10 minutes. */
  readonly suggestWaitMs?: number;
  /** How long to wait for the rest of a suggested album, in ms. Default 500. */
  readonly albumWaitMs?: number;
  /** `/stats` also sends the overview diagram with the live figures as a Mermaid block. Default true. */
  readonly statsDiagram?: boolean;
  /**
   * The bot is the feed and nothing else: the plugin also answers `/start` (its menu), `/help`,
   * forwards from channels it does not watch and from people, and other plain messages (with a
   * hint). Default false: mounted into a host bot, it handles only its buttons and commands,
   * forwards from the channels it watches, the answer to `/suggest`, and an admin's rejection
   * reason, and calls `next()` for everything else; nobody is stored before they use the feed.
   * Its menu and help answer there only under names the host gives them
   * (`commands: { help: 'feedhelp' }`).
   */
  readonly standalone?: boolean;
  /** The catalogue for the plugin's own replies. Default `feed.texts`. */
  readonly texts?: Texts;
  /**
   * Where failures outside grammY's middleware go (a suggested album). Default: an error line in
   * the feed's logger (the error's class, code and message only).
   */
  readonly onError?: (error: unknown) => void;
}

/** {@link AnonboardFeedOptions} checked, with every default filled in. */
export interface ResolvedFeedOptions {
  readonly feed: Feed;
  readonly texts: Texts;
  /** The feed's `identify`, so the options are a turn's source (`beginTurn(ctx, o)`). */
  readonly identify: Feed['identify'];
  /**
   * Name of each command the plugin answers, or undefined when it does not (turned off, or
   * `start` / `help` of an embedded plugin left to the host).
   */
  readonly commands: Readonly<Record<FeedCommand, string | undefined>>;
  readonly callbackPrefix: string;
  readonly sources: SourceResolver | undefined;
  readonly suggestWaitMs: number;
  readonly albumWaitMs: number;
  readonly statsDiagram: boolean;
  readonly standalone: boolean;
  readonly onError: (error: unknown) => void;
}

const schema = z
  .strictObject({
    feed: z.custom<Feed>(
      (v) => typeof v === 'object' && v !== null && 'ingest' in v && 'suggest' in v,
      'feed must be a Feed made by createFeed()',
    ),
    commands: commandNamesSchema(feedCommands),
    callbackPrefix: z.string(),
    sources: z.custom<SourceResolver>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        'resolve' in v &&
        typeof (v as { resolve: unknown }).resolve === 'function',
      'sources must have a resolve(input) function',
    ),
    suggestWaitMs: z
      .number()
      .int()
      .min(1_000)
      .max(24 * 60 * 60 * 1000),
    albumWaitMs: z.number().int().min(0).max(10_000),
    statsDiagram: z.boolean(),
    standalone: z.boolean(),
    texts: textsSchema,
    onError: onErrorSchema,
  })
  .partial({
    commands: true,
    callbackPrefix: true,
    sources: true,
    suggestWaitMs: true,
    albumWaitMs: true,
    statsDiagram: true,
    standalone: true,
    texts: true,
    onError: true,
  });

/**
 * Checks the feed plugin's options and fills the defaults. Throws {@link GrammyAdapterError}
 * naming the bad option.
 *
 * ```ts
 * resolveFeedOptions({ feed }).commands.suggest; // 'suggest'
 * ```
 */
export function resolveFeedOptions(options: AnonboardFeedOptions): ResolvedFeedOptions {
  const o = parseOptions(schema, options);
  const { feed } = o;
  return {
    feed,
    texts: o.texts ?? feed.texts,
    identify: (input) => feed.identify(input),
    commands: answeredCommands(feedCommands, o.commands, o.standalone ?? false),
    callbackPrefix: checkCallbackPrefix(o.callbackPrefix ?? DEFAULT_CALLBACK_PREFIX),
    sources: o.sources,
    suggestWaitMs: o.suggestWaitMs ?? 10 * 60 * 1000,
    albumWaitMs: o.albumWaitMs ?? 500,
    statsDiagram: o.statsDiagram ?? true,
    standalone: o.standalone ?? false,
    onError:
      o.onError ??
      ((error) =>
        o.feed.logger.error('a background feed update failed', {
          component: 'grammy',
          error: errorSummary(error),
        })),
  };
}
