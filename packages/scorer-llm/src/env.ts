import { readFileSync } from 'node:fs';
import { createOfflineScorer, type Scorer } from '@anonboard/core';
import { z } from 'zod';
import { withDailyBudget } from './budget.js';
import { isLlmScorerError, LlmScorerError } from './errors.js';
import { createGigaChatScorer, isAllowedEndpoint } from './gigachat.js';
import { createOpenAiScorer } from './openai.js';
import { createCaAgent } from './tls.js';

/**
 * Environment variables, as in `process.env`.
 *
 * ```ts
 * const env: Env = { SCORER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'qwen2.5:7b' };
 * ```
 */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The scorer the examples configure from the environment:
 * `SCORER=offline|gigachat|openai` (default offline); GigaChat: `GIGACHAT_CREDENTIALS`
 * (required), `GIGACHAT_SCOPE` (default GIGACHAT_API_PERS), `GIGACHAT_MODEL`,
 * `GIGACHAT_BASE_URL`, `GIGACHAT_AUTH_URL`, `GIGACHAT_CA_FILE` (PEM of a CA to trust);
 * OpenAI-compatible: `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL`; both:
 * `SCORER_DAILY_CALLS`, `SCORER_DAILY_TOKENS` (a daily budget, then the offline scorer) and
 * `SCORER_CONCURRENCY` (requests in flight, default 4). Empty values count as unset. A missing
 * or malformed setting throws one line naming it, e.g.
 * `[anonboard] [scorer] GIGACHAT_CREDENTIALS is required when SCORER=gigachat`.
 *
 * ```ts
 * const scorer = scorerFromEnv(); // process.env
 * const feed = createFeed({ storage, transport, scorer });
 * ```
 */
export function scorerFromEnv(env: Env = process.env): Scorer {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmScorerError('config', issue?.message ?? 'invalid scorer settings');
  }
  const settings = parsed.data;
  const common =
    settings.SCORER_CONCURRENCY === undefined
      ? {}
      : { maxConcurrency: settings.SCORER_CONCURRENCY };
  let primary: Scorer;
  switch (settings.SCORER) {
    case 'offline':
      return createOfflineScorer();
    case 'gigachat':
      primary = createGigaChatScorer({
        ...common,
        credentials: settings.GIGACHAT_CREDENTIALS ?? '',
        scope: settings.GIGACHAT_SCOPE,
        ...optional('model', settings.GIGACHAT_MODEL),
        ...optional('baseUrl', settings.GIGACHAT_BASE_URL),
        ...optional('authUrl', settings.GIGACHAT_AUTH_URL),
        ...(settings.GIGACHAT_CA_FILE === undefined
          ? {}
          : { httpsAgent: caAgentFromFile(settings.GIGACHAT_CA_FILE) }),
      });
      break;
    case 'openai':
      primary = createOpenAiScorer({
        ...common,
        model: settings.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL,
        ...optional('apiKey', settings.OPENAI_API_KEY),
        ...optional('baseURL', settings.OPENAI_BASE_URL),
      });
      break;
    default:
      return settings.SCORER satisfies never;
  }
  const { SCORER_DAILY_CALLS: calls, SCORER_DAILY_TOKENS: tokens } = settings;
  if (calls === undefined && tokens === undefined) return primary;
  return withDailyBudget(primary, {
    ...optional('maxCallsPerDay', calls),
    ...optional('maxTokensPerDay', tokens),
  });
}

// --- Internal helpers ---

const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const text = z.preprocess(blankToUndefined, z.string().trim().optional());

const count = (name: string, min: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, { error: `${name} must be a whole number${min > 0 ? ' ≥ 1' : ''}` })
      .transform(Number)
      .refine((n) => n >= min, { error: `${name} must be a whole number ≥ ${min}` })
      .optional(),
  );

const url = (name: string, check: (value: string) => boolean, rule: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine(check, { error: `${name} must be ${rule}` })
      .optional(),
  );

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const httpsRule = 'an https:// URL (plain http only on 127.0.0.1/localhost)';

const envSchema = z
  .object({
    SCORER: z.preprocess(
      (value) => blankToUndefined(typeof value === 'string' ? value.trim().toLowerCase() : value),
      z
        .enum(['offline', 'gigachat', 'openai'], {
          error: 'SCORER must be offline, gigachat or openai',
        })
        .default('offline'),
    ),
    GIGACHAT_CREDENTIALS: text,
    GIGACHAT_SCOPE: z.preprocess(blankToUndefined, z.string().trim().default('GIGACHAT_API_PERS')),
    GIGACHAT_MODEL: text,
    GIGACHAT_BASE_URL: url('GIGACHAT_BASE_URL', isAllowedEndpoint, httpsRule),
    GIGACHAT_AUTH_URL: url('GIGACHAT_AUTH_URL', isAllowedEndpoint, httpsRule),
    GIGACHAT_CA_FILE: text,
    OPENAI_API_KEY: text,
    OPENAI_BASE_URL: url('OPENAI_BASE_URL', isHttpUrl, 'an http:// or https:// URL'),
    OPENAI_MODEL: text,
    SCORER_DAILY_CALLS: count('SCORER_DAILY_CALLS', 0),
    SCORER_DAILY_TOKENS: count('SCORER_DAILY_TOKENS', 0),
    SCORER_CONCURRENCY: count('SCORER_CONCURRENCY', 1),
  })
  .superRefine((env, ctx) => {
    const require = (name: string, why: string) =>
      ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required ${why}` });
    if (env.SCORER === 'gigachat' && env.GIGACHAT_CREDENTIALS === undefined) {
      require('GIGACHAT_CREDENTIALS', 'when SCORER=gigachat');
    }
    if (
      env.SCORER === 'openai' &&
      env.OPENAI_BASE_URL === undefined &&
      env.OPENAI_API_KEY === undefined
    ) {
      require('OPENAI_API_KEY', 'when SCORER=openai (or set OPENAI_BASE_URL to a local server)');
    }
    if (
      env.SCORER === 'openai' &&
      env.OPENAI_BASE_URL !== undefined &&
      env.OPENAI_MODEL === undefined
    ) {
      require('OPENAI_MODEL', 'when OPENAI_BASE_URL is set (the model name that server serves)');
    }
  });

function caAgentFromFile(path: string) {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new LlmScorerError(
      'config',
      `GIGACHAT_CA_FILE cannot be read: ${path} (${code})`,
      {},
      { cause: error },
    );
  }
  try {
    return createCaAgent(pem);
  } catch (error) {
    if (!isLlmScorerError(error)) throw error;
    throw new LlmScorerError(
      'config',
      `GIGACHAT_CA_FILE ${path}: ${error.summary}`,
      {},
      { cause: error },
    );
  }
}

/** `{ [key]: value }` when the value is set, else nothing (for exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
