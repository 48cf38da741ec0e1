import { errors } from 'telegram';
import { UserbotError } from './errors.js';
import { consoleLogger, line, type UserbotLogger } from './logger.js';

/**
 * How FloodWait is honoured: wait what Telegram asks, up to a budget. Waits longer than
 * `maxFloodWaitSeconds` give up at once (with a log line) instead of stalling the watcher.
 *
 * ```ts
 * const policy: FloodPolicy = { maxFloodWaitSeconds: 120, maxRetries: 3, sleep: (ms) => delay(ms), logger: console };
 * ```
 */
export interface FloodPolicy {
  /** Longest single wait accepted, in seconds (default 300). */
  readonly maxFloodWaitSeconds: number;
  /** Waits in a row before giving up (default 5). */
  readonly maxRetries: number;
  /** Waits `ms` milliseconds; tests inject one that returns at once. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger: UserbotLogger;
}

/**
 * The defaults of {@link FloodPolicy}: waits up to 300 s, 5 in a row, real timers, `console`.
 *
 * ```ts
 * await withFloodWait('connect', () => client.connect(), { ...defaultFloodPolicy, maxFloodWaitSeconds: 60 });
 * ```
 */
export const defaultFloodPolicy: FloodPolicy = {
  maxFloodWaitSeconds: 300,
  maxRetries: 5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  logger: consoleLogger,
};

/**
 * The seconds Telegram asks to wait, when `error` is a FloodWait (`FLOOD_WAIT_X`,
 * `FLOOD_PREMIUM_WAIT_X`, GramJS's `FloodWaitError`); undefined for any other error.
 *
 * ```ts
 * const seconds = floodWaitSeconds(error); // 17 for FLOOD_WAIT_17
 * ```
 */
export function floodWaitSeconds(error: unknown): number | undefined {
  if (error instanceof errors.FloodWaitError) return error.seconds;
  if (error instanceof errors.RPCError) {
    const match = /^FLOOD(?:_PREMIUM)?_WAIT_(\d+)$/.exec(error.errorMessage);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return undefined;
}

/**
 * Runs a Telegram request, honouring FloodWait: each wait logs one line and sleeps, then the
 * request is retried; a wait over the budget (or too many in a row) throws a
 * {@link UserbotError} `flood_wait` after one log line. Other errors pass through.
 *
 * ```ts
 * const messages = await withFloodWait('getMessages -1001234', () => client.getMessages('-1001234', { limit: 10 }));
 * ```
 */
export async function withFloodWait<T>(
  what: string,
  request: () => Promise<T>,
  policy: Partial<FloodPolicy> = {},
): Promise<T> {
  const { maxFloodWaitSeconds, maxRetries, sleep, logger } = { ...defaultFloodPolicy, ...policy };
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const seconds = floodWaitSeconds(error);
      if (seconds === undefined) throw error;
      if (seconds > maxFloodWaitSeconds || attempt > maxRetries) {
        const why =
          seconds > maxFloodWaitSeconds
            ? `exceeds maxFloodWaitSeconds ${maxFloodWaitSeconds}`
            : `came ${attempt} times in a row`;
        logger.warn(line(`FloodWait ${seconds} s on ${what} ${why}: giving up`));
        throw new UserbotError('flood_wait', `FloodWait ${seconds} s on ${what} ${why}`, {
          cause: error,
        });
      }
      logger.warn(line(`FloodWait: waiting ${seconds} s before retrying ${what}`));
      await sleep(seconds * 1000);
    }
  }
}
