/**
 * The API's own error sentences every Mini App's catalogue has (the plumbing throws them).
 *
 * ```ts
 * const key: WebApiTextKey = 'api.rateLimited';
 * ```
 */
export type WebApiTextKey =
  | 'api.unauthorized'
  | 'api.expired'
  | 'api.badRequest'
  | 'api.badJson'
  | 'api.tooLarge'
  | 'api.rateLimited'
  | 'api.notFound'
  | 'api.methodNotAllowed'
  | 'api.forbidden';

/**
 * A Mini App misconfiguration (bad options, a missing `public/` folder). Its message reads
 * `[anonboard] [mini-app] …`.
 *
 * ```ts
 * try {
 *   createMiniApp({ board, botToken: 'not a token' });
 * } catch (error) {
 *   if (error instanceof MiniAppError) console.error(error.message);
 * }
 * ```
 */
export class MiniAppError extends Error {
  override readonly name = 'MiniAppError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(`[anonboard] [mini-app] ${message}`, options);
  }
}

/**
 * The JSON body of every API error.
 *
 * ```ts
 * const body: ApiErrorBody = { error: { code: 'rate_limited', message: 'Слишком много запросов…' } };
 * ```
 */
export interface ApiErrorBody {
  readonly error: {
    /** Stable machine-readable code: core's `ErrorCode` or one of the API's own. */
    readonly code: string;
    /** A localised sentence to show the person. */
    readonly message: string;
  };
}

/**
 * An API refusal with its HTTP status, rendered from the app's own texts (`key` is one of
 * {@link WebApiTextKey} or an app's own key).
 *
 * ```ts
 * throw new ApiError(404, 'not_found', 'api.notFound');
 * ```
 */
export class ApiError<K extends string = WebApiTextKey> extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: K | WebApiTextKey,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`[anonboard] [mini-app] ${code}`);
  }
}
