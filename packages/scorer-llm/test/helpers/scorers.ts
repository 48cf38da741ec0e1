import type { ScoreContext } from '@anonboard/core';
import { vi } from 'vitest';
import {
  createGigaChatScorer,
  createOpenAiScorer,
  type GigaChatScorerOptions,
  type LlmScorer,
  type OpenAiScorerOptions,
} from '../../src/index.js';
import type { LlmServer, Protocol } from './llm-server.js';

/** A well-formed GigaChat authorization key (base64 of `client_id:client_secret`). */
export const CREDENTIALS = Buffer.from('client-id:client-secret').toString('base64');

/** Retries without real waiting. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 2 } as const;

export function gigachatFor(
  server: LlmServer,
  options: Partial<GigaChatScorerOptions> = {},
): LlmScorer {
  return createGigaChatScorer({
    credentials: CREDENTIALS,
    baseUrl: `${server.url}/api/v1`,
    authUrl: `${server.url}/api/v2/oauth`,
    retry: fastRetry,
    ...options,
  });
}

export function openaiFor(
  server: LlmServer,
  options: Partial<OpenAiScorerOptions> = {},
): LlmScorer {
  return createOpenAiScorer({
    baseURL: `${server.url}/v1`,
    apiKey: 'sk-test',
    model: 'gpt-test',
    retry: fastRetry,
    ...options,
  });
}

/** Both scorers, to run the same behaviour tests against each protocol. */
export const protocols: readonly {
  readonly protocol: Protocol;
  readonly make: (
    server: LlmServer,
    options?: Partial<GigaChatScorerOptions & OpenAiScorerOptions>,
  ) => LlmScorer;
}[] = [
  { protocol: 'gigachat', make: gigachatFor },
  { protocol: 'openai', make: openaiFor },
];

/** A context whose signal never fires unless `signal` is given. */
export function context(extra: Partial<ScoreContext> = {}): ScoreContext {
  return { signal: new AbortController().signal, ...extra };
}

/** The gigachat SDK logs every token refresh on the console; keep test output clean. */
export function quietSdk(): void {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
}
