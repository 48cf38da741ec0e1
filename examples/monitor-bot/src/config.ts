import type { SendLimits } from '@anonboard/adapter-grammy';
import { type UserbotConfig, userbotConfigFromEnv } from '@anonboard/adapter-userbot';
import type { Locale, Scorer } from '@anonboard/core';
import { scorerFromEnv } from '@anonboard/scorer-llm';
import {
  adminIdsSetting,
  botApiSettings,
  ConfigError,
  type DatabaseConfig,
  databaseFrom,
  databaseSettings,
  durationSetting,
  type Env,
  type HttpLimits,
  httpLimitProblems,
  httpLimitsFrom,
  httpSettings,
  type LogConfig,
  localeSetting,
  logConfigFrom,
  logSettings,
  presentSettings,
  problemsOf,
  sendLimitsFrom,
  sendRateSettings,
} from '@examples/shared';
import { z } from 'zod';

/** The monitor bot's settings, read from the environment. */
export interface Config {
  /** From @BotFather; without it the offline sandbox runs instead. */
  readonly botToken: string | undefined;
  /** A self-hosted Bot API server (or the emulator); Telegram's own when undefined. */
  readonly apiRoot: string | undefined;
  readonly database: DatabaseConfig;
  /** Where approved posts are published: `-100…` or `@username` (required with a token). */
  readonly channel: string | undefined;
  /** Telegram user ids of the moderators (required with a token). */
  readonly adminIds: readonly number[];
  /** The language of people whose Telegram client reports neither Russian nor English. */
  readonly locale: Locale;
  /** Threshold for subscriptions without their own; the feed's default (0.5) when undefined. */
  readonly defaultThreshold: number | undefined;
  /** What the channel is about, for LLM scorers. */
  readonly topic: string | undefined;
  /** Judges importance: `SCORER` and its settings (offline by default). */
  readonly scorer: Scorer;
  /** The userbot watching sources; undefined when TG_API_ID, TG_API_HASH, TG_SESSION are unset. */
  readonly userbot: UserbotConfig | undefined;
  /** Items nobody decided on expire after this long; 0 keeps them; the adapter's 7 days when undefined. */
  readonly queueExpiryMs: number | undefined;
  /**
   * How posts suggested in the channel's own direct messages join the queue: `queue` (all of
   * them) or `score` (the sources' rules first); with `plainMessages`, plain messages too.
   */
  readonly directMessages: { readonly mode: 'queue' | 'score'; readonly plainMessages: boolean };
  /** How long the scorer may take before an item goes to manual review; the feed's 15 s when undefined. */
  readonly scoreTimeoutMs: number | undefined;
  /** How fast the outbox sends; the transport's default (30 a second) when undefined. */
  readonly sendLimits: SendLimits | undefined;
  /** `LOG_LEVEL`, `LOG_FORMAT`. */
  readonly log: LogConfig;
  /**
   * Port of the HTTP server (the admin Mini App, `/healthz`, `/metrics`); no server when
   * undefined. 0 picks any free port (programmatic use; the environment takes 1-65535).
   */
  readonly port: number | undefined;
  /** Interface the HTTP server listens on; all of them when undefined. */
  readonly host: string | undefined;
  /** The HTTP server's timeouts and connection cap (`HTTP_*`; defaults otherwise). */
  readonly httpLimits: HttpLimits;
  /** The admin Mini App's public address: the admins' menu button opens it. */
  readonly webAppUrl: string | undefined;
}

const schema = z.object({
  ...botApiSettings,
  ...databaseSettings('./data/monitor.sqlite'),
  CHANNEL_ID: z
    .string()
    .regex(
      /^(-100\d{5,15}|@[A-Za-z][A-Za-z0-9_]{3,31})$/,
      'must be the channel id like -1001234567890 or its @username',
    )
    .optional(),
  ADMIN_IDS: adminIdsSetting,
  LOCALE: localeSetting,
  DEFAULT_THRESHOLD: z
    .string()
    .regex(/^(0|1|0?\.\d+|1\.0*)$/, 'must be a number from 0 to 1, like 0.6')
    .transform(Number)
    .optional(),
  FEED_TOPIC: z.string().max(200, 'must be at most 200 characters').optional(),
  DIRECT_MESSAGES: z.enum(['queue', 'score'], { error: 'must be queue or score' }).default('queue'),
  DIRECT_MESSAGES_PLAIN: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  QUEUE_EXPIRY: durationSetting(60 * 60_000, { off: true }).optional(),
  SCORE_TIMEOUT: durationSetting(1000)
    .refine((ms) => ms <= 10 * 60_000, 'must be at most 10m')
    .optional(),
  ...sendRateSettings,
  ...logSettings,
  ...httpSettings,
});

/**
 * Reads and checks the settings, including the scorer's (`SCORER`, `GIGACHAT_*`, `OPENAI_*`) and
 * the userbot's (`TG_API_ID`, `TG_API_HASH`, `TG_SESSION`). Empty variables count as unset.
 * Throws {@link ConfigError} whose message has one line per bad setting.
 *
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: Env): Config {
  const present = presentSettings(env);
  const parsed = schema.safeParse(present);
  const problems = [...problemsOf(parsed.error), ...httpLimitProblems(present)];
  if (present.BOT_TOKEN !== undefined) {
    if (present.CHANNEL_ID === undefined)
      problems.push('CHANNEL_ID is required: the channel approved posts go to (-100… or @name)');
    if (present.ADMIN_IDS === undefined)
      problems.push('ADMIN_IDS is required: the Telegram user ids of the moderators');
  }
  const scorer = attempt(() => scorerFromEnv(present), problems);
  const userbot = attempt(() => userbotConfigFromEnv(present, { onOff: () => {} }), problems);
  if (!parsed.success || problems.length > 0 || scorer === failed || userbot === failed) {
    throw new ConfigError(problems, 'a line each');
  }
  const c = parsed.data;
  return {
    botToken: c.BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT,
    database: databaseFrom(c),
    channel: c.CHANNEL_ID,
    adminIds: c.ADMIN_IDS ?? [],
    locale: c.LOCALE,
    defaultThreshold: c.DEFAULT_THRESHOLD,
    topic: c.FEED_TOPIC,
    scorer,
    userbot,
    directMessages: { mode: c.DIRECT_MESSAGES, plainMessages: c.DIRECT_MESSAGES_PLAIN },
    queueExpiryMs: c.QUEUE_EXPIRY,
    scoreTimeoutMs: c.SCORE_TIMEOUT,
    sendLimits: sendLimitsFrom(c),
    log: logConfigFrom(c, env),
    port: c.PORT,
    host: c.HOST,
    httpLimits: httpLimitsFrom(c),
    webAppUrl: c.WEBAPP_URL,
  };
}

// --- Internal helpers ---

const failed = Symbol('failed');

/** Runs a package's own reader of its settings; its one-line error becomes a problem. */
function attempt<T>(read: () => T, problems: string[]): T | typeof failed {
  try {
    return read();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(message.replace(/^\[anonboard\] (\[\w+\] )?/, ''));
    return failed;
  }
}
