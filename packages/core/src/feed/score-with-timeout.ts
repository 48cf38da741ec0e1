import type { ItemReview, ItemScore, ScoreFlag } from '../moderation/item.js';
import type { Scorer } from '../ports/scorer.js';

/** What a scoring attempt gave: a score, or why there is none (the item goes to manual review). */
export type ScoreAttempt =
  | { readonly score: ItemScore }
  | { readonly score: null; readonly review: ItemReview; readonly error: string };

/**
 * Scores with a deadline. Returns null — "not scored", manual review — when the scorer throws,
 * times out, or answers something that is not a score in [0, 1]: never a made-up default. The
 * review says which of these it was (`failed`, `timeout`, `invalid`) and keeps the error itself.
 *
 * ```ts
 * const attempt = await scoreWithTimeout(scorer, 'СРОЧНО: собрание', {}, 10_000);
 * if (attempt.score === null) console.log(attempt.review.reason); // 'timeout'
 * ```
 */
export async function scoreWithTimeout(
  scorer: Scorer,
  text: string,
  context: { source?: string; topic?: string },
  timeoutMs: number,
): Promise<ScoreAttempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const error = new Error(`scorer ${scorer.name} took longer than ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([
      scorer.score(text, { ...context, signal: controller.signal }),
      deadline,
    ]);
    if (
      typeof result.score !== 'number' ||
      !Number.isFinite(result.score) ||
      result.score < 0 ||
      result.score > 1
    ) {
      return notScored(
        'invalid',
        `scorer ${scorer.name} answered ${String(result.score)}, not a score in [0, 1]`,
      );
    }
    const flags = knownFlags(result.flags);
    return {
      score: {
        value: result.score,
        reason: String(result.reason ?? ''),
        scorer: result.scorer ?? scorer.name,
        ...(flags.length > 0 ? { flags } : {}),
      },
    };
  } catch (error) {
    return notScored(
      timedOut ? 'timeout' : 'failed',
      error instanceof Error ? error.message : String(error),
    );
  } finally {
    clearTimeout(timer);
  }
}

/** No score, for `reason`, keeping the error. */
export function notScored(reason: ItemReview['reason'], error: string): ScoreAttempt {
  return { score: null, review: { reason, error }, error };
}

// --- Internal helpers ---

const FLAGS: readonly ScoreFlag[] = ['injection'];

/** The flags core knows, once each, in a stable order; anything else a scorer says is ignored. */
function knownFlags(flags: unknown): ScoreFlag[] {
  if (!Array.isArray(flags)) return [];
  return FLAGS.filter((flag) => flags.includes(flag));
}
