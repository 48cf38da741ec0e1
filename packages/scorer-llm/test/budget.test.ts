import type { Score, ScoreContext, Scorer } from '@anonboard/core';
import { createOfflineScorer } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import {
  type BudgetStore,
  type BudgetUsage,
  createMemoryBudgetStore,
  type LlmScore,
  type LlmScorer,
  withDailyBudget,
} from '../src/index.js';
import { context } from './helpers/scorers.js';

/** A primary that answers 0.42 and reports `tokens` tokens, counting its calls. */
function fakeLlm(tokens = 100): LlmScorer & { calls: number } {
  const scorer = {
    name: 'gigachat (GigaChat)',
    calls: 0,
    async score(): Promise<LlmScore> {
      scorer.calls += 1;
      return {
        score: 0.42,
        reason: 'LLM',
        usage: { promptTokens: tokens - 10, completionTokens: 10, totalTokens: tokens },
      };
    },
  };
  return scorer;
}

const clockAt = (iso: string) => {
  const clock = { t: Date.parse(iso), now: () => clock.t };
  return clock;
};

describe('withDailyBudget', () => {
  it('falls back to the offline scorer past the daily calls, and says so', async () => {
    const primary = fakeLlm();
    const scorer = withDailyBudget(primary, {
      maxCallsPerDay: 2,
      clock: clockAt('2026-11-21T10:00:00Z'),
    });
    expect(scorer.name).toBe('gigachat (GigaChat)');
    expect(await scorer.score('СРОЧНО: собрание', context())).toMatchObject({ score: 0.42 });
    expect(await scorer.score('СРОЧНО: собрание', context())).toMatchObject({ score: 0.42 });
    const third = await scorer.score('СРОЧНО: собрание', context());
    const offline = await createOfflineScorer().score('СРОЧНО: собрание', context());
    expect(third).toEqual({ ...offline, scorer: 'offline (budget)' });
    expect(primary.calls).toBe(2);
    expect(await scorer.usageToday()).toEqual({ day: '2026-11-21', calls: 2, tokens: 200 });
  });

  it('starts again at midnight UTC', async () => {
    const primary = fakeLlm();
    const clock = clockAt('2026-11-21T23:59:59Z');
    const scorer = withDailyBudget(primary, { maxCallsPerDay: 1, clock });
    await scorer.score('a', context());
    expect((await scorer.score('b', context())).scorer).toBe('offline (budget)');
    clock.t = Date.parse('2026-11-22T00:00:00Z');
    expect(await scorer.score('c', context())).toMatchObject({ score: 0.42 });
    expect(primary.calls).toBe(2);
    expect(await scorer.usageToday()).toEqual({ day: '2026-11-22', calls: 1, tokens: 100 });
  });

  it('counts tokens from the API’s usage against maxTokensPerDay', async () => {
    const primary = fakeLlm(400);
    const scorer = withDailyBudget(primary, {
      maxTokensPerDay: 1000,
      clock: clockAt('2026-11-21T10:00:00Z'),
    });
    for (let i = 0; i < 5; i += 1) await scorer.score('Встреча в 15:00', context());
    expect(primary.calls).toBe(3); // 400, 800, 1200 ≥ 1000 → the rest go offline
    expect(await scorer.usageToday()).toMatchObject({ calls: 3, tokens: 1200 });
  });

  it('lets no more calls through than the cap when they come at once', async () => {
    const primary = fakeLlm();
    const scorer = withDailyBudget(primary, { maxCallsPerDay: 3 });
    const scores = await Promise.all(
      Array.from({ length: 10 }, () => scorer.score('собрание', context())),
    );
    expect(primary.calls).toBe(3);
    expect(scores.filter((s) => s.scorer === 'offline (budget)')).toHaveLength(7);
  });

  it('still throws the primary’s failures (manual review), counting the call', async () => {
    const broken: Scorer = {
      name: 'gigachat',
      score: async () =>
        Promise.reject(new Error('[anonboard] [scorer] gigachat answered HTTP 503')),
    };
    const scorer = withDailyBudget(broken, { maxCallsPerDay: 5 });
    await expect(scorer.score('собрание', context())).rejects.toThrow('HTTP 503');
    expect(await scorer.usageToday()).toMatchObject({ calls: 1, tokens: 0 });
  });

  it('uses the given fallback and store (a persistent store keeps the cap across restarts)', async () => {
    const days = new Map<string, BudgetUsage>();
    const store: BudgetStore = {
      get: async (day) => days.get(day) ?? { calls: 0, tokens: 0 },
      add: async (day, delta) => {
        const now = days.get(day) ?? { calls: 0, tokens: 0 };
        const next = { calls: now.calls + delta.calls, tokens: now.tokens + delta.tokens };
        days.set(day, next);
        return next;
      },
    };
    const fallback: Scorer = {
      name: 'keywords',
      score: async (_: string, __: ScoreContext): Promise<Score> => ({ score: 0.1, reason: 'k' }),
    };
    const clock = clockAt('2026-11-21T10:00:00Z');
    await withDailyBudget(fakeLlm(), { maxCallsPerDay: 1, store, clock, fallback }).score(
      'a',
      context(),
    );
    // "after a restart": a new wrapper over the same store
    const restarted = withDailyBudget(fakeLlm(), { maxCallsPerDay: 1, store, clock, fallback });
    expect(await restarted.score('a', context())).toEqual({
      score: 0.1,
      reason: 'k',
      scorer: 'keywords (budget)',
    });
  });

  it('keeps only the current day in memory', async () => {
    const store = createMemoryBudgetStore();
    await store.add('2026-11-21', { calls: 2, tokens: 10 });
    await store.add('2026-11-22', { calls: 1, tokens: 0 });
    expect(await store.get('2026-11-22')).toEqual({ calls: 1, tokens: 0 });
    expect(await store.get('2026-11-21')).toEqual({ calls: 0, tokens: 0 });
  });

  it('refuses a negative or fractional cap', () => {
    expect(() => withDailyBudget(fakeLlm(), { maxCallsPerDay: -1 })).toThrow(
      /^\[anonboard\] \[scorer\] budget option maxCallsPerDay/,
    );
    expect(() => withDailyBudget(fakeLlm(), { maxTokensPerDay: 1.5 })).toThrow(/maxTokensPerDay/);
  });
});
