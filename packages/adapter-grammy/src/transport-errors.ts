import { TransportError } from '@anonboard/core';
import { GrammyError, HttpError } from 'grammy';

/**
 * Translates a failed Bot API call into core's {@link TransportError}, which tells the outbox
 * what to do next: 403 → `unreachable` (the person blocked the bot), 429 → `rate_limited` after
 * `retry_after`, 5xx and network errors → `transient`, any other 4xx → `rejected`.
 *
 * ```ts
 * try {
 *   await api.sendMessage(chatId, text);
 * } catch (error) {
 *   throw toTransportError(error, 'sendMessage');
 * }
 * ```
 */
export function toTransportError(error: unknown, method: string): TransportError {
  if (error instanceof TransportError) return error;
  const api = apiErrorOf(error);
  if (api !== undefined) {
    const what = `${method}: ${api.code} ${api.description}`;
    if (api.code === 403)
      return new TransportError({ kind: 'unreachable' }, what, { cause: error });
    if (api.code === 429) {
      const retryAfterMs = Math.max(1, api.retryAfter ?? 1) * 1000;
      return new TransportError({ kind: 'rate_limited', retryAfterMs }, what, { cause: error });
    }
    if (api.code >= 500) return new TransportError({ kind: 'transient' }, what, { cause: error });
    return new TransportError({ kind: 'rejected', reason: api.description }, what, {
      cause: error,
    });
  }
  const message = error instanceof HttpError ? 'network error' : 'unexpected error';
  return new TransportError({ kind: 'transient' }, `${method}: ${message}`, { cause: error });
}

/** True for Telegram's "message is not modified": the edit is already in place. */
export function isNotModified(error: unknown): boolean {
  const api = apiErrorOf(error);
  return api?.code === 400 && api.description.includes('message is not modified');
}

// --- Internal helpers ---

interface ApiErrorFields {
  readonly code: number;
  readonly description: string;
  readonly retryAfter: number | undefined;
}

/** Reads a Bot API error, also from a second copy of grammY (a peer dependency may be duplicated). */
function apiErrorOf(error: unknown): ApiErrorFields | undefined {
  if (error instanceof GrammyError) {
    return {
      code: error.error_code,
      description: error.description,
      retryAfter: error.parameters.retry_after,
    };
  }
  if (typeof error !== 'object' || error === null) return undefined;
  const { error_code: code, description, parameters } = error as Record<string, unknown>;
  if (typeof code !== 'number' || typeof description !== 'string') return undefined;
  const retryAfter =
    typeof parameters === 'object' && parameters !== null && 'retry_after' in parameters
      ? Number(parameters.retry_after)
      : undefined;
  return { code, description, retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined };
}
