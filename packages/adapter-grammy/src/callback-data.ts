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
 * Core's action token inside `callback_data`; undefined when the button is not the plugin's, or
 * is one of the plugin's own buttons (see {@link decodeLocalCallbackData}).
 *
 * ```ts
 * decodeCallbackData('ab:', 'ab:Q2x…'); // 'Q2x…'
 * decodeCallbackData('ab:', 'host:menu'); // undefined
 * ```
 */
export function decodeCallbackData(prefix: string, data: string): string | undefined {
  if (!data.startsWith(prefix)) return undefined;
  const token = data.slice(prefix.length);
  return token === '' || token.startsWith(LOCAL_MARK) ? undefined : token;
}

/**
 * The `callback_data` of a button the plugin answers itself, without core (e.g. confirming
 * `/forgetme`): the prefix, `~` (core's tokens are base64url, so never start with it), the action.
 *
 * ```ts
 * encodeLocalCallbackData('ab:', 'keep'); // 'ab:~keep'
 * ```
 */
export function encodeLocalCallbackData(prefix: string, action: string): string {
  return encodeCallbackData(prefix, `${LOCAL_MARK}${action}`);
}

/**
 * The action of one of the plugin's own buttons, or undefined for any other button.
 *
 * ```ts
 * decodeLocalCallbackData('ab:', 'ab:~keep'); // 'keep'
 * decodeLocalCallbackData('ab:', 'ab:Q2x…'); // undefined
 * ```
 */
export function decodeLocalCallbackData(prefix: string, data: string): string | undefined {
  if (!data.startsWith(`${prefix}${LOCAL_MARK}`)) return undefined;
  const action = data.slice(prefix.length + LOCAL_MARK.length);
  return action === '' ? undefined : action;
}

// --- Internal helpers ---

/** Starts the token part of the plugin's own buttons. */
const LOCAL_MARK = '~';
