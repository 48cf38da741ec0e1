/**
 * Stable error codes. Each has a user-facing text under `error.<code>` in the catalogues,
 * so an adapter can always answer bad input with a clear, localised message.
 */
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'invalid_options'
  | 'text_too_long'
  | 'text_empty'
  /** A text holds a character that cannot be kept (a NUL). */
  | 'text_invalid'
  | 'self_invite'
  | 'ad_closed'
  | 'blocked'
  | 'already_invited'
  | 'invite_limit'
  | 'invalid_state'
  | 'no_active_chat'
  | 'duplicate_update'
  | 'claimed'
  | 'not_admin'
  | 'banned'
  | 'rate_limited'
  | 'duplicate_text'
  | 'links_refused'
  /** A message links a person's Telegram profile (a mention by name, a `tg://` link). */
  | 'profile_link'
  | 'recipient_busy'
  | 'no_moderators'
  | 'storage';

/**
 * The one error class of anonboard. Services throw it for bad input; when they do, nothing was
 * changed in storage.
 *
 * ```ts
 * try {
 *   await board.sendInvite({ sender, adId, content: { kind: 'text', text } });
 * } catch (error) {
 *   if (error instanceof AnonboardError && error.code === 'invite_limit') {
 *     console.log('try again at', new Date(error.details.retryAt as number));
 *   } else throw error;
 * }
 * ```
 */
export class AnonboardError extends Error {
  override readonly name = 'AnonboardError';
  /** Stable machine-readable code; `error.<code>` is its text key. */
  readonly code: ErrorCode;
  /** Context for logs and message parameters. Never contains a platform id. */
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, string | number | boolean> = {},
    options?: { cause?: unknown },
  ) {
    super(`[anonboard] ${message}`, options);
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an {@link AnonboardError}, optionally with the given code. */
export function isAnonboardError(error: unknown, code?: ErrorCode): error is AnonboardError {
  return error instanceof AnonboardError && (code === undefined || error.code === code);
}
