import type { SendLimits } from '@anonboard/adapter-grammy';
import type { Locale, PolicyOverrides } from '@anonboard/core';
import {
  adminIdsSetting,
  boardPolicyFrom,
  boardTuningSettings,
  botApiSettings,
  ConfigError,
  type DatabaseConfig,
  databaseFrom,
  databaseSettings,
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
  publicUrlSetting,
  sendLimitsFrom,
  sendRateSettings,
} from '@examples/shared';
import { z } from 'zod';

/** Webhook mode: Telegram POSTs updates to `url`; the HTTP server answers them on `path`. */
export interface WebhookConfig {
  /** The public address given to `setWebhook`. */
  readonly url: string;
  /** The URL path of `url`: the route of the webhook on this process's HTTP server. */
  readonly path: string;
  /** Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; other requests get 401. */
  readonly secret: string;
}

/** The bot's settings, read from the environment. */
export interface Config {
  /** From @BotFather; without it the offline sandbox runs instead. */
  readonly botToken: string | undefined;
  /** A self-hosted Bot API server (or the emulator); Telegram's own when undefined. */
  readonly apiRoot: string | undefined;
  readonly database: DatabaseConfig;
  /** The language of people whose Telegram client reports neither Russian nor English. */
  readonly locale: Locale;
  /** Telegram user ids of the admins: they moderate reports and are answered `/stats`. */
  readonly adminIds: readonly number[];
  /**
   * Port of the HTTP server (Mini App, webhook, health check); no server when undefined. 0 picks
   * any free port (programmatic use; the environment takes 1-65535).
   */
  readonly port: number | undefined;
  /** Interface the HTTP server listens on; all of them when undefined. */
  readonly host: string | undefined;
  /** The HTTP server's timeouts and connection cap (`HTTP_*`; defaults otherwise). */
  readonly httpLimits: HttpLimits;
  /** The Mini App's public address: the bot's menu button and `/start` open it. */
  readonly webAppUrl: string | undefined;
  /** Webhook mode when set; long polling otherwise. */
  readonly webhook: WebhookConfig | undefined;
  /** Limits, cooldowns and retention that differ from the library's defaults. */
  readonly policy: PolicyOverrides;
  /** How fast the outbox sends; the transport's default (30 a second) when undefined. */
  readonly sendLimits: SendLimits | undefined;
  /** `LOG_LEVEL`, `LOG_FORMAT`. */
  readonly log: LogConfig;
}

const schema = z.object({
  ...botApiSettings,
  ...databaseSettings('./data/anonboard.sqlite'),
  LOCALE: localeSetting,
  ADMIN_IDS: adminIdsSetting,
  ...logSettings,
  ...boardTuningSettings,
  ...sendRateSettings,
  ...httpSettings,
  WEBHOOK_URL: publicUrlSetting('Telegram posts webhooks over https only')
    .refine(
      (url) => !URL.canParse(url) || !['/', ''].includes(new URL(url).pathname),
      'needs a path of its own, like https://bot.example.com/telegram (/ is the Mini App)',
    )
    .refine(
      (url) => !URL.canParse(url) || !new URL(url).pathname.startsWith('/api/'),
      'must not be under /api/ (the Mini App’s API)',
    )
    .optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
});

/** Settings that only make sense together (checked even when others are malformed). */
function missingCompanions(present: Readonly<Record<string, string>>): string[] {
  if (present.WEBHOOK_URL === undefined) return [];
  return [
    ...(present.WEBHOOK_SECRET === undefined
      ? [
          'WEBHOOK_SECRET is required with WEBHOOK_URL (16-256 characters of A-Z, a-z, 0-9, _ and -)',
        ]
      : []),
    ...(present.PORT === undefined
      ? ['PORT is required with WEBHOOK_URL (the port the webhook is served on)']
      : []),
  ];
}

/**
 * Reads and checks the settings. Empty variables count as unset. Throws {@link ConfigError}
 * whose message is one line naming each bad setting.
 *
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: Env): Config {
  const present = presentSettings(env);
  const parsed = schema.safeParse(present);
  const problems = [
    ...problemsOf(parsed.error),
    ...missingCompanions(present),
    ...httpLimitProblems(present),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems, 'one line');
  const c = parsed.data;
  return {
    botToken: c.BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT,
    database: databaseFrom(c),
    locale: c.LOCALE,
    adminIds: c.ADMIN_IDS ?? [],
    port: c.PORT,
    host: c.HOST,
    httpLimits: httpLimitsFrom(c),
    webAppUrl: c.WEBAPP_URL,
    webhook:
      c.WEBHOOK_URL === undefined || c.WEBHOOK_SECRET === undefined
        ? undefined
        : { url: c.WEBHOOK_URL, path: new URL(c.WEBHOOK_URL).pathname, secret: c.WEBHOOK_SECRET },
    policy: boardPolicyFrom(c),
    sendLimits: sendLimitsFrom(c),
    log: logConfigFrom(c, env),
  };
}
