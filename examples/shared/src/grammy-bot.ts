import { AnonboardUpdateError, createTransport, type SendLimits } from '@anonboard/adapter-grammy';
import { errorSummary, type Logger, type Transport } from '@anonboard/core';
import { Api, Bot, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

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
  /**
   * Fetches the bot's own info (getMe). An unreachable Bot API is an error line naming the URL
   * and what failed, retried with a growing pause (told in the line) until it answers or `stop`
   * is called; a refused token or a wrong address stops it with a {@link BotApiError}.
   */
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
 * The Bot API refused to serve the bot at start-up, for a reason retrying cannot fix: a token it
 * does not know (401), or an address that is not a Bot API (404).
 *
 * ```ts
 * try {
 *   await telegram.init();
 * } catch (error) {
 *   if (error instanceof BotApiError) console.error(error.message);
 * }
 * ```
 */
export class BotApiError extends Error {
  override readonly name = 'BotApiError';
  constructor(
    message: string,
    /** The Bot API's address (never the token). */
    readonly url: string,
  ) {
    super(`[anonboard] ${message}`);
  }
}

/** Telegram's own Bot API, when `TELEGRAM_API_ROOT` is unset. */
const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** Pauses between attempts to reach the Bot API at start-up: 1 s, doubling, at most a minute. */
const REACH_BACKOFF = { firstMs: 1000, maxMs: 60_000 };

/**
 * Builds the grammY bot and the outbox's transport for the token. A failed update is logged for
 * the operator (its summary only: grammY's errors carry the request, with the chat and the text);
 * people only ever see the bot's own texts. Polling that fails (the network, the Bot API) is a
 * warning each time it retries.
 *
 * ```ts
 * const telegram = createGrammyBot({ botToken: '123456:ABC', apiRoot: undefined }, logger);
 * telegram.bot.use(plugin);
 * await telegram.init();
 * await telegram.startPolling((error) => logger.error('polling stopped', { error: errorSummary(error) }));
 * ```
 */
export function createGrammyBot(
  config: BotApiConfig,
  logger: Logger,
  backoff: { readonly firstMs: number; readonly maxMs: number } = REACH_BACKOFF,
): GrammyBot {
  const client = config.apiRoot === undefined ? {} : { apiRoot: config.apiRoot };
  const url = config.apiRoot ?? TELEGRAM_API_ROOT;
  const bot = new Bot(config.botToken, { client });
  bot.catch(({ error, ctx }) => {
    logger.error('an update failed', {
      component: 'grammy',
      update: ctx.update.update_id,
      // The plugins' failures come redacted already; the host's own are summarised here.
      error: redacted(
        error instanceof AnonboardUpdateError ? error.summary : errorSummary(error),
        config.botToken,
      ),
    });
  });
  // grammY retries failed polls by itself, silently: say so, so an outage is seen.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted) {
        logger.warn('polling the Bot API failed: grammY retries', {
          component: 'grammy',
          url,
          error: reasonOf(error, config.botToken),
        });
      }
      throw error;
    }
  });
  const starting = new AbortController();
  return {
    bot,
    transport: createTransport(
      new Api(config.botToken, client),
      config.sendLimits === undefined ? {} : { limits: config.sendLimits },
    ),
    async init() {
      if (bot.isInited()) return;
      bot.botInfo = await reach(bot.api, url, config.botToken, logger, backoff, starting.signal);
    },
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

// --- Internal helpers ---

/** getMe until it answers: an error line per failure with the pause before the next attempt. */
async function reach(
  api: Api,
  url: string,
  token: string,
  logger: Logger,
  backoff: { readonly firstMs: number; readonly maxMs: number },
  signal: AbortSignal,
): Promise<UserFromGetMe> {
  for (let attempt = 1, pauseMs = backoff.firstMs; ; attempt++) {
    try {
      // grammY types its signal with the `abort-controller` shim; Node's own is the same at run time.
      return await api.getMe(signal as Parameters<Api['getMe']>[0]);
    } catch (error) {
      if (signal.aborted) throw new BotApiError('stopped while reaching the Bot API', url);
      if (error instanceof GrammyError && error.error_code === 401) {
        throw new BotApiError(
          `the Bot API at ${url} refused the token (401 ${error.description}): check BOT_TOKEN`,
          url,
        );
      }
      if (error instanceof GrammyError && error.error_code === 404) {
        throw new BotApiError(
          `${url} answered getMe with 404 ${error.description}: is TELEGRAM_API_ROOT a Bot API server?`,
          url,
        );
      }
      logger.error('the Bot API cannot be reached: retrying', {
        component: 'grammy',
        url,
        method: 'getMe',
        attempt,
        error: reasonOf(error, token),
        retryInMs: pauseMs,
      });
      await sleep(pauseMs, signal);
      pauseMs = Math.min(backoff.maxMs, pauseMs * 2);
    }
  }
}

/** What failed, without the token: the network error's code, or the Bot API's answer. */
function reasonOf(error: unknown, token: string): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  if (error instanceof HttpError) {
    // The cause of a network error names the request's URL, and so the token: keep its code.
    const cause = error.error as { code?: unknown; cause?: { code?: unknown } } | undefined;
    const code = cause?.code ?? cause?.cause?.code;
    return typeof code === 'string' ? `network error ${code}` : 'network error';
  }
  return redacted(errorSummary(error), token).message;
}

/** The summary with the token masked, should a message ever carry it. */
function redacted<T extends { message: string }>(summary: T, token: string): T {
  return { ...summary, message: summary.message.split(token).join('***') };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
