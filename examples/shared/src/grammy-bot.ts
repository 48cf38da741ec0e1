import { createTransport, type SendLimits } from '@anonboard/adapter-grammy';
import type { Transport } from '@anonboard/core';
import { Api, Bot } from 'grammy';

/** How a bot reaches the Bot API. */
export interface BotApiConfig {
  readonly botToken: string;
  /** A self-hosted Bot API server (or the emulator); Telegram's own when undefined. */
  readonly apiRoot: string | undefined;
  /** How fast the outbox sends; the transport's default (30 a second) when undefined. */
  readonly sendLimits?: SendLimits | undefined;
}

/** A grammY bot with what every example does around it: logging, getMe, polling, stopping. */
export interface GrammyBot {
  readonly bot: Bot;
  /** For the outbox: a transport over an `Api` of its own (the outbox retries by itself). */
  readonly transport: Transport;
  /** Fetches the bot's own info (getMe), retried until the Bot API answers or `stop` is called. */
  init(): Promise<void>;
  /**
   * Starts long polling; resolves once updates can arrive. `onFatal` hears about polling that
   * stops by itself later (a revoked token, a second instance).
   */
  startPolling(onFatal?: (error: unknown) => void): Promise<void>;
  /** Ends a pending `init` and stops polling; harmless when neither runs. */
  stop(): Promise<void>;
}

/**
 * Builds the grammY bot and the outbox's transport for the token. A failed update is logged for
 * the operator; people only ever see the bot's own texts.
 *
 * ```ts
 * const telegram = createGrammyBot({ botToken: '123456:ABC', apiRoot: undefined }, console.error);
 * telegram.bot.use(plugin);
 * await telegram.init();
 * await telegram.startPolling((error) => console.error(error));
 * ```
 */
export function createGrammyBot(config: BotApiConfig, log: (line: string) => void): GrammyBot {
  const client = config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot };
  const bot = new Bot(config.botToken, { client });
  bot.catch(({ error, ctx }) => {
    log(`[anonboard] update ${ctx.update.update_id} failed: ${String(error)}`);
  });
  // grammY retries getMe until the Bot API answers; stopping must end that wait too.
  const starting = new AbortController();
  return {
    bot,
    transport: createTransport(
      new Api(config.botToken, client),
      config.sendLimits === undefined ? {} : { limits: config.sendLimits },
    ),
    // grammY types its signal with the `abort-controller` shim; Node's own is the same at run time.
    init: () => bot.init(starting.signal as Parameters<Bot['init']>[0]),
    startPolling: (onFatal) =>
      new Promise<void>((resolveStarted, reject) => {
        let started = false;
        bot
          .start({
            onStart: () => {
              started = true;
              resolveStarted();
            },
          })
          // Before it started, the caller's `await` hears the failure; after, only `onFatal` can.
          .catch((error: unknown) => (started ? onFatal?.(error) : reject(error)));
      }),
    async stop() {
      starting.abort();
      if (bot.isRunning()) await bot.stop();
    },
  };
}
