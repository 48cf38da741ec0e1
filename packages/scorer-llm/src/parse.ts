import { z } from 'zod';
import { excerptOf, LlmScorerError } from './errors.js';

/**
 * A validated answer of the model.
 *
 * ```ts
 * const answer: ScoreAnswer = { score: 0.9, reason: 'срочное собрание' };
 * ```
 */
export interface ScoreAnswer {
  readonly score: number;
  readonly reason: string;
  /** The model's own judgement that the text tries to instruct it (absent: it did not say). */
  readonly injection?: boolean;
}

/**
 * Reads the model's answer: strict JSON `{ "score": 0..1, "reason": "…", "injection"?: boolean }`,
 * possibly wrapped in a ```json fence — nothing else. Anything else throws an {@link LlmScorerError}
 * (`empty_answer`, `not_json` or `invalid_answer`) with an excerpt: a wrong answer must send the
 * item to manual review, never become a default score.
 *
 * ```ts
 * parseScoreAnswer('```json\n{"score": 0.9, "reason": "срочно"}\n```'); // { score: 0.9, reason: 'срочно' }
 * parseScoreAnswer('Думаю, это важно'); // throws LlmScorerError (kind 'not_json')
 * ```
 */
export function parseScoreAnswer(raw: string | null | undefined, provider?: string): ScoreAnswer {
  const details = provider === undefined ? {} : { provider };
  const trimmed = raw?.trim() ?? '';
  if (trimmed === '')
    throw new LlmScorerError('empty_answer', 'the model answered nothing', details);
  const json = FENCED.exec(trimmed)?.[1]?.trim() ?? trimmed;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new LlmScorerError(
      'not_json',
      'the model did not answer with JSON',
      { ...details, excerpt: excerptOf(trimmed) },
      { cause: error },
    );
  }
  const parsed = answerSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`)
      .join('; ');
    throw new LlmScorerError(
      'invalid_answer',
      `the model's JSON is not { score: 0..1, reason } (${problems})`,
      { ...details, excerpt: excerptOf(trimmed) },
    );
  }
  const { injection, ...answer } = parsed.data;
  return injection === undefined ? answer : { ...answer, injection };
}

// --- Internal helpers ---

/** The whole answer is one fenced block, optionally tagged json. */
const FENCED = /^```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```$/i;

const MAX_REASON_CHARS = 500;

const answerSchema = z.object({
  score: z.number().min(0).max(1),
  reason: z
    .string()
    .trim()
    .min(1)
    .transform((reason) => excerptOf(reason, MAX_REASON_CHARS)),
  injection: z.boolean().optional(),
});
