import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type AnonboardPlugin,
  anonboard,
  createTransport,
  type RunningDispatcher,
  registerCommands,
  startDispatcher,
} from '@anonboard/adapter-grammy';
import { type Board, createBoard, createTexts } from '@anonboard/core';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';
import { Api, Bot } from 'grammy';
import type { Config } from './config.js';

/** The ad-board bot, built but not started. */
export interface BoardBot {
  readonly bot: Bot;
  readonly board: Board;
  readonly storage: SqliteStorage;
  readonly plugin: AnonboardPlugin;
  /**
   * Registers the commands, starts the dispatcher and long polling; resolves once polling runs.
   * `onFatal` hears about polling that stopped by itself (a revoked token, a second instance).
   */
  start(onFatal?: (error: unknown) => void): Promise<void>;
  /** Stops polling, hands over pending albums, stops the dispatcher, closes the database. */
  stop(): Promise<void>;
}

/**
 * Builds the bot from the settings: SQLite storage, the board, the grammY plugin and a transport
 * over its own `Api` (the outbox retries by itself).
 *
 * ```ts
 * const app = createBoardBot({ ...config, botToken: '123456:ABC' });
 * await app.start();
 * process.once('SIGTERM', () => void app.stop());
 * ```
 */
export function createBoardBot(
  config: Config & { readonly botToken: string },
  log: (line: string) => void = console.error,
): BoardBot {
  if (config.databasePath !== ':memory:') {
    mkdirSync(dirname(resolve(config.databasePath)), { recursive: true });
  }
  const storage = openSqliteStorage({ path: config.databasePath });
  const client = config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot };
  const board = createBoard({
    storage,
    transport: createTransport(new Api(config.botToken, client)),
    texts: createTexts({ defaultLocale: config.locale }),
  });
  const bot = new Bot(config.botToken, { client });
  // Failures are logged for the operator; people only ever see the board's own texts.
  bot.catch(({ error, ctx }) => {
    log(`[anonboard] update ${ctx.update.update_id} failed: ${String(error)}`);
  });
  const plugin = anonboard({ board });
  bot.use(plugin);

  let dispatcher: RunningDispatcher | undefined;
  let stopping: Promise<void> | undefined;
  // grammY retries getMe until the Bot API answers; stopping must end that wait too.
  const starting = new AbortController();
  return {
    bot,
    board,
    storage,
    plugin,
    async start(onFatal) {
      // grammY types its signal with the `abort-controller` shim; Node's own is the same at run time.
      await bot.init(starting.signal as Parameters<Bot['init']>[0]);
      await registerCommands(bot.api, { board });
      dispatcher = startDispatcher(board);
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
        await plugin.flushAlbums();
        await dispatcher?.stop();
        await storage.close();
      })();
      return stopping;
    },
  };
}
