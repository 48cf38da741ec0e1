import type { ScoreContext } from '@anonboard/core';
import { AnonboardError, createOfflineScorer } from '@anonboard/core';
import { describe, expect, it } from 'vitest';

const context: ScoreContext = { signal: new AbortController().signal };
const scorer = createOfflineScorer();

describe('createOfflineScorer', () => {
  it('is named offline', () => {
    expect(scorer.name).toBe('offline');
  });

  it('orders the seed examples: urgent meeting > timed meeting > sale', async () => {
    const urgent = await scorer.score('СРОЧНО: собрание', context);
    const timed = await scorer.score('Встреча в 15:00', context);
    const sale = await scorer.score('Продам гараж', context);
    expect(urgent.score).toBeGreaterThanOrEqual(0.85);
    expect(urgent.score).toBeLessThanOrEqual(0.95);
    expect(timed.score).toBeGreaterThanOrEqual(0.65);
    expect(timed.score).toBeLessThanOrEqual(0.75);
    expect(sale.score).toBeGreaterThanOrEqual(0.15);
    expect(sale.score).toBeLessThanOrEqual(0.25);
    expect(urgent.reason).toBe('срочность; встреча/собрание');
    expect(timed.reason).toBe('встреча/собрание; дата/время');
    expect(sale.reason).toBe('продажа/реклама');
  });

  it('puts neutral chatter low-middle', async () => {
    const chatter = await scorer.score('Всем привет, как дела?', context);
    expect(chatter.score).toBeGreaterThanOrEqual(0.25);
    expect(chatter.score).toBeLessThanOrEqual(0.35);
  });

  it('scores empty text 0, with a reason', async () => {
    for (const text of ['', '   ', '...']) {
      const { score, reason } = await scorer.score(text, context);
      expect(score).toBe(0);
      expect(reason).not.toBe('');
    }
  });

  it.each([
    'Скидка 20%, цена 500 ₽',
    'Куплю велосипед недорого',
    'Big sale: buy now, best price',
  ])('scores sales low: %s', async (text) => {
    expect((await scorer.score(text, context)).score).toBeLessThanOrEqual(0.25);
  });

  it.each([
    'Срочно! Завтра в 10:00',
    'Внимание: отключение воды 21 ноября',
    'URGENT: meeting tomorrow at 3 pm',
    'Экстренно, в понедельник 21.11',
  ])('scores urgency with a time high: %s', async (text) => {
    expect((await scorer.score(text, context)).score).toBeGreaterThanOrEqual(0.75);
  });

  it('finds dates and times in their common spellings', async () => {
    for (const text of [
      'в 15.30',
      'к 9:00',
      '21.11',
      '3 pm',
      'в среду',
      'сегодня',
      'next Friday',
    ]) {
      expect((await scorer.score(text, context)).reason).toContain('дата/время');
    }
    expect((await scorer.score('среди нас', context)).reason).not.toContain('дата/время');
  });

  it('adds the feed topic', async () => {
    const withTopic = await scorer.score('Отключение воды в доме', { ...context, topic: 'вода' });
    const without = await scorer.score('Отключение воды в доме', context);
    expect(withTopic.score).toBeGreaterThan(without.score);
    expect(withTopic.reason).toContain('по теме');
  });

  it('keeps scores in [0, 1] and applies custom weights', async () => {
    const everything = await scorer.score('Срочно! Собрание завтра в 10:00', context);
    expect(everything.score).toBe(1);
    const salesHeavy = createOfflineScorer({ weights: { sales: -1 } });
    expect((await salesHeavy.score('Продам гараж', context)).score).toBe(0);
    expect(() => createOfflineScorer({ weights: { base: Number.NaN } })).toThrow(AnonboardError);
  });

  it('is deterministic', async () => {
    const text = 'Внимание! Общее собрание в пятницу в 19:00';
    expect(await scorer.score(text, context)).toEqual(await scorer.score(text, context));
  });

  it('throws when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(scorer.score('Срочно', { signal: controller.signal })).rejects.toThrow('stop');
  });
});
