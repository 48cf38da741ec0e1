import {
  type Clock,
  createOfflineScorer,
  type Score,
  type ScoreContext,
  type Scorer,
  systemClock,
} from '@anonboard/core';
import { z } from 'zod';
import { LlmScorerError } from './errors.js';

/**
 * What a scorer spent in one UTC day.
 *
 * ```ts
 * const usage: BudgetUsage = { calls: 120, tokens: 24_000 };
 * ```
 */
export interface BudgetUsage {
  /** Calls to the primary scorer (failed ones included: they may have cost tokens). */
  readonly calls: number;
  /** Tokens the API reported in `usage.total_tokens`. */
  readonly tokens: number;
}

/**
 * Where {@link withDailyBudget} keeps its counters, by UTC day (`'2026-11-21'`). The default is
 * in memory, so a restart starts the day from zero; a persistent store (a row per day in the
 * bot's database, `INSERT … ON CONFLICT DO UPDATE … RETURNING`) keeps the cap across restarts
 * and shares it between instances.
 *
 * ```ts
 * const store: BudgetStore = {
 *   get: async (day) => (await db.get('SELECT calls, tokens FROM budget WHERE day = ?', day)) ?? { calls: 0, tokens: 0 },
 *   add: async (day, d) => db.get('INSERT INTO budget VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET calls = calls + excluded.calls, tokens = tokens + excluded.tokens RETURNING calls, tokens', day, d.calls, d.tokens),
 * };
 * ```
 */
export interface BudgetStore {
  /** The day's usage; zeros for a day without any. */
  get(day: string): Promise<BudgetUsage>;
  /** Adds `delta` to the day's usage, atomically, and returns the new totals. */
  add(day: string, delta: BudgetUsage): Promise<BudgetUsage>;
}

/**
 * A {@link BudgetStore} in memory: counters live as long as the process. Keeps only the latest
 * day it was asked about.
 *
 * ```ts
 * const scorer = withDailyBudget(gigachat, { maxCallsPerDay: 500, store: createMemoryBudgetStore() });
 * ```
 */
export function createMemoryBudgetStore(): BudgetStore {
  let current: { day: string; usage: BudgetUsage } = { day: '', usage: ZERO };
  const at = (day: string) => {
    if (current.day !== day) current = { day, usage: ZERO };
    return current;
  };
  return {
    get: async (day) => at(day).usage,
    add: async (day, delta) => {
      const entry = at(day);
      entry.usage = {
        calls: entry.usage.calls + delta.calls,
        tokens: entry.usage.tokens + delta.tokens,
      };
      return entry.usage;
    },
  };
}

/**
 * Options of {@link withDailyBudget}.
 *
 * ```ts
 * const options: DailyBudgetOptions = { maxCallsPerDay: 1000, maxTokensPerDay: 200_000 };
 * ```
 */
export interface DailyBudgetOptions {
  /** Scores past the cap. Default `createOfflineScorer()`. */
  readonly fallback?: Scorer;
  /** Calls to the primary per UTC day. Unlimited when absent. */
  readonly maxCallsPerDay?: number;
  /** Tokens per UTC day. Unlimited when absent. A soft cap: calls in flight may pass it a little. */
  readonly maxTokensPerDay?: number;
  /** Where "today" comes from. Default the system clock. */
  readonly clock?: Clock;
  /** Where the counters live. Default {@link createMemoryBudgetStore}. */
  readonly store?: BudgetStore;
}

/**
 * A scorer under a daily budget: it also tells what it has spent today.
 *
 * ```ts
 * const scorer: BudgetedScorer = withDailyBudget(gigachat, { maxCallsPerDay: 500 });
 * console.log(await scorer.usageToday()); // { day: '2026-11-21', calls: 12, tokens: 2460 }
 * ```
 */
export interface BudgetedScorer extends Scorer {
  /** Today's (UTC) spend of the primary scorer. */
  usageToday(): Promise<BudgetUsage & { readonly day: string }>;
}

/**
 * Wraps an LLM scorer with a per-day spend cap, counted per UTC day: calls, and tokens from the
 * API's `usage`. Past either cap the `fallback` (the offline scorer by default) scores, and the
 * score says so — `scorer: 'offline (budget)'` — for the admin card. At midnight UTC the
 * counters start again. Failures of the primary still throw (manual review): the budget only
 * decides who scores, never turns an error into a score.
 *
 * ```ts
 * const scorer = withDailyBudget(createGigaChatScorer({ credentials }), {
 *   maxCallsPerDay: 500,
 *   maxTokensPerDay: 100_000,
 * });
 * ```
 */
export function withDailyBudget(primary: Scorer, options: DailyBudgetOptions = {}): BudgetedScorer {
  const parsed = limitsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmScorerError(
      'config',
      `budget option ${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { maxCallsPerDay = Infinity, maxTokensPerDay = Infinity } = parsed.data;
  const fallback = options.fallback ?? createOfflineScorer();
  const clock = options.clock ?? systemClock;
  const store = options.store ?? createMemoryBudgetStore();
  const spent = (usage: BudgetUsage, calls: number) =>
    usage.calls >= calls || usage.tokens >= maxTokensPerDay;

  const fallBack = async (text: string, context: ScoreContext): Promise<Score> => {
    const score = await fallback.score(text, context);
    return {
      score: score.score,
      reason: score.reason,
      scorer: `${score.scorer ?? fallback.name} (budget)`,
    };
  };

  return {
    name: primary.name,
    async score(text: string, context: ScoreContext): Promise<Score> {
      const day = utcDay(clock.now());
      if (spent(await store.get(day), maxCallsPerDay)) return fallBack(text, context);
      // Reserve the call before making it, so concurrent callers (or instances) cannot all slip
      // in under the cap: the store's atomic add decides who got the last one.
      if (spent(await store.add(day, { calls: 1, tokens: 0 }), maxCallsPerDay + 1)) {
        return fallBack(text, context);
      }
      const score = await primary.score(text, context);
      const tokens = tokensOf(score);
      if (tokens > 0) await store.add(day, { calls: 0, tokens });
      return score;
    },
    async usageToday() {
      const day = utcDay(clock.now());
      return { day, ...(await store.get(day)) };
    },
  };
}

// --- Internal helpers ---

const ZERO: BudgetUsage = { calls: 0, tokens: 0 };

const limitsSchema = z.object({
  maxCallsPerDay: z.number().int().nonnegative().optional(),
  maxTokensPerDay: z.number().int().nonnegative().optional(),
});

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Tokens an {@link LlmScore} reports; 0 for scorers that report none. */
function tokensOf(score: Score): number {
  if (!('usage' in score)) return 0;
  const usage: unknown = score.usage;
  if (typeof usage !== 'object' || usage === null || !('totalTokens' in usage)) return 0;
  return typeof usage.totalTokens === 'number' && Number.isFinite(usage.totalTokens)
    ? usage.totalTokens
    : 0;
}
