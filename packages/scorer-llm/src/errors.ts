/**
 * Why an LLM scorer failed. Core sends the item to manual review whatever the kind; the kind says
 * what to fix (and `retryable` which ones the scorer itself retried before giving up).
 *
 * ```ts
 * const kind: LlmScorerErrorKind = 'rate_limited';
 * ```
 */
export type LlmScorerErrorKind =
  /** Bad options or environment: fix the configuration. */
  | 'config'
  /** Credentials or token rejected, even after one re-authentication. */
  | 'auth'
  /** HTTP 429, still after every attempt. */
  | 'rate_limited'
  /** HTTP 5xx, still after every attempt. */
  | 'server'
  /** Another HTTP 4xx: unknown model, bad request. */
  | 'rejected'
  /** Connection refused or reset, the SDK's own timeout. */
  | 'network'
  /** The server's certificate did not verify (for GigaChat: give Sber's CA). Not retried. */
  | 'tls'
  /** The caller's signal fired (core's deadline, shutdown). */
  | 'aborted'
  /** The model declined to answer (content filter, GigaChat's `blacklist`, OpenAI's `refusal`). */
  | 'refused'
  /** The model answered nothing. */
  | 'empty_answer'
  /** The answer is not JSON (prose, truncated output). */
  | 'not_json'
  /** JSON, but not `{ score: 0..1, reason }`: out of range, a field missing or of the wrong type. */
  | 'invalid_answer'
  /** Anything else the SDK threw. */
  | 'unexpected';

/** Context of an {@link LlmScorerError}; never contains credentials or tokens. */
export interface LlmScorerErrorDetails {
  /** `gigachat` or `openai`. */
  readonly provider?: string;
  /** HTTP status of the failed response. */
  readonly status?: number;
  /** How long the server asked to wait (Retry-After), in ms. */
  readonly retryAfterMs?: number;
  /** The start of what the server or the model said, whitespace collapsed, truncated. */
  readonly excerpt?: string;
}

/**
 * The one error class of the LLM scorers. Its message reads `[anonboard] [scorer] …` and ends
 * with an excerpt of the offending answer when there is one.
 *
 * ```ts
 * try {
 *   await scorer.score(text, { signal: AbortSignal.timeout(10_000) });
 * } catch (error) {
 *   if (isLlmScorerError(error, 'not_json')) console.warn(error.kind, error.excerpt);
 * }
 * ```
 */
export class LlmScorerError extends Error {
  override readonly name = 'LlmScorerError';
  /** Stable machine-readable reason. */
  readonly kind: LlmScorerErrorKind;
  /** The message without the `[anonboard] [scorer]` prefix. */
  readonly summary: string;
  readonly provider: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly excerpt: string | undefined;

  constructor(
    kind: LlmScorerErrorKind,
    summary: string,
    details: LlmScorerErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    const tail = details.excerpt === undefined ? '' : `: "${details.excerpt}"`;
    super(`[anonboard] [scorer] ${summary}${tail}`, options);
    this.kind = kind;
    this.summary = summary;
    this.provider = details.provider;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.excerpt = details.excerpt;
  }

  /** Worth another attempt: rate limits, server errors, network failures. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'network';
  }
}

/**
 * True when `error` is an {@link LlmScorerError}, optionally of the given kind.
 *
 * ```ts
 * if (isLlmScorerError(error, 'config')) process.exit(1);
 * ```
 */
export function isLlmScorerError(
  error: unknown,
  kind?: LlmScorerErrorKind,
): error is LlmScorerError {
  return error instanceof LlmScorerError && (kind === undefined || error.kind === kind);
}

/**
 * The start of a text for an error message: whitespace collapsed, at most `max` characters.
 *
 * ```ts
 * excerptOf('Конечно!   Вот   оценка…', 12); // 'Конечно! Во…'
 * ```
 */
export function excerptOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
