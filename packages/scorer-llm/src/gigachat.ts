import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent } from 'node:https';
import type { Clock } from '@anonboard/core';
import { GigaChat, type GigaChatClientConfig } from 'gigachat';
import type { Chat, ChatCompletion } from 'gigachat/interfaces';
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
import { isLlmScorerError, LlmScorerError } from './errors.js';
import { parseRetryAfter } from './retry.js';
import { assertVerifiesCertificates, type CaCertificates, createCaAgent } from './tls.js';

/**
 * Options of {@link createGigaChatScorer}: `credentials` (OAuth) or `accessToken`, the rest
 * optional.
 *
 * ```ts
 * const options: GigaChatScorerOptions = {
 *   credentials, // the "authorization key" from the GigaChat studio
 *   scope: 'GIGACHAT_API_PERS',
 *   model: 'GigaChat-Pro',
 *   ca: readFileSync('russian_trusted_root_ca.pem', 'utf8'),
 * };
 * ```
 */
export interface GigaChatScorerOptions extends LlmScorerOptions {
  /** Authorization key (base64 of `client_id:client_secret`) for the OAuth endpoint. */
  readonly credentials?: string;
  /** OAuth scope: `GIGACHAT_API_PERS` (default), `GIGACHAT_API_B2B` or `GIGACHAT_API_CORP`. */
  readonly scope?: string;
  /** A ready access token instead of `credentials` (it is not renewed when it expires). */
  readonly accessToken?: string;
  /** Default `'GigaChat'`. */
  readonly model?: string;
  /** API root. Default `https://gigachat.devices.sberbank.ru/api/v1`. */
  readonly baseUrl?: string;
  /** OAuth endpoint. Default `https://ngw.devices.sberbank.ru:9443/api/v2/oauth`. */
  readonly authUrl?: string;
  /** PEM of the CA to trust besides Node's roots (Sber's Russian Trusted Root CA). */
  readonly ca?: CaCertificates;
  /** A ready agent instead of `ca`; one with `rejectUnauthorized: false` is refused. */
  readonly httpsAgent?: Agent;
  /** Sampling temperature; not sent by default (the model's default). */
  readonly temperature?: number;
  /** Cap on the answer's tokens. Default 256 (a JSON score needs far fewer). */
  readonly maxAnswerTokens?: number;
  /** The SDK's own per-request timeout, a backstop to core's deadline. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** For token expiry. Default the system clock. */
  readonly clock?: Clock;
}

/**
 * A {@link LlmScorer} on GigaChat through the official `gigachat` SDK. Authenticates with
 * `credentials` + `scope` (OAuth; the token is renewed a minute before `expires_at`, and on a 401
 * the SDK re-authenticates once and retries) or with a fixed `accessToken`. Requests carry the
 * caller's abort signal, at most `maxConcurrency` run at once, and 429/5xx/network failures are
 * retried with backoff. TLS verification is never switched off: give Sber's CA as `ca`.
 *
 * ```ts
 * const scorer = createGigaChatScorer({
 *   credentials,
 *   ca: readFileSync('/etc/ssl/russian_trusted_root_ca.pem', 'utf8'),
 * });
 * const feed = createFeed({ storage, transport, scorer });
 * ```
 */
export function createGigaChatScorer(options: GigaChatScorerOptions): LlmScorer {
  const config = gigaChatClientConfig(options);
  const clock = options.clock;
  const client = new ScoringGigaChat(config, clock === undefined ? Date.now : () => clock.now());
  const model = config.model ?? DEFAULT_MODEL;
  const name = options.name ?? `gigachat (${model})`;
  return createChatScorer(PROVIDER, name, options, async (messages, signal) => {
    const chat: Chat = {
      model,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      max_tokens: options.maxAnswerTokens ?? 256,
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    };
    try {
      return completionOf(await client.chatWithSignal(chat, signal));
    } catch (error) {
      throw classify(error, signal);
    }
  });
}

/**
 * What {@link gigaChatClientConfig} gives the SDK's client (a subset of its `GigaChatClientConfig`,
 * spelled out here so the published types do not import the SDK's, whose ESM declarations do not
 * typecheck under `moduleResolution: node16`).
 */
export interface GigaChatClientSettings {
  readonly baseUrl: string;
  readonly authUrl: string;
  readonly scope: string;
  readonly model: string;
  /** Seconds. */
  readonly timeout: number;
  readonly profanityCheck: false;
  readonly verbose: false;
  readonly httpsAgent: Agent;
  readonly credentials?: string;
  readonly accessToken?: string;
}

/**
 * The SDK's client options for `options`, validated: https endpoints (plain http only on the
 * loopback, for tests), an agent that verifies certificates, and only our settings — the SDK
 * would otherwise also read `GIGACHAT_*` from `process.env`.
 *
 * ```ts
 * gigaChatClientConfig({ credentials, ca: pem }).httpsAgent; // https.Agent with ca, rejectUnauthorized: true
 * ```
 */
export function gigaChatClientConfig(options: GigaChatScorerOptions): GigaChatClientSettings {
  checkOptions(PROVIDER, optionsSchema, options);
  if (options.credentials === undefined && options.accessToken === undefined) {
    throw new LlmScorerError('config', 'gigachat needs `credentials` (or an `accessToken`)');
  }
  if (options.ca !== undefined && options.httpsAgent !== undefined) {
    throw new LlmScorerError('config', 'gigachat takes `ca` or `httpsAgent`, not both');
  }
  const httpsAgent = options.httpsAgent ?? createCaAgent(options.ca);
  assertVerifiesCertificates(httpsAgent);
  return {
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    authUrl: options.authUrl ?? DEFAULT_AUTH_URL,
    scope: options.scope ?? DEFAULT_SCOPE,
    model: options.model ?? DEFAULT_MODEL,
    timeout: (options.requestTimeoutMs ?? 30_000) / 1000,
    profanityCheck: false,
    verbose: false,
    httpsAgent,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.accessToken === undefined ? {} : { accessToken: options.accessToken }),
  };
}

/**
 * True for `https:` URLs, and for `http:` ones on the loopback (a local test server).
 *
 * ```ts
 * isAllowedEndpoint('http://127.0.0.1:8080/api/v1'); // true
 * isAllowedEndpoint('http://gigachat.example/api/v1'); // false
 * ```
 */
export function isAllowedEndpoint(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || (protocol === 'http:' && LOOPBACK.has(hostname));
  } catch {
    return false;
  }
}

// --- Internal helpers ---

const PROVIDER = 'gigachat';
const DEFAULT_MODEL = 'GigaChat';
const DEFAULT_SCOPE = 'GIGACHAT_API_PERS';
const DEFAULT_BASE_URL = 'https://gigachat.devices.sberbank.ru/api/v1';
const DEFAULT_AUTH_URL = 'https://ngw.devices.sberbank.ru:9443/api/v2/oauth';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Renew the token this long before the server's `expires_at`. */
const EXPIRY_MARGIN_MS = 60_000;

const endpoint = z.string().refine(isAllowedEndpoint, {
  message: 'must be an https:// URL (plain http only on 127.0.0.1/localhost, for tests)',
});
const optionsSchema = z.object({
  ...commonOptionShape,
  ca: z
    .union([z.string(), z.instanceof(Buffer), z.array(z.union([z.string(), z.instanceof(Buffer)]))])
    .optional(),
  httpsAgent: z.instanceof(Agent).optional(),
  clock: z.object({ now: z.function() }).optional(),
  credentials: z.string().trim().min(1).optional(),
  scope: z.string().trim().min(1).optional(),
  accessToken: z.string().trim().min(1).optional(),
  model: z.string().trim().min(1).optional(),
  baseUrl: endpoint.optional(),
  authUrl: endpoint.optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxAnswerTokens: z.number().int().positive().optional(),
  requestTimeoutMs: z.number().positive().optional(),
});

/** Settings the SDK reads from `process.env` when not given; only ours may count. */
const ENV_LEAKS = ['credentials', 'accessToken', 'user', 'password', 'flags'] as const;

/**
 * The SDK client, made abortable and expiry-aware without patching it:
 * - `chat()` takes no AbortSignal, so the signal of the current call travels in an
 *   AsyncLocalStorage and an axios interceptor puts it on the chat request;
 * - the SDK never looks at `expires_at`, so `checkValidityToken` does (its 401 → re-auth → retry
 *   once stays the SDK's own, in `_decorator`);
 * - concurrent re-authentications share one OAuth request, which no single caller's signal
 *   aborts (the SDK's timeout bounds it); each caller stops waiting for it on its own signal.
 */
class ScoringGigaChat extends GigaChat {
  private readonly requestSignal = new AsyncLocalStorage<AbortSignal>();
  private refreshing: Promise<void> | undefined;

  constructor(
    config: GigaChatClientConfig,
    private readonly now: () => number,
  ) {
    super(config);
    for (const key of ENV_LEAKS) if (config[key] === undefined) delete this._settings[key];
    if (config.accessToken === undefined) this.resetToken();
    this._client.interceptors.request.use((request) => {
      const signal = this.requestSignal.getStore();
      if (signal !== undefined) request.signal = signal;
      return request;
    });
  }

  chatWithSignal(chat: Chat, signal: AbortSignal): Promise<ChatCompletion> {
    return this.requestSignal.run(signal, () => this.chat(chat));
  }

  protected override checkValidityToken(): boolean {
    const token = this._accessToken;
    if (token === undefined) return false;
    if (!token.expires_at) return true;
    // `expires_at` is in ms; tolerate a server that sends seconds.
    const expiresAt = token.expires_at < 1e12 ? token.expires_at * 1000 : token.expires_at;
    return expiresAt - EXPIRY_MARGIN_MS > this.now();
  }

  override updateToken(): Promise<void> {
    // One OAuth request for every caller, made outside any caller's signal (one caller giving up
    // must not fail the others); each caller still stops waiting when its own signal fires.
    this.refreshing ??= this.requestSignal
      .exit(() => super.updateToken())
      .finally(() => {
        this.refreshing = undefined;
      });
    const signal = this.requestSignal.getStore();
    return signal === undefined ? this.refreshing : untilAborted(this.refreshing, signal);
  }
}

/** `promise`, or a rejection with the signal's reason as soon as it fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function completionOf(response: ChatCompletion): Completion {
  if (!Array.isArray(response?.choices)) {
    // No excerpt: the SDK spreads a text body into an object of characters.
    throw new LlmScorerError(
      'unexpected',
      'gigachat answered HTTP 200 with something that is not a chat completion (a proxy page?)',
      { provider: PROVIDER },
    );
  }
  const choice = response.choices[0];
  if (choice?.finish_reason === 'blacklist') {
    throw new LlmScorerError(
      'refused',
      'gigachat declined to answer (finish_reason "blacklist": a restricted topic)',
      { provider: PROVIDER },
    );
  }
  const usage = usageOf(response.usage);
  return { content: choice?.message?.content, ...(usage === undefined ? {} : { usage }) };
}

function usageOf(usage: ChatCompletion['usage'] | undefined): TokenUsage | undefined {
  if (usage === undefined || !Number.isFinite(usage.total_tokens)) return undefined;
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    totalTokens: usage.total_tokens,
  };
}

/** What the SDK (axios underneath) threw, as an LlmScorerError. Duck-typed: axios is not ours. */
function classify(error: unknown, signal: AbortSignal): LlmScorerError {
  if (isLlmScorerError(error)) return error;
  if (signal.aborted) return abortedError(PROVIDER, signal, error);
  const response = responseOf(error);
  if (response !== undefined) {
    return httpError(PROVIDER, response.status, {
      body: bodyText(response.data),
      ...retryAfterOf(response.headers),
      cause: error,
    });
  }
  const code = codeOf(error);
  if (code !== undefined && code !== 'ERR_CANCELED') return connectionError(PROVIDER, error);
  return new LlmScorerError(
    'unexpected',
    `gigachat failed: ${messageOf(error)}`,
    { provider: PROVIDER },
    { cause: error },
  );
}

interface HttpResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers: unknown;
}

function responseOf(error: unknown): HttpResponse | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response: unknown = error.response;
  if (typeof response !== 'object' || response === null) return undefined;
  if (!('status' in response) || typeof response.status !== 'number') return undefined;
  return {
    status: response.status,
    data: 'data' in response ? response.data : undefined,
    headers: 'headers' in response ? response.headers : undefined,
  };
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function bodyText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return JSON.stringify(data) ?? '';
}

function retryAfterOf(headers: unknown): { retryAfterMs?: number } {
  if (typeof headers !== 'object' || headers === null || !('retry-after' in headers)) return {};
  const value = headers['retry-after'];
  const ms =
    typeof value === 'string' || typeof value === 'number'
      ? parseRetryAfter(String(value))
      : undefined;
  return ms === undefined ? {} : { retryAfterMs: ms };
}
