/**
 * Why a {@link UserbotError} was thrown.
 *
 * ```ts
 * const fatal = (code: UserbotErrorCode) => code === 'invalid_config' || code === 'session_invalid';
 * ```
 */
export type UserbotErrorCode =
  /** `TG_API_ID` / `TG_API_HASH` / `TG_SESSION` (or an option) is malformed or incomplete. */
  | 'invalid_config'
  /** The session string is not (or no longer) logged in. */
  | 'session_invalid'
  /** A source cannot be watched; see {@link SourceUnreadableError.reason}. */
  | 'source_unreadable'
  /** Telegram asked to wait longer than `maxFloodWaitSeconds`, or too many times in a row. */
  | 'flood_wait'
  /** The login flow did not finish. */
  | 'login_failed'
  /** The watcher was stopped while the operation waited. */
  | 'stopped';

/**
 * Errors of the userbot adapter. Messages read `[anonboard] [userbot] …`; `cause` holds the
 * GramJS error when there is one.
 *
 * ```ts
 * try {
 *   await startUserbot({ config, feed });
 * } catch (error) {
 *   if (error instanceof UserbotError && error.code === 'session_invalid') console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export class UserbotError extends Error {
  override readonly name: string = 'UserbotError';
  /** Stable machine-readable reason. */
  readonly code: UserbotErrorCode;

  constructor(code: UserbotErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(
      `[anonboard] [userbot] ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
  }
}

/**
 * Why a source cannot be read.
 *
 * ```ts
 * const tryLater = (reason: UnreadableReason) => reason === 'flood' || reason === 'join_pending';
 * ```
 */
export type UnreadableReason =
  /** The input is neither an @username, a t.me link nor a chat id. */
  | 'invalid_input'
  /** No such channel or chat, or the account has never seen it. */
  | 'not_found'
  /** A private channel or chat the account is not a member of. */
  | 'private'
  /** The account is banned there, or the chat is gone for it. */
  | 'banned'
  /** It is a person or a bot, not a channel or group: people are never watched. */
  | 'not_a_channel'
  /** The account has not joined it, so no live updates arrive (pass `join: true`). */
  | 'not_member'
  /** The account is in too many channels to join another one. */
  | 'too_many_channels'
  /** Joining needs an admin's approval; the request was sent. */
  | 'join_pending'
  /** Telegram's FloodWait was longer than the budget. */
  | 'flood'
  /** Anything else; the message and `cause` tell more. */
  | 'unknown';

/**
 * A source the account cannot read, with a clear reason.
 *
 * ```ts
 * try {
 *   await watchSource(client, feed, '@some_channel', { join: true });
 * } catch (error) {
 *   if (error instanceof SourceUnreadableError) await ctx.reply(`Cannot watch: ${error.reason}`);
 *   else throw error;
 * }
 * ```
 */
export class SourceUnreadableError extends UserbotError {
  override readonly name: string = 'SourceUnreadableError';
  /** Why it cannot be read. */
  readonly reason: UnreadableReason;
  /** What was asked for, as given. */
  readonly input: string;

  constructor(
    reason: UnreadableReason,
    input: string,
    explanation: string,
    options: { cause?: unknown } = {},
  ) {
    super('source_unreadable', `cannot watch "${input}": ${explanation}`, options);
    this.reason = reason;
    this.input = input;
  }
}
