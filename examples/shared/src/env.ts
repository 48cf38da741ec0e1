import { z } from 'zod';
import { httpLimitSettings } from './http-limits.js';
import type { DatabaseConfig } from './storage.js';

/** The process environment, or a test's stand-in for it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** How a {@link ConfigError} lays out its problems for the operator. */
export type ProblemLayout = 'one line' | 'a line each';

/**
 * Settings are missing or malformed; `message` is what the operator reads (no stack trace is
 * printed), every line starting `[anonboard] invalid configuration:`.
 *
 * ```ts
 * throw new ConfigError(['LOCALE must be ru or en'], 'a line each');
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** Each bad setting, like `LOCALE must be ru or en`. */
    readonly problems: readonly string[],
    layout: ProblemLayout,
  ) {
    const prefix = '[anonboard] invalid configuration: ';
    super(
      layout === 'one line'
        ? `${prefix}${problems.join('; ')}`
        : problems.map((problem) => `${prefix}${problem}`).join('\n'),
    );
  }
}

/**
 * The variables that are set, trimmed: an empty one counts as unset (a blank line in an `.env`
 * file should not override a default).
 *
 * ```ts
 * presentSettings({ LOCALE: ' en ', PORT: '' }); // { LOCALE: 'en' }
 * ```
 */
export function presentSettings(env: Env): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (value !== undefined && value !== '') present[name] = value;
  }
  return present;
}

/**
 * Each zod issue as `SETTING message`, ready for a {@link ConfigError}.
 *
 * ```ts
 * const problems = problemsOf(schema.safeParse(present).error);
 * ```
 */
export function problemsOf(error: z.ZodError | undefined): string[] {
  return error?.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`) ?? [];
}

/**
 * `BOT_TOKEN` and `TELEGRAM_API_ROOT`: how a bot reaches the Bot API. Spread into a schema.
 *
 * ```ts
 * const schema = z.object({ ...botApiSettings, LOCALE: localeSetting });
 * ```
 */
export const botApiSettings = {
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456789:AAE… (the token from @BotFather)')
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://127.0.0.1:8081' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
};

/**
 * `DATABASE_PATH` (the SQLite file, `defaultPath` when unset), `DATABASE_INTEGRITY_CHECK` (`quick`
 * or `full`: check the SQLite file when it opens) and `DATABASE_URL` (PostgreSQL instead). Spread
 * into a schema; {@link databaseFrom} reads the result.
 *
 * ```ts
 * const schema = z.object({ ...databaseSettings('./data/monitor.sqlite') });
 * ```
 */
export function databaseSettings(defaultPath: string) {
  return {
    DATABASE_PATH: z.string().default(defaultPath),
    DATABASE_INTEGRITY_CHECK: z
      .enum(['off', 'quick', 'full'], { error: 'must be off, quick or full' })
      .optional(),
    DATABASE_URL: z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'must be a PostgreSQL URL like postgres://user:password@host:5432/database',
      })
      .optional(),
  };
}

/**
 * The database the parsed settings choose: PostgreSQL with `DATABASE_URL`, else the SQLite file.
 *
 * ```ts
 * databaseFrom({ DATABASE_PATH: './data/board.sqlite' }); // { kind: 'sqlite', path: './data/board.sqlite' }
 * ```
 */
export function databaseFrom(settings: {
  readonly DATABASE_PATH: string;
  readonly DATABASE_INTEGRITY_CHECK?: 'off' | 'quick' | 'full' | undefined;
  readonly DATABASE_URL?: string | undefined;
}): DatabaseConfig {
  if (settings.DATABASE_URL !== undefined) return { kind: 'postgres', url: settings.DATABASE_URL };
  const check = settings.DATABASE_INTEGRITY_CHECK;
  return {
    kind: 'sqlite',
    path: settings.DATABASE_PATH,
    ...(check === undefined || check === 'off' ? {} : { integrityCheck: check }),
  };
}

/**
 * `LOCALE`: the language of people whose Telegram client reports neither Russian nor English.
 *
 * ```ts
 * const schema = z.object({ LOCALE: localeSetting });
 * ```
 */
export const localeSetting = z.enum(['ru', 'en'], { error: 'must be ru or en' }).default('ru');

const adminIdsMessage = 'must be Telegram user ids separated by commas, like 123,456';

/**
 * `ADMIN_IDS`: Telegram user ids separated by commas, read as numbers.
 *
 * ```ts
 * const schema = z.object({ ADMIN_IDS: adminIdsSetting });
 * ```
 */
export const adminIdsSetting = z
  .string()
  .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, adminIdsMessage)
  .transform((ids) => ids.split(',').map((id) => Number(id.trim())))
  // Telegram ids are positive and fit in 52 bits; anything else is a typo.
  .refine((ids) => ids.every((id) => id > 0 && Number.isSafeInteger(id)), adminIdsMessage)
  .optional();

/**
 * An http(s) URL setting; plain http only for this machine (the emulator, a local test).
 *
 * ```ts
 * const schema = z.object({ WEBAPP_URL: publicUrlSetting('Telegram opens Mini Apps over https only').optional() });
 * ```
 */
export function publicUrlSetting(what: string) {
  return z.url({ protocol: /^https?$/, error: `must be an https URL (${what})` }).refine((url) => {
    if (!URL.canParse(url)) return true; // already reported
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || hostname === '127.0.0.1' || hostname === 'localhost';
  }, `must be an https URL (${what}; http only for 127.0.0.1 or localhost)`);
}

/**
 * `PORT`, `HOST` and `WEBAPP_URL`: a bot's HTTP server (its Mini App, health check) and the
 * Mini App's public address; `HTTP_*` its limits (`httpLimitsFrom` reads them). Spread into a
 * schema.
 *
 * ```ts
 * const schema = z.object({ ...botApiSettings, ...httpSettings });
 * ```
 */
export const httpSettings = {
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number from 1 to 65535')
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65_535, 'must be a port number from 1 to 65535')
    .optional(),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]+$/, 'must be an address to listen on, like 127.0.0.1 or ::')
    .optional(),
  WEBAPP_URL: publicUrlSetting('Telegram opens Mini Apps over https only').optional(),
  ...httpLimitSettings,
};
