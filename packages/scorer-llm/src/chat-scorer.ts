import type { Score, ScoreContext, Scorer } from '@anonboard/core';
import { z } from 'zod';
import { excerptOf, isLlmScorerError, LlmScorerError } from './errors.js';
import { looksLikeInjection } from './injection.js';
import { parseScoreAnswer } from './parse.js';
import { buildScoringPrompt, type ChatMessage, type PromptLanguage } from './prompt.js';
import { type RetryOptions, withRetry } from './retry.js';
import { createSemaphore } from './semaphore.js';

/**
 * Tokens one scoring call spent, from the API's `usage`.
 *
 * ```ts
 * const usage: TokenUsage = { promptTokens: 180, completionTokens: 25, totalTokens: 205 };
 * ```
 */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/**
 * A score from an LLM, with the tokens it cost (read by {@link withDailyBudget}).
 *
 * ```ts
 * const score: LlmScore = { score: 0.9, reason: 'срочно', usage: { promptTokens: 180, completionTokens: 25, totalTokens: 205 } };
 * ```
 */
export interface LlmScore extends Score {
  readonly usage?: TokenUsage;
}

/**
 * A {@link Scorer} backed by a chat-completion API. It throws an `LlmScorerError` on any
 * failure; core then queues the item for manual review.
 *
 * ```ts
 * const scorer: LlmScorer = createOpenAiScorer({ model: 'gpt-4o-mini', apiKey });
 * const { score, reason, usage } = await scorer.score(text, { signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface LlmScorer extends Scorer {
  score(text: string, context: ScoreContext): Promise<LlmScore>;
}

/**
 * Options both LLM scorers share.
 *
 * ```ts
 * const common: LlmScorerOptions = { maxConcurrency: 1, retry: { maxAttempts: 3 }, language: 'en' };
 * ```
 */
export interface LlmScorerOptions {
  /** Shown on admin cards. Default `gigachat (<model>)` / `openai (<model>)`. */
  readonly name?: string;
  /** Requests in flight at once, per scorer. Default 4. */
  readonly maxConcurrency?: number;
  /** Retries of 429, 5xx and network failures. */
  readonly retry?: RetryOptions;
  /** Prompt language, and so the language of reasons. Default `'ru'`. */
  readonly language?: PromptLanguage;
  /** Longer texts are cut before they are sent. Default 4000 characters. */
  readonly maxTextChars?: number;
}

// --- Internal helpers (shared by gigachat.ts and openai.ts; index.ts exports none of them) ---

/** Zod shapes of the {@link LlmScorerOptions} fields, for each provider's options schema. */
export const commonOptionShape = {
  name: z.string().trim().min(1).optional(),
  maxConcurrency: z.number().int().positive().optional(),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().positive().optional(),
      baseDelayMs: z.number().nonnegative().optional(),
      maxDelayMs: z.number().nonnegative().optional(),
      maxRetryAfterMs: z.number().nonnegative().optional(),
      random: z.function().optional(),
      sleep: z.function().optional(),
    })
    .optional(),
  language: z.enum(['ru', 'en']).optional(),
  maxTextChars: z.number().int().positive().optional(),
};

/**
 * Validates a provider's options; unknown keys are refused (a `baseURL` meant as GigaChat's
 * `baseUrl` must not silently send requests to the default host).
 */
export function checkOptions(provider: string, schema: z.ZodObject, options: unknown): void {
  const parsed = schema.strict().safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const known = Object.keys(schema.shape).join(', ');
    throw new LlmScorerError(
      'config',
      `${provider}: unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: ${known})`,
    );
  }
  const where = issue?.path.join('.') || 'options';
  throw new LlmScorerError('config', `${provider} option ${where}: ${issue?.message ?? 'invalid'}`);
}

/** What a provider's single request returns. */
export interface Completion {
  readonly content: string | null | undefined;
  readonly usage?: TokenUsage;
}

/**
 * The pipeline both scorers run: prompt → (semaphore → one request) with retries → parse.
 * `complete` makes one HTTP request and throws `LlmScorerError`s; anything else that escapes
 * (an abort while waiting for a slot or a backoff) becomes one here.
 */
export function createChatScorer(
  provider: string,
  name: string,
  options: LlmScorerOptions,
  complete: (messages: readonly ChatMessage[], signal: AbortSignal) => Promise<Completion>,
): LlmScorer {
  const semaphore = createSemaphore(options.maxConcurrency ?? 4);
  const promptOptions = {
    ...(options.language === undefined ? {} : { language: options.language }),
    ...(options.maxTextChars === undefined ? {} : { maxTextChars: options.maxTextChars }),
  };
  return {
    name,
    async score(text: string, context: ScoreContext): Promise<LlmScore> {
      const { signal } = context;
      try {
        signal.throwIfAborted();
        const messages = buildScoringPrompt(text, context, promptOptions);
        const completion = await withRetry(
          () => semaphore.run(() => complete(messages, signal), signal),
          { ...options.retry, signal },
        );
        const { injection, ...answer } = parseScoreAnswer(completion.content, provider);
        // Marked when the model says so or the text (or the source's title) shows the signs: a
        // model that obeyed an injection would not say so itself.
        const suspected =
          injection === true ||
          looksLikeInjection(text) ||
          looksLikeInjection(context.source ?? '');
        return {
          ...answer,
          ...(suspected ? { flags: ['injection'] as const } : {}),
          ...(completion.usage === undefined ? {} : { usage: completion.usage }),
        };
      } catch (error) {
        if (isLlmScorerError(error)) throw error;
        if (signal.aborted) throw abortedError(provider, signal, error);
        throw new LlmScorerError(
          'unexpected',
          `${provider} failed: ${messageOf(error)}`,
          { provider },
          { cause: error },
        );
      }
    },
  };
}

/** The caller stopped waiting: name its reason (core's deadline message) in ours. */
export function abortedError(
  provider: string,
  signal: AbortSignal,
  cause: unknown,
): LlmScorerError {
  return new LlmScorerError(
    'aborted',
    `${provider} request aborted: ${messageOf(signal.reason)}`,
    { provider },
    { cause },
  );
}

/** A readable one-liner of anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

/** Classifies a failed HTTP response: 401/403 auth, 429 rate limit, 5xx server, else rejected. */
export function httpError(
  provider: string,
  status: number,
  details: { readonly body?: string; readonly retryAfterMs?: number; readonly cause?: unknown },
): LlmScorerError {
  const kind =
    status === 401 || status === 403
      ? 'auth'
      : status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'server'
          : 'rejected';
  const hint = HTTP_HINTS[kind] ?? '';
  return new LlmScorerError(
    kind,
    `${provider} answered HTTP ${status}${hint}`,
    {
      provider,
      status,
      ...(details.retryAfterMs === undefined ? {} : { retryAfterMs: details.retryAfterMs }),
      ...(details.body === undefined || details.body === ''
        ? {}
        : { excerpt: excerptOf(details.body) }),
    },
    { cause: details.cause },
  );
}

const HTTP_HINTS: Partial<Record<string, string>> = {
  auth: ' (credentials or token rejected)',
  rate_limited: ' (rate limited)',
  server: ' (server error)',
};

/**
 * A failure without an HTTP response: `tls` when the certificate did not verify (with the fix in
 * the message), else `network`. Looks down the `cause` chain, where fetch and axios keep the code.
 */
export function connectionError(provider: string, error: unknown): LlmScorerError {
  const codes: string[] = [];
  let deepest = messageOf(error);
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if ('code' in e && typeof e.code === 'string') codes.push(e.code);
    if (e.message !== '') deepest = e.message;
    e = e.cause;
  }
  const tls = codes.find((code) => TLS_CODES.test(code));
  if (tls !== undefined) {
    return new LlmScorerError(
      'tls',
      `${provider}: the server's certificate did not verify (${tls}); give its CA (the \`ca\` option, GIGACHAT_CA_FILE), never switch verification off`,
      { provider },
      { cause: error },
    );
  }
  const code = codes[0] === undefined || deepest.includes(codes[0]) ? '' : `${codes[0]} `;
  return new LlmScorerError(
    'network',
    `${provider} unreachable: ${code}${deepest}`,
    { provider },
    { cause: error },
  );
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;
