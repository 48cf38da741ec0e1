import type { ItemId } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { feedSetup } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A feed whose clock stands at 2026-12-04 10:30 UTC (13:30 in Moscow). */
async function setup() {
  const s = await feedSetup();
  s.clock.set(Date.parse('2026-12-04T10:30:00Z'));
  let id = 1;
  const post = async (text: string) => {
    const result = await s.feed.ingest({
      sourceRef: '-1001',
      messageId: id++,
      text,
      date: s.clock.now(),
      via: 'userbot',
    });
    return result.itemId as ItemId | undefined;
  };
  return { ...s, post };
}

describe('feed.report', () => {
  it('counts the funnel, the shares and the decision times of the window', async () => {
    const { feed, clock, post, anna, dispatcher } = await setup();
    const urgent = await post('СРОЧНО: собрание жильцов сегодня в 19:00');
    const meeting = await post('Встреча и собрание в 15:00');
    await post('Продам гараж'); // no keyword
    await post('Продам гараж, собрание не нужно'); // a keyword, a low score
    clock.advance(12 * MINUTE);
    await feed.decide({ admin: anna.id, itemId: urgent as ItemId, decision: { type: 'approve' } });
    await dispatcher.drain();
    clock.advance(30 * MINUTE);
    await feed.decide({
      admin: anna.id,
      itemId: meeting as ItemId,
      decision: { type: 'reject', reason: null },
    });

    const report = await feed.report({ period: 'day', timeZone: 'Europe/Moscow' });
    expect(report.funnel).toEqual({
      ingested: { sources: 4, suggestions: 0 },
      matched: { sources: 3, suggestions: 0 },
      scored: { sources: 3, suggestions: 0 },
      queued: { sources: 2, suggestions: 0 },
      approved: { sources: 1, suggestions: 0 },
      published: { sources: 1, suggestions: 0 },
    });
    expect(report.shares.filteredByKeywords).toBe(0.25);
    expect(report.shares.filteredByScore).toBeCloseTo(1 / 3);
    expect(report.shares.approved).toBe(0.5);
    expect(report.decisionTime).toEqual({
      count: 2,
      medianMs: 12 * MINUTE,
      p90Ms: 42 * MINUTE,
      // 5–15 min and 30–60 min.
      histogram: [0, 0, 1, 0, 1, 0, 0, 0, 0],
    });
    expect(report.statuses).toEqual({ published: 1, rejected: 1 });
    expect(report.bySource).toEqual([
      {
        source: { id: expect.any(String), title: 'Городской чат' },
        ingested: 4,
        matched: 3,
        queued: 2,
        approved: 1,
      },
    ]);
    expect(report.counts).toMatchObject({
      ingested: 4,
      scored: 3,
      open: 0,
      approved: 1,
      rejected: 1,
    });
    // By the hour, the report made at 11:12: 24 points, the last two holding the messages
    // (10:30), the approval (10:42) and the rejection (11:12).
    expect(report.series).toHaveLength(24);
    expect(report.series.slice(-2)).toEqual([
      { at: Date.parse('2026-12-04T10:00:00Z'), ingested: 4, queued: 2, approved: 1, rejected: 0 },
      { at: Date.parse('2026-12-04T11:00:00Z'), ingested: 0, queued: 0, approved: 0, rejected: 1 },
    ]);
    expect(report.until).toBe(Date.parse('2026-12-04T12:00:00Z'));
  });

  it('cuts days at midnight of the reader’s time zone', async () => {
    const { feed, clock, post } = await setup();
    // 22:30 UTC on the 3rd is already the 4th in Moscow (UTC+3), still the 3rd in UTC.
    clock.set(Date.parse('2026-12-03T22:30:00Z'));
    await post('Срочно: собрание в 9:00');
    clock.set(Date.parse('2026-12-04T10:30:00Z'));
    const moscow = await feed.report({ period: 'week', timeZone: 'Europe/Moscow' });
    expect(moscow.series).toHaveLength(7);
    expect(moscow.series.at(-1)).toMatchObject({
      at: Date.parse('2026-12-03T21:00:00Z'),
      ingested: 1,
    });
    expect(moscow.until).toBe(Date.parse('2026-12-04T21:00:00Z'));
    const utc = await feed.report({ period: 'week', timeZone: 'UTC' });
    expect(utc.series.at(-2)).toMatchObject({
      at: Date.parse('2026-12-03T00:00:00Z'),
      ingested: 1,
    });
    expect(utc.series.at(-1)?.ingested).toBe(0);
    // A zone half an hour off UTC is cut exactly too.
    const kolkata = await feed.report({ period: 'month', timeZone: 'Asia/Kolkata' });
    expect(kolkata.series).toHaveLength(30);
    expect(kolkata.series.at(-1)).toMatchObject({
      at: Date.parse('2026-12-03T18:30:00Z'),
      ingested: 1,
    });
  });

  it('leaves out what is older than the period', async () => {
    const { feed, clock, post } = await setup();
    await post('СРОЧНО: собрание');
    clock.advance(8 * DAY);
    const week = await feed.report({ period: 'week' });
    expect(week.counts.ingested).toBe(0);
    expect(week.decisionTime).toMatchObject({ count: 0, medianMs: null, p90Ms: null });
    expect(week.shares).toEqual({
      filteredByKeywords: 0,
      filteredByScore: 0,
      approved: 0,
      suggestionsApproved: 0,
    });
    expect(week.counts.open).toBe(1); // still waiting, whenever it was queued
    expect((await feed.report({ period: 'month' })).counts.ingested).toBe(1);
  });

  it('refuses an unknown time zone', async () => {
    const { feed } = await setup();
    await expect(feed.report({ period: 'day', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
