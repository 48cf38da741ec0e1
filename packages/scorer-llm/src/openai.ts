import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { z } from 'zod';
import {
  abortedError,
  type Completion,
  checkOptions,
  commonOptionShape,
  connectionError,
  createChatScorer,
  httpError,
  type LlmScorer,
  type LlmScorerOptions,
  messageOf,
  type TokenUsage,
} from './chat-scorer.js';
import { excerptOf, isLlmScorerError, LlmScorerError } from './errors.js';
import { parseRetryAfter } from './retry.js';

/**
 * Options of {@link createOpenAiScorer}. Only `model` is required; `apiKey` too when talking to
 * OpenAI itself (local servers ignore it).
 *
 * ```ts
 * const options: OpenAiScorerOptions = { baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b' };
 * ```
 */
export interface OpenAiScorerOptions extends LlmScorerOptions {
  /** The model id (`gpt-4o-mini`, `qwen2.5:7b`, the path vLLM serves…). */
  readonly model: string;
  /** API root. Default `https://api.openai.com/v1`; Ollama `http://127.0.0.1:11434/v1`. */
  readonly baseURL?: string;
  /** Required for api.openai.com; local servers get a placeholder when absent. */
  readonly apiKey?: string;
  /** Default 0 (steady scores); `null` leaves it out, for models that accept no temperature. */
  readonly temperature?: number | null;
  /** Sent as `max_tokens` when set; not sent by default (reasoning models refuse it). */
  readonly maxAnswerTokens?: number;
  /** Ask for `response_format: { type: 'json_object' }` (OpenAI, vLLM, Ollama). Default false. */
  readonly jsonMode?: boolean;
  /** The SDK's own per-request timeout, a backstop to core's deadline. Default 30 s. */
  readonly requestTimeoutMs?: number;
}

/**
 * A {@link LlmScorer} on any OpenAI-compatible chat-completions server through the `openai`
 * SDK: OpenAI, Ollama, vLLM, LM Studio. Requests carry the caller's abort signal, at most
 * `maxConcurrency` run at once, and 429/5xx/network failures are retried with backoff
 * honouring Retry-After (the SDK's own retries are off).
 *
 * ```ts
 * const scorer = createOpenAiScorer({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b' });
 * const feed = createFeed({ storage, transport, scorer });
 * ```
 */
export function createOpenAiScorer(options: OpenAiScorerOptions): LlmScorer {
  checkOptions(PROVIDER, optionsSchema, options);
  const baseURL = options.baseURL ?? DEFAULT_BASE_URL;
  if (options.apiKey === undefined && new URL(baseURL).hostname === 'api.openai.com') {
    throw new LlmScorerError('config', 'openai needs an `apiKey` for api.openai.com');
  }
  const client = new OpenAI({
    apiKey: options.apiKey ?? 'unused',
    baseURL,
    // Only our options count: the SDK would also read OPENAI_* from process.env.
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: options.requestTimeoutMs ?? 30_000,
  });
  const temperature = options.temperature === undefined ? 0 : options.temperature;
  const name = options.name ?? `openai (${options.model})`;
  return createChatScorer(PROVIDER, name, options, async (messages, signal) => {
    try {
      const completion = await client.chat.completions.create(
        {
          model: options.model,
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          ...(temperature === null ? {} : { temperature }),
          ...(options.maxAnswerTokens === undefined ? {} : { max_tokens: options.maxAnswerTokens }),
          ...(options.jsonMode === true ? { response_format: { type: 'json_object' } } : {}),
        },
        { signal },
      );
      return completionOf(completion);
    } catch (error) {
      throw classify(error, signal);
    }
  });
}

// --- Internal helpers ---

const PROVIDER = 'openai';
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

const optionsSchema = z.object({
  ...commonOptionShape,
  model: z.string().trim().min(1),
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  apiKey: z.string().trim().min(1).optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  maxAnswerTokens: z.number().int().positive().optional(),
  jsonMode: z.boolean().optional(),
  requestTimeoutMs: z.number().positive().optional(),
});

function completionOf(completion: ChatCompletion): Completion {
  if (!Array.isArray(completion?.choices)) {
    throw new LlmScorerError(
      'unexpected',
      'openai answered something that is not a chat completion',
      {
        provider: PROVIDER,
        excerpt: excerptOf(
          typeof completion === 'string' ? completion : (JSON.stringify(completion) ?? ''),
        ),
      },
    );
  }
  const choice = completion.choices[0];
  const refusal = choice?.message?.refusal;
  if ((refusal !== null && refusal !== undefined) || choice?.finish_reason === 'content_filter') {
    throw new LlmScorerError('refused', 'openai declined to answer (refusal or content filter)', {
      provider: PROVIDER,
      ...(refusal ? { excerpt: excerptOf(refusal) } : {}),
    });
  }
  const usage = usageOf(completion.usage);
  return { content: choice?.message?.content, ...(usage === undefined ? {} : { usage }) };
}

function usageOf(usage: ChatCompletion['usage']): TokenUsage | undefined {
  if (usage === undefined || !Number.isFinite(usage.total_tokens)) return undefined;
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    totalTokens: usage.total_tokens,
  };
}

function classify(error: unknown, signal: AbortSignal): LlmScorerError {
  if (isLlmScorerError(error)) return error;
  if (signal.aborted || error instanceof APIUserAbortError) {
    return abortedError(PROVIDER, signal, error);
  }
  if (error instanceof APIConnectionError) return connectionError(PROVIDER, error);
  if (error instanceof APIError && typeof error.status === 'number') {
    const headers = error.headers;
    // OpenAI sends `retry-after-ms` besides the standard header.
    const ms = headers?.get('retry-after-ms');
    const retryAfterMs =
      ms !== null && ms !== undefined && Number.isFinite(Number(ms))
        ? Number(ms)
        : parseRetryAfter(headers?.get('retry-after'));
    return httpError(PROVIDER, error.status, {
      body: error.error === undefined ? error.message : JSON.stringify(error.error),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      cause: error,
    });
  }
  return new LlmScorerError(
    'unexpected',
    `openai failed: ${messageOf(error)}`,
    { provider: PROVIDER },
    { cause: error },
  );
}
