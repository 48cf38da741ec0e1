import {
  type AnonboardPlugin,
  anonboard,
  configureTelegramFeed,
  observeUpdates,
  type RunningDispatcher,
  registerCommands,
  startDispatcher,
} from '@anonboard/adapter-grammy';
import {
  type Board,
  consoleLogger,
  createBoard,
  createFeed,
  createTexts,
  type DispatcherOptions,
  errorSummary,
  type Logger,
} from '@anonboard/core';
import { createMiniApp, menuButtonFor } from '@anonboard/mini-app';
import {
  type BotStorage,
  createGrammyBot,
  createHttpServer,
  createMetrics,
  type HttpServer,
  type Metrics,
  openStorage,
} from '@examples/shared';
import { type Bot, webhookCallback } from 'grammy';
import type { Config } from './config.js';

/** The ad-board bot, built but not started. */
export interface BoardBot {
  readonly bot: Bot;
  readonly board: Board;
  readonly storage: BotStorage;
  readonly plugin: AnonboardPlugin;
  /** How updates arrive: `setWebhook` to WEBHOOK_URL, or long polling. */
  readonly mode: 'webhook' | 'polling';
  /** The metrics served at `/metrics` (the board's telemetry and backlog, Node's own). */
  readonly metrics: Metrics;
  /**
   * The port of the HTTP server once started (Mini App, webhook, `/healthz`, `/metrics`); none
   * without PORT.
   */
  readonly port: number | undefined;
  /**
   * Makes ADMIN_IDS the moderators, runs the board's housekeeping once, registers the commands
   * (and the Mini App menu button), starts the HTTP server, the dispatcher (which repeats the
   * housekeeping hourly), and the webhook or long polling; resolves once updates can arrive.
   * `onFatal` hears about polling that stopped by itself (a revoked token, a second instance).
   */
  start(onFatal?: (error: unknown) => void): Promise<void>;
  /**
   * Stops polling or stops taking webhook requests (answering those in flight), hands over
   * pending albums, stops the dispatcher, closes the database. The webhook stays set: other
   * instances keep serving it.
   */
  stop(): Promise<void>;
}

/** How often the board's housekeeping (`board.maintain()`) runs. */
const MAINTAIN_EVERY_MS = 60 * 60 * 1000;

/** What a host (the process, the sandbox, tests) may change besides the settings. */
export interface BoardBotOptions {
  /** Where the board, the plugin and the bot log. Default: `console`, warnings and errors. */
  readonly logger?: Logger;
  /** Where the board's telemetry goes, served at `/metrics`. Default: metrics of its own. */
  readonly metrics?: Metrics;
  /** Tuning of the outbox dispatcher (e.g. a shorter lease). */
  readonly dispatcher?: DispatcherOptions;
}

/**
 * Builds the bot from the settings: the storage (SQLite, or PostgreSQL with DATABASE_URL), the
 * board, the grammY plugin, a transport over its own `Api` (the outbox retries by itself) and,
 * with PORT, one HTTP server for the Mini App, the webhook and a health check.
 *
 * ```ts
 * const app = await createBoardBot({ ...config, botToken: '123456:ABC' });
 * await app.start();
 * process.once('SIGTERM', () => void app.stop());
 * ```
 */
export async function createBoardBot(
  config: Config & { readonly botToken: string },
  options: BoardBotOptions = {},
): Promise<BoardBot> {
  const logger = options.logger ?? consoleLogger('warn');
  const metrics = options.metrics ?? createMetrics();
  const storage = await openStorage(config.database, logger);
  const telegram = createGrammyBot(config, logger);
  const bot = telegram.bot;
  const board = createBoard({
    storage,
    transport: telegram.transport,
    texts: createTexts({ defaultLocale: config.locale }),
    policy: config.policy,
    logger,
    telemetry: metrics.telemetry,
    ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
  });
  metrics.watch(() => board.backlog());
  bot.use(observeUpdates(metrics.telemetry));
  // The bot is the board and nothing else: it answers /start, /help and every message.
  const plugin = anonboard({
    board,
    standalone: true,
    adminIds: config.adminIds,
    ...(config.webAppUrl === undefined ? {} : { webAppUrl: config.webAppUrl }),
  });
  bot.use(plugin);

  const webhook = config.webhook;
  let http: HttpServer | undefined;
  let port: number | undefined;
  let dispatcher: RunningDispatcher | undefined;
  let stopping: Promise<void> | undefined;

  /** The HTTP server: the Mini App, the webhook (when configured), `/healthz` and `/metrics`. */
  const serve = (listenOn: number): Promise<number> => {
    const miniApp = createMiniApp({
      board,
      botToken: config.botToken,
      locale: config.locale,
      botUsername: bot.botInfo.username,
    });
    http = createHttpServer(
      {
        miniApp: miniApp.handler,
        metrics: metrics.handle,
        ...(webhook === undefined
          ? {}
          : {
              webhook: {
                path: webhook.path,
                handle: webhookCallback(bot, 'http', { secretToken: webhook.secret }),
              },
            }),
        // Ready while not stopping and the database answers (a load balancer drains it on 503).
        healthy: async () => {
          if (stopping !== undefined) return false;
          await board.listAds({ limit: 1 });
          return true;
        },
        onError: (error) =>
          logger.error('a webhook request failed', {
            component: 'http',
            error: errorSummary(error),
          }),
      },
      config.httpLimits,
    );
    return http.listen(listenOn, config.host);
  };

  return {
    bot,
    board,
    storage,
    plugin,
    metrics,
    mode: webhook === undefined ? 'polling' : 'webhook',
    get port() {
      return port;
    },
    async start(onFatal) {
      if (config.adminIds.length > 0) {
        // Moderators are the shared moderation queue's admins (the monitoring feed's too): set
        // them through a feed on this storage. No transport: the board's dispatcher delivers
        // report cards, and the plugin handles their buttons.
        await configureTelegramFeed(createFeed({ storage }), { adminIds: config.adminIds });
      }
      // Expire stale invites, purge history past its retention; the dispatcher repeats it hourly.
      await board.maintain();
      await telegram.init();
      // Conveniences, not needs: a Bot API without them is a warning, and the bot still starts.
      await registerCommands(bot.api, { board, standalone: true, adminIds: config.adminIds });
      if (config.webAppUrl !== undefined) {
        const text = board.texts.render('menu.openBoard');
        try {
          await bot.api.setChatMenuButton(menuButtonFor(config.webAppUrl, text));
        } catch (error) {
          logger.warn('could not set the menu button: the /start menu still offers the Mini App', {
            component: 'grammy',
            method: 'setChatMenuButton',
            error: errorSummary(error),
          });
        }
      }
      if (config.port !== undefined) port = await serve(config.port);
      dispatcher = startDispatcher(board, { sweepEveryMs: MAINTAIN_EVERY_MS });
      if (webhook !== undefined) {
        // Every instance sets the same webhook; Telegram spreads updates over whoever answers.
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret });
        return;
      }
      await telegram.startPolling(onFatal);
    },
    stop() {
      stopping ??= (async () => {
        await telegram.stop();
        await http?.close();
        await plugin.flushAlbums();
        await dispatcher?.stop();
        await storage.close();
      })();
      return stopping;
    },
  };
}
