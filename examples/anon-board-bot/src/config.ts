import type { Locale } from '@anonboard/core';
import { z } from 'zod';

/** The bot's settings, read from the environment. */
export interface Config {
  /** From @BotFather; without it the offline sandbox runs instead. */
  readonly botToken: string | undefined;
  /** A self-hosted Bot API server (or the emulator); Telegram's own when undefined. */
  readonly apiRoot: string | undefined;
  readonly databasePath: string;
  /** The language of people whose Telegram client reports neither Russian nor English. */
  readonly locale: Locale;
  /** Telegram user ids of the administrators (reserved for moderation features). */
  readonly adminIds: readonly number[];
  /** Port of the Mini App server (reserved; this example serves no HTTP yet). */
  readonly port: number | undefined;
}

/** A setting is missing or malformed; `message` is the one line to print. */
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
  DATABASE_PATH: z.string().default('./data/anonboard.sqlite'),
  LOCALE: z.enum(['ru', 'en'], { error: 'must be ru or en' }).default('ru'),
  ADMIN_IDS: z
    .string()
    .regex(
      /^\s*\d+\s*(,\s*\d+\s*)*$/,
      'must be Telegram user ids separated by commas, like 123,456',
    )
    .transform((ids) => ids.split(',').map((id) => Number(id.trim())))
    .optional(),
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number from 1 to 65535')
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65_535, 'must be a port number from 1 to 65535')
    .optional(),
});

/**
 * Reads and checks the settings. Empty variables count as unset. Throws {@link ConfigError}
 * whose message is one line naming each bad setting.
 *
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((name) => {
      const value = env[name]?.trim();
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`[anonboard] invalid configuration: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  return {
    botToken: c.BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT,
    databasePath: c.DATABASE_PATH,
    locale: c.LOCALE,
    adminIds: c.ADMIN_IDS ?? [],
    port: c.PORT,
  };
}
