import { StringSession } from 'telegram/sessions/index.js';
import { UserbotError } from './errors.js';
import { line } from './logger.js';

/**
 * What the userbot needs to log in: the app's api id and hash (my.telegram.org) and the
 * session string printed by `npx anonboard-userbot login`.
 *
 * ```ts
 * const config: UserbotConfig = { apiId: 123456, apiHash: '0123456789abcdef0123456789abcdef', session: '1BAAOMTQ5…' };
 * ```
 */
export interface UserbotConfig {
  readonly apiId: number;
  readonly apiHash: string;
  readonly session: string;
}

/**
 * The names of the settings, in the order they are reported.
 *
 * ```ts
 * const missing = userbotEnvNames.filter((name) => !process.env[name]);
 * ```
 */
export const userbotEnvNames = ['TG_API_ID', 'TG_API_HASH', 'TG_SESSION'] as const;

/**
 * Said when none of the settings is set.
 *
 * ```ts
 * userbotConfigFromEnv({}, { onOff: (reason) => reason === monitoringOffReason }); // undefined
 * ```
 */
export const monitoringOffReason = line(
  'monitoring is off: set TG_API_ID, TG_API_HASH, TG_SESSION',
);

/**
 * Reads `TG_API_ID`, `TG_API_HASH` and `TG_SESSION`. None set: monitoring is off, so it returns
 * undefined and tells `onOff` why (default: one `console.info` line). Some set but not all, or one
 * malformed: throws a {@link UserbotError} `invalid_config` whose message is one line naming the
 * setting (secrets are never echoed).
 *
 * ```ts
 * const config = userbotConfigFromEnv(process.env);
 * const userbot = config && (await startUserbot({ config, feed }));
 * ```
 */
export function userbotConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: { onOff?: (reason: string) => void } = {},
): UserbotConfig | undefined {
  const values = userbotEnvNames.map((name) => env[name]?.trim() ?? '');
  const [apiIdText = '', apiHash = '', session = ''] = values;
  const missing = userbotEnvNames.filter((_, i) => values[i] === '');
  if (missing.length === userbotEnvNames.length) {
    (options.onOff ?? console.info)(monitoringOffReason);
    return undefined;
  }
  if (missing.length > 0) {
    throw new UserbotError(
      'invalid_config',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: set all of TG_API_ID, TG_API_HASH, TG_SESSION, or none to turn monitoring off`,
    );
  }
  return { apiId: parseApiId(apiIdText), apiHash: parseApiHash(apiHash), session: check(session) };
}

/**
 * Checks an api id (a positive integer from my.telegram.org).
 *
 * ```ts
 * parseApiId('123456'); // 123456
 * ```
 */
export function parseApiId(text: string): number {
  const value = Number(text.trim());
  if (!/^\d{1,12}$/.test(text.trim()) || !Number.isSafeInteger(value) || value <= 0) {
    throw new UserbotError(
      'invalid_config',
      `TG_API_ID must be a positive integer (the api_id from my.telegram.org), got "${text.slice(0, 20)}"`,
    );
  }
  return value;
}

/**
 * Checks an api hash (32 hexadecimal characters from my.telegram.org).
 *
 * ```ts
 * parseApiHash('0123456789abcdef0123456789ABCDEF'); // '0123456789abcdef0123456789abcdef'
 * ```
 */
export function parseApiHash(text: string): string {
  const value = text.trim();
  if (!/^[0-9a-fA-F]{32}$/.test(value)) {
    throw new UserbotError(
      'invalid_config',
      `TG_API_HASH must be the 32 hexadecimal characters of api_hash from my.telegram.org (got ${value.length} characters)`,
    );
  }
  return value.toLowerCase();
}

// --- Internal helpers ---

/** The smallest session: version, dc id, address length, port, and a 256-byte auth key. */
const minSessionBytes = 1 + 2 + 2 + 256;

function check(session: string): string {
  let valid = false;
  try {
    new StringSession(session);
    valid = Buffer.from(session.slice(1), 'base64').length >= minSessionBytes;
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new UserbotError(
      'invalid_config',
      'TG_SESSION is not a GramJS session string: run `npx anonboard-userbot login` and copy what it prints',
    );
  }
  return session;
}
