import { Logger, TelegramClient } from 'telegram';
import type { TelegramClientParams } from 'telegram/client/telegramBaseClient.js';
import { LogLevel } from 'telegram/extensions/Logger.js';
import { StringSession } from 'telegram/sessions/index.js';
import type { UserbotConfig } from './env.js';
import { UserbotError } from './errors.js';
import { withFloodWait } from './flood.js';
import { consoleLogger, describeError, line } from './logger.js';
import { createSourceWatcher, type SourceWatcher, type WatcherOptions } from './watcher.js';

/**
 * Options of {@link startUserbot}: the config, the feed, and any {@link WatcherOptions}.
 *
 * ```ts
 * const options: StartUserbotOptions = { config, feed, maxFloodWaitSeconds: 120 };
 * ```
 */
export interface StartUserbotOptions extends Omit<WatcherOptions, 'client'> {
  readonly config: UserbotConfig;
  /** Extra GramJS client parameters (proxy, connection retries…). */
  readonly clientParams?: TelegramClientParams;
  /** A client made elsewhere (tests); by default one is made from `config`. */
  readonly client?: TelegramClient;
  /** Fill GramJS's entity cache from the dialog list, so catch-up can address sources (default true). */
  readonly loadDialogs?: boolean;
}

/**
 * A started watcher and its client.
 *
 * ```ts
 * const userbot: Userbot = await startUserbot({ config, feed });
 * await userbot.stop();
 * ```
 */
export interface Userbot extends SourceWatcher {
  readonly client: TelegramClient;
}

/**
 * A GramJS client for the config: StringSession, every FloodWait surfaced to the watcher (which
 * waits within its budget and logs each wait), GramJS's own logging at warnings only.
 *
 * ```ts
 * const client = createUserbotClient(config, { connectionRetries: 10 });
 * ```
 */
export function createUserbotClient(
  config: UserbotConfig,
  params: TelegramClientParams = {},
): TelegramClient {
  return new TelegramClient(new StringSession(config.session), config.apiId, config.apiHash, {
    connectionRetries: 5,
    autoReconnect: true,
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.WARN),
    ...params,
  });
}

/**
 * Connects the account and starts watching the feed's sources: the convenience for apps
 * (`examples/monitor-bot`). Throws a {@link UserbotError} `session_invalid` when TG_SESSION is
 * not logged in. The userbot only reads; publishing stays with the bot.
 *
 * ```ts
 * const config = userbotConfigFromEnv(process.env);
 * if (config) {
 *   const userbot = await startUserbot({ config, feed });
 *   process.once('SIGTERM', () => void userbot.stop());
 * }
 * ```
 */
export async function startUserbot(options: StartUserbotOptions): Promise<Userbot> {
  const { config, clientParams, loadDialogs, client: given, ...watcherOptions } = options;
  const logger = options.logger ?? consoleLogger;
  const client = given ?? createUserbotClient(config, clientParams);
  const flood = {
    logger,
    ...(options.maxFloodWaitSeconds === undefined
      ? {}
      : { maxFloodWaitSeconds: options.maxFloodWaitSeconds }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  };
  try {
    await withFloodWait('connect', () => client.connect(), flood);
    if (!(await client.checkAuthorization())) {
      throw new UserbotError(
        'session_invalid',
        'TG_SESSION is not logged in (expired, revoked, or made for another api id): run `npx anonboard-userbot login` and set the new TG_SESSION',
      );
    }
    if (loadDialogs !== false) {
      await withFloodWait('getDialogs', () => client.getDialogs({ limit: 500 }), flood).catch(
        (error: unknown) =>
          logger.warn(
            line(
              `cannot load the dialog list (catch-up may miss sources): ${describeError(error)}`,
            ),
          ),
      );
    }
  } catch (error) {
    await client.destroy().catch(() => {});
    throw error;
  }
  const watcher = createSourceWatcher({ ...watcherOptions, client });
  await watcher.start();
  return { ...watcher, client };
}
