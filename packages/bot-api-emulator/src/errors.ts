/**
 * Thrown by the emulator's own API (not the HTTP one): a `waitFor` timeout, pressing a message
 * without buttons, a user editing a message that does not exist.
 *
 * ```ts
 * await expect(emu.waitFor(() => false, { timeout: 50 })).rejects.toThrow(EmulatorError);
 * ```
 */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';

  constructor(message: string, options?: ErrorOptions) {
    super(`[anonboard] [emulator] ${message}`, options);
  }
}

/** Parameters Telegram attaches to some errors. */
export interface ResponseParameters {
  retry_after?: number;
}

// An error answered over HTTP with Telegram's wording; thrown by method handlers.
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

/** `400 Bad Request: …` */
export function badRequest(reason: string): ApiError {
  return new ApiError(400, `Bad Request: ${reason}`);
}

/** `429 Too Many Requests: retry after N` */
export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });
}

export const forbiddenBlocked = (): ApiError =>
  new ApiError(403, 'Forbidden: bot was blocked by the user');

export const serverError = (): ApiError => new ApiError(500, 'Internal Server Error');
