import type { Logger } from '../ports/logger.js';
import type { Scorer } from '../ports/scorer.js';
import type { ScoreOutcome, Telemetry } from '../ports/telemetry.js';
import { observe } from '../shell/context.js';

/**
 * The scorer, watched: each call is timed and told to `telemetry` (`ok`, `error`, `timeout` when
 * the caller's deadline fired first, `invalid` when the answer is not a score in [0, 1]), and each
 * failure is a warning in the log. The error's message is not logged: an LLM's answer, which may
 * quote the message scored, ends it; its class and code say what to fix.
 *
 * ```ts
 * const scorer = observedScorer(createOfflineScorer(), logger, telemetry);
 * ```
 */
export function observedScorer(scorer: Scorer, logger: Logger, telemetry: Telemetry): Scorer {
  return {
    name: scorer.name,
    async score(text, context) {
      const started = performance.now();
      let told = false;
      const tell = (outcome: ScoreOutcome, fields: Record<string, unknown> = {}) => {
        if (told) return;
        told = true;
        const durationMs = performance.now() - started;
        observe(telemetry, { type: 'score', scorer: scorer.name, outcome, durationMs });
        if (outcome === 'ok') return;
        logger.warn('the scorer failed: the item goes to manual review', {
          component: 'scorer',
          scorer: scorer.name,
          outcome,
          durationMs: Math.round(durationMs),
          ...fields,
        });
      };
      // A scorer that ignores the signal never settles: the deadline itself is the outcome.
      const onAbort = () => tell('timeout');
      context.signal.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await scorer.score(text, context);
        const valid =
          typeof result.score === 'number' &&
          Number.isFinite(result.score) &&
          result.score >= 0 &&
          result.score <= 1;
        tell(valid ? 'ok' : 'invalid');
        return result;
      } catch (error) {
        tell(context.signal.aborted ? 'timeout' : 'error', { error: failureOf(error) });
        throw error;
      } finally {
        context.signal.removeEventListener('abort', onAbort);
      }
    },
  };
}

// --- Internal helpers ---

/** The class and code of a scorer's error (LLM scorers: `kind`), without its message. */
function failureOf(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const record = error as unknown as Record<string, unknown>;
  const code = typeof record.code === 'string' ? record.code : record.kind;
  return typeof code === 'string' ? { name: error.name, code } : { name: error.name };
}
