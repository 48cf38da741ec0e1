import type { ScoreFlag } from '../moderation/item.js';

/** What a scorer may know about a message besides its text. */
export interface ScoreContext {
  /** Human label of the source (channel title), if any. */
  readonly source?: string;
  /** The feed's topic, to judge importance against. */
  readonly topic?: string;
  /** Aborted when the caller stops waiting (timeout, shutdown). */
  readonly signal: AbortSignal;
}

/** How important a message is, from 0 (noise) to 1 (must publish), and why. */
export interface Score {
  readonly score: number;
  readonly reason: string;
  /**
   * Which scorer actually scored, when a scorer delegates (e.g. an LLM scorer falling back to the
   * offline one past its daily budget); defaults to the configured scorer's `name`.
   */
  readonly scorer?: string;
  /**
   * Warnings about the message besides its score: `injection` when the text seems to instruct
   * the scorer (admins' cards then say the score may be the author's doing). Unknown ones are
   * ignored.
   */
  readonly flags?: readonly ScoreFlag[];
}

/**
 * Judges how important a message is. Implementations: the built-in offline scorer, and LLM
 * scorers (`@anonboard/scorer-llm`). A scorer that fails or times out must throw: the item then
 * goes to manual review marked "not scored" — never a silent default score.
 *
 * ```ts
 * const scorer: Scorer = { name: 'always-half', score: async () => ({ score: 0.5, reason: 'test' }) };
 * ```
 */
export interface Scorer {
  /** Shown on admin cards: which scorer scored an item. */
  readonly name: string;
  score(text: string, context: ScoreContext): Promise<Score>;
}
