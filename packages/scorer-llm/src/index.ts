/**
 * `@anonboard/scorer-llm`: GigaChat and OpenAI-compatible Scorers for anonboard's monitoring.
 *
 * @module @anonboard/scorer-llm
 */
export {
  type BudgetedScorer,
  type BudgetStore,
  type BudgetUsage,
  createMemoryBudgetStore,
  type DailyBudgetOptions,
  withDailyBudget,
} from './budget.js';
export type {
  LlmScore,
  LlmScorer,
  LlmScorerOptions,
  TokenUsage,
} from './chat-scorer.js';
export { type Env, scorerFromEnv } from './env.js';
export {
  excerptOf,
  isLlmScorerError,
  LlmScorerError,
  type LlmScorerErrorDetails,
  type LlmScorerErrorKind,
} from './errors.js';
export {
  createGigaChatScorer,
  type GigaChatClientSettings,
  type GigaChatScorerOptions,
  gigaChatClientConfig,
  isAllowedEndpoint,
} from './gigachat.js';
export { looksLikeInjection } from './injection.js';
export { createOpenAiScorer, type OpenAiScorerOptions } from './openai.js';
export { parseScoreAnswer, type ScoreAnswer } from './parse.js';
export {
  buildScoringPrompt,
  type ChatMessage,
  calibrationExamples,
  type PromptLanguage,
  type PromptOptions,
} from './prompt.js';
export { abortableSleep, parseRetryAfter, type RetryOptions, withRetry } from './retry.js';
export { createSemaphore, type Semaphore } from './semaphore.js';
export { assertVerifiesCertificates, type CaCertificates, createCaAgent } from './tls.js';
