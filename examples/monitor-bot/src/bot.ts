import {
  type AnonboardFeedPlugin,
  anonboardFeed,
  botApiPictures,
  configureTelegramFeed,
  observeUpdates,
  type RunningDispatcher,
  registerFeedCommands,
  type SourceResolver,
  startFeedDispatcher,
} from '@anonboard/adapter-grammy';
import { resolveSource, startUserbot, type Userbot } from '@anonboard/adapter-userbot';
import {
  consoleLogger,
  createFeed,
  createTexts,
  type DispatcherOptions,
  errorSummary,
  type Feed,
  type Logger,
} from '@anonboard/core';
import {
  type BotStorage,
  createGrammyBot,
  createHttpServer,
  createMetrics,
  type HttpServer,
  type Metrics,
  openStorage,
} from '@examples/shared';
import type { Bot } from 'grammy';
import type { Config } from './config.js';

/** The monitor bot, built but not started. */
export interface MonitorBot {
  readonly bot: Bot;
  readonly feed: Feed;
  readonly storage: BotStorage;
  readonly plugin: AnonboardFeedPlugin;
  /** The userbot watching the sources, once started (undefined when monitoring is off). */
  readonly userbot: Userbot | undefined;
  /** The metrics served at `/metrics` (the feed's telemetry and backlog, Node's own). */
  readonly metrics: Metrics;
  /**
   * The port of the HTTP server once started (the admin Mini App, `/healthz`, `/metrics`); none
   * without PORT.
   */
  readonly port: number | undefined;
  /**
   * Configures the feed (admins, channel), registers the commands, gives each admin a menu
   * button opening the admin Mini App (with WEBAPP_URL), starts the HTTP server (with PORT), the
   * dispatcher, the userbot (when configured) and long polling; resolves once polling runs.
   * `onFatal` hears about polling that stopped by itself (a revoked token, a second instance).
   */
  start(onFatal?: (error: unknown) => void): Promise<void>;
  /**
   * Stops polling, the HTTP server and the userbot, hands over pending albums, stops the
   * dispatcher, closes the database.
   */
  stop(): Promise<void>;
}

/** What a host (the process, the sandbox, tests) may change besides the settings. */
export interface MonitorBotOptions {
  /** Where the feed, the plugin, the userbot and the bot log. Default: `console`, warnings and errors. */
  readonly logger?: Logger;
  /** Where the feed's telemetry goes, served at `/metrics`. Default: metrics of its own. */
  readonly metrics?: Metrics;
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
  const logger = options.logger ?? consoleLogger('warn');
  const metrics = options.metrics ?? createMetrics();
  const storage = await openStorage(config.database, logger);
  const telegram = createGrammyBot(config, logger);
  const bot = telegram.bot;
  const feed = createFeed({
    storage,
    transport: telegram.transport,
    scorer: config.scorer,
    texts: createTexts({ defaultLocale: config.locale }),
    logger,
    telemetry: metrics.telemetry,
    directMessages: config.directMessages,
    ...(config.scoreTimeoutMs === undefined
      ? {}
      : { policy: { scoreTimeoutMs: config.scoreTimeoutMs } }),
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  metrics.watch(() => feed.backlog());
  bot.use(observeUpdates(metrics.telemetry));

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
  // The bot is the feed and nothing else: it answers /start, /help and every message.
  const plugin = anonboardFeed({
    feed,
    standalone: true,
    ...(sources === undefined ? {} : { sources }),
  });
  bot.use(plugin);

  let dispatcher: RunningDispatcher | undefined;
  let stopping: Promise<void> | undefined;
  let http: HttpServer | undefined;
  let port: number | undefined;

  /** The HTTP server: the admin Mini App (queue, statistics, flows), `/healthz` and `/metrics`. */
  const serve = async (listenOn: number): Promise<number> => {
    // Loaded only when served: a bot without PORT never reads the page or its bundles.
    const { createAdminApp } = await import('@anonboard/admin-app');
    const adminApp = createAdminApp({
      feed,
      botToken: config.botToken,
      locale: config.locale,
      // Previews of items' photos: by file id through the Bot API, on the server only.
      mediaPreview: botApiPictures(bot.api, config),
    });
    http = createHttpServer(
      {
        miniApp: adminApp.handler,
        metrics: metrics.handle,
        // Ready while not stopping and the database answers.
        healthy: async () => {
          if (stopping !== undefined) return false;
          await feed.settings();
          return true;
        },
        onError: (error) =>
          logger.error('an HTTP request failed', { component: 'http', error: errorSummary(error) }),
      },
      config.httpLimits,
    );
    return http.listen(listenOn, config.host);
  };

  /** Only admins get the menu button: in their own chats with the bot, in their language. */
  const giveAdminsTheMenuButton = async (url: string): Promise<void> => {
    const { createAdminAppTexts } = await import('@anonboard/admin-app');
    const { menuButtonFor } = await import('@anonboard/mini-app/web');
    const texts = createAdminAppTexts();
    for (const adminId of config.adminIds) {
      const admin = await feed.findAdmin({ platformId: String(adminId) });
      const text = texts.render('menu.button', {}, admin?.locale ?? config.locale);
      try {
        await bot.api.setChatMenuButton({ chat_id: adminId, ...menuButtonFor(url, text) });
      } catch (error) {
        // An admin who never opened the bot has no chat yet; the rest still get theirs.
        logger.warn("could not set an admin's menu button", {
          component: 'grammy',
          error: errorSummary(error),
        });
      }
    }
  };

  return {
    bot,
    feed,
    storage,
    plugin,
    metrics,
    get userbot() {
      return userbot;
    },
    get port() {
      return port;
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
      await telegram.init();
      await registerFeedCommands(bot.api, { feed, standalone: true, adminIds: config.adminIds });
      if (config.webAppUrl !== undefined) await giveAdminsTheMenuButton(config.webAppUrl);
      if (config.port !== undefined) port = await serve(config.port);
      dispatcher = startFeedDispatcher(
        feed,
        config.queueExpiryMs === undefined ? {} : { expireItemsAfterMs: config.queueExpiryMs },
      );
      if (config.userbot !== undefined) {
        userbot = await (options.startUserbot ?? startUserbot)({
          config: config.userbot,
          feed,
          logger,
        });
      }
      await telegram.startPolling(onFatal);
    },
    stop() {
      stopping ??= (async () => {
        await telegram.stop();
        await http?.close();
        await userbot?.stop();
        await plugin.flushAlbums();
        await dispatcher?.stop();
        await storage.close();
      })();
      return stopping;
    },
  };
}
