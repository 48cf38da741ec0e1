import { GrammyAdapterError } from './errors.js';

/**
 * Telegram's limit on `callback_data`.
 *
 * ```ts
 * Buffer.byteLength(data) <= MAX_CALLBACK_DATA_BYTES;
 * ```
 */
export const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * The default prefix that marks the plugin's buttons among the host bot's.
 *
 * ```ts
 * bot.callbackQuery(/^host:/, hostHandler); // the host keeps its own prefix apart from 'ab:'
 * ```
 */
export const DEFAULT_CALLBACK_PREFIX = 'ab:';

/** Longest prefix: core's tokens are at most 32 characters and the whole must fit 64 bytes. */
export const MAX_CALLBACK_PREFIX_BYTES = MAX_CALLBACK_DATA_BYTES - 32;

/**
 * Checks a callback prefix: 1–32 bytes of printable ASCII.
 *
 * ```ts
 * checkCallbackPrefix('ab:'); // 'ab:'
 * ```
 */
export function checkCallbackPrefix(prefix: string): string {
  if (!/^[\x21-\x7e]+$/.test(prefix) || prefix.length > MAX_CALLBACK_PREFIX_BYTES) {
    throw new GrammyAdapterError(
      `callbackPrefix must be 1-${MAX_CALLBACK_PREFIX_BYTES} printable ASCII characters, got ${JSON.stringify(prefix)}`,
    );
  }
  return prefix;
}

/**
 * The `callback_data` of a button: the prefix and core's opaque action token (never a user id).
 *
 * ```ts
 * encodeCallbackData('ab:', token); // 'ab:Q2x…'
 * ```
 */
export function encodeCallbackData(prefix: string, token: string): string {
  const data = `${prefix}${token}`;
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_DATA_BYTES) {
    throw new GrammyAdapterError(
      `callback data "${prefix}…" is longer than ${MAX_CALLBACK_DATA_BYTES} bytes; use a shorter callbackPrefix`,
    );
  }
  return data;
}

/**
 * The action token inside `callback_data`, or undefined when the button is not the plugin's.
 *
 * ```ts
 * decodeCallbackData('ab:', 'ab:Q2x…'); // 'Q2x…'
 * decodeCallbackData('ab:', 'host:menu'); // undefined
 * ```
 */
export function decodeCallbackData(prefix: string, data: string): string | undefined {
  if (!data.startsWith(prefix)) return undefined;
  const token = data.slice(prefix.length);
  return token === '' ? undefined : token;
}
