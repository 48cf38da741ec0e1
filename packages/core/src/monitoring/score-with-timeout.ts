import type { ItemScore } from '../moderation/item.js';
import type { Scorer } from '../ports/scorer.js';

/**
 * Scores with a deadline. Returns null — "not scored", manual review — when the scorer throws,
 * times out, or answers something that is not a score in [0, 1]: never a made-up default.
 */
export async function scoreWithTimeout(
  scorer: Scorer,
  text: string,
  context: { source?: string; topic?: string },
  timeoutMs: number,
): Promise<{ score: ItemScore } | { score: null; error: string }> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
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
      return {
        score: null,
        error: `scorer ${scorer.name} answered ${String(result.score)}, not a score in [0, 1]`,
      };
    }
    return {
      score: {
        value: result.score,
        reason: String(result.reason ?? ''),
        scorer: result.scorer ?? scorer.name,
      },
    };
  } catch (error) {
    return { score: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
