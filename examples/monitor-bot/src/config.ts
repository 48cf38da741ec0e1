import { type UserbotConfig, userbotConfigFromEnv } from '@anonboard/adapter-userbot';
import type { Locale, Scorer } from '@anonboard/core';
import { scorerFromEnv } from '@anonboard/scorer-llm';
import { z } from 'zod';

/** Where the feed keeps its state. */
export type DatabaseConfig =
  /** One process: a SQLite file (`:memory:` for the sandbox). */
  | { readonly kind: 'sqlite'; readonly path: string }
  /** Any number of processes sharing one PostgreSQL database. */
  | { readonly kind: 'postgres'; readonly url: string };

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
}

/** Settings are missing or malformed; `message` has one line per bad setting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const schema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456789:AAE… (the token from @BotFather)')
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://127.0.0.1:8081' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  DATABASE_PATH: z.string().default('./data/monitor.sqlite'),
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'must be a PostgreSQL URL like postgres://user:password@host:5432/database',
    })
    .optional(),
  CHANNEL_ID: z
    .string()
    .regex(
      /^(-100\d{5,15}|@[A-Za-z][A-Za-z0-9_]{3,31})$/,
      'must be the channel id like -1001234567890 or its @username',
    )
    .optional(),
  ADMIN_IDS: z
    .string()
    .regex(
      /^\s*\d{1,15}\s*(,\s*\d{1,15}\s*)*$/,
      'must be Telegram user ids separated by commas, like 123,456',
    )
    .transform((ids) => ids.split(',').map((id) => Number(id.trim())))
    .optional(),
  LOCALE: z.enum(['ru', 'en'], { error: 'must be ru or en' }).default('ru'),
  DEFAULT_THRESHOLD: z
    .string()
    .regex(/^(0|1|0?\.\d+|1\.0*)$/, 'must be a number from 0 to 1, like 0.6')
    .transform(Number)
    .optional(),
  FEED_TOPIC: z.string().max(200, 'must be at most 200 characters').optional(),
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
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present: Record<string, string> = {};
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (value !== undefined && value !== '') present[name] = value;
  }
  const parsed = schema.safeParse(
    Object.fromEntries(
      Object.keys(schema.shape).flatMap((k) => (k in present ? [[k, present[k]]] : [])),
    ),
  );
  const problems = parsed.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`) ?? [];
  if (present.BOT_TOKEN !== undefined) {
    if (present.CHANNEL_ID === undefined)
      problems.push('CHANNEL_ID is required: the channel approved posts go to (-100… or @name)');
    if (present.ADMIN_IDS === undefined)
      problems.push('ADMIN_IDS is required: the Telegram user ids of the moderators');
  }
  const scorer = attempt(() => scorerFromEnv(present), problems);
  const userbot = attempt(() => userbotConfigFromEnv(present, { onOff: () => {} }), problems);
  if (!parsed.success || problems.length > 0 || scorer === failed || userbot === failed) {
    throw new ConfigError(
      problems.map((problem) => `[anonboard] invalid configuration: ${problem}`).join('\n'),
    );
  }
  const c = parsed.data;
  return {
    botToken: c.BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT,
    database:
      c.DATABASE_URL === undefined
        ? { kind: 'sqlite', path: c.DATABASE_PATH }
        : { kind: 'postgres', url: c.DATABASE_URL },
    channel: c.CHANNEL_ID,
    adminIds: c.ADMIN_IDS ?? [],
    locale: c.LOCALE,
    defaultThreshold: c.DEFAULT_THRESHOLD,
    topic: c.FEED_TOPIC,
    scorer,
    userbot,
  };
}

/**
 * Where the state is, for the operator: the SQLite path, or the PostgreSQL URL with the password
 * masked.
 *
 * ```ts
 * describeDatabase({ kind: 'postgres', url: 'postgres://bot:s3cret@db/feed' }); // 'postgres://bot:***@db/feed'
 * ```
 */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return database.path;
  const url = new URL(database.url);
  if (url.password !== '') url.password = '***';
  return url.toString();
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
