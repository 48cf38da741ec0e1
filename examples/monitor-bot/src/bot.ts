import {
  type AnonboardFeedPlugin,
  anonboardFeed,
  configureTelegramFeed,
  createTransport,
  type RunningDispatcher,
  registerFeedCommands,
  type SourceResolver,
  startFeedDispatcher,
} from '@anonboard/adapter-grammy';
import { resolveSource, startUserbot, type Userbot } from '@anonboard/adapter-userbot';
import { createFeed, createTexts, type DispatcherOptions, type Feed } from '@anonboard/core';
import { Api, Bot } from 'grammy';
import type { Config } from './config.js';
import { type FeedStorage, openStorage } from './storage.js';

/** The monitor bot, built but not started. */
export interface MonitorBot {
  readonly bot: Bot;
  readonly feed: Feed;
  readonly storage: FeedStorage;
  readonly plugin: AnonboardFeedPlugin;
  /** The userbot watching the sources, once started (undefined when monitoring is off). */
  readonly userbot: Userbot | undefined;
  /**
   * Configures the feed (admins, channel), registers the commands, starts the dispatcher, the
   * userbot (when configured) and long polling; resolves once polling runs. `onFatal` hears
   * about polling that stopped by itself (a revoked token, a second instance).
   */
  start(onFatal?: (error: unknown) => void): Promise<void>;
  /** Stops polling and the userbot, hands over pending albums, stops the dispatcher, closes the database. */
  stop(): Promise<void>;
}

/** What a host (the sandbox, tests) may change besides the settings. */
export interface MonitorBotOptions {
  /** Where failures are reported. Default `console.error`. */
  readonly log?: (line: string) => void;
  /** Tuning of the outbox dispatcher (the sandbox polls faster). */
  readonly dispatcher?: DispatcherOptions;
  /** Starts the userbot (tests inject a fake); default `startUserbot` of the userbot adapter. */
  readonly startUserbot?: typeof startUserbot;
}

/**
 * Builds the bot from the settings: the storage (SQLite, or PostgreSQL with DATABASE_URL), the
 * feed with the configured scorer, the grammY feed plugin and a transport over its own `Api` (the
 * outbox retries by itself). With the userbot configured, `/addsource` resolves (and joins)
 * channels through it.
 *
 * ```ts
 * const app = await createMonitorBot({ ...config, botToken: '123456:ABC' });
 * await app.start();
 * process.once('SIGTERM', () => void app.stop());
 * ```
 */
export async function createMonitorBot(
  config: Config & { readonly botToken: string },
  options: MonitorBotOptions = {},
): Promise<MonitorBot> {
  const log = options.log ?? console.error;
  const storage = await openStorage(config.database);
  const client = config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot };
  const feed = createFeed({
    storage,
    transport: createTransport(new Api(config.botToken, client)),
    scorer: config.scorer,
    texts: createTexts({ defaultLocale: config.locale }),
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  const bot = new Bot(config.botToken, { client });
  // Failures are logged for the operator; people only ever see the feed's own texts.
  bot.catch(({ error, ctx }) => {
    log(`[anonboard] update ${ctx.update.update_id} failed: ${String(error)}`);
  });

  let userbot: Userbot | undefined;
  const sources: SourceResolver | undefined =
    config.userbot === undefined
      ? undefined
      : {
          resolve(input) {
            if (userbot === undefined) throw new Error('the userbot is not connected yet');
            return resolveSource(userbot.client, input, { join: true });
          },
          // Watch the new source at once rather than at the next refresh.
          async added() {
            await userbot?.refresh();
          },
        };
  const plugin = anonboardFeed({ feed, ...(sources === undefined ? {} : { sources }) });
  bot.use(plugin);

  let dispatcher: RunningDispatcher | undefined;
  let stopping: Promise<void> | undefined;
  // grammY retries getMe until the Bot API answers; stopping must end that wait too.
  const starting = new AbortController();
  return {
    bot,
    feed,
    storage,
    plugin,
    get userbot() {
      return userbot;
    },
    async start(onFatal) {
      await configureTelegramFeed(feed, {
        adminIds: config.adminIds,
        ...(config.channel === undefined ? {} : { channel: config.channel }),
        ...(config.defaultThreshold === undefined
          ? {}
          : { defaultThreshold: config.defaultThreshold }),
        ...(config.topic === undefined ? {} : { topic: config.topic }),
      });
      // grammY types its signal with the `abort-controller` shim; Node's own is the same at run time.
      await bot.init(starting.signal as Parameters<Bot['init']>[0]);
      await registerFeedCommands(bot.api, { feed, adminIds: config.adminIds });
      dispatcher = startFeedDispatcher(feed);
      if (config.userbot !== undefined) {
        userbot = await (options.startUserbot ?? startUserbot)({ config: config.userbot, feed });
      }
      await new Promise<void>((resolveStarted, reject) => {
        let started = false;
        bot
          .start({
            onStart: () => {
              started = true;
              resolveStarted();
            },
          })
          .catch((error: unknown) => (started ? onFatal?.(error) : reject(error)));
      });
    },
    stop() {
      stopping ??= (async () => {
        starting.abort();
        if (bot.isRunning()) await bot.stop();
        await userbot?.stop();
        await plugin.flushAlbums();
        await dispatcher?.stop();
        await storage.close();
      })();
      return stopping;
    },
  };
}
