import type { Scorer } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { buttonsOf, feedSetup, textsOf } from './helpers.js';

const msg = (messageId: number, text: string, sourceRef = '-1001') => ({
  sourceRef,
  messageId,
  text,
  date: 0,
  via: 'userbot' as const,
});

describe('ingest', () => {
  it('filters by keywords (with inflections), scores once, and queues one item for the interested', async () => {
    const { feed, transport, dispatcher, anna, reader } = await feedSetup();
    expect(await feed.ingest(msg(1, 'Продам гараж'))).toEqual({ outcome: 'dropped_keywords' });
    const urgent = await feed.ingest(msg(2, 'СРОЧНО: собрания жильцов не будет'));
    expect(urgent).toMatchObject({ outcome: 'queued', score: { scorer: 'offline' } });
    await dispatcher.drain();
    const card = textsOf(transport, anna).at(-1) ?? '';
    expect(card).toContain('📡 Мониторинг · Городской чат');
    expect(card).toContain('🧠 Оценка');
    expect(buttonsOf(transport, anna).map((b) => b.text)).toEqual(['✅ Одобрить', '❌ Отклонить']);

    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to('@city_news')).toMatchObject([
      { text: 'СРОЧНО: собрания жильцов не будет\n\n— Городской чат' },
    ]);
    expect(textsOf(transport, reader).at(-1)).toContain('Опубликовано по вашей подписке');
  });

  it('dedups by (source, message id) and by content (reposts), and skips unwatched sources', async () => {
    const { feed } = await feedSetup();
    expect(await feed.ingest(msg(1, 'Встреча в 15:00'))).toMatchObject({ outcome: 'queued' });
    expect(await feed.ingest(msg(1, 'Встреча в 15:00'))).toEqual({ outcome: 'duplicate' });
    expect(await feed.ingest(msg(2, 'встреча  в 15:00!'))).toEqual({ outcome: 'repost' });
    expect(await feed.ingest(msg(3, 'Встреча в 15:00', '-1009'))).toEqual({ outcome: 'unwatched' });
    expect((await feed.queue()).length).toBe(1);
  });

  it('applies each subscription threshold (or the default) to the one score', async () => {
    const { feed, reader } = await feedSetup({ threshold: 0.8 });
    expect(await feed.ingest(msg(1, 'Встреча в 15:00'))).toMatchObject({
      outcome: 'dropped_score',
    });
    await feed.subscribe({ user: reader.id, threshold: 0.6 });
    expect(await feed.ingest(msg(2, 'Встреча в 16:30'))).toMatchObject({ outcome: 'queued' });
    const stats = await feed.stats();
    expect(stats).toMatchObject({ ingested: 2, droppedByScore: 0.5 });
  });

  it('a failing or slow scorer sends the item to manual review, "not scored"', async () => {
    const failing: Scorer = { name: 'broken', score: async () => Promise.reject(new Error('503')) };
    const { feed, transport, dispatcher, anna } = await feedSetup({ scorer: failing });
    const result = await feed.ingest(msg(1, 'собрание в четверг'));
    expect(result).toMatchObject({ outcome: 'manual_review', score: null, error: '503' });
    await dispatcher.drain();
    expect(textsOf(transport, anna).at(-1)).toContain('⚠️ Не оценено');

    const slow: Scorer = {
      name: 'slow',
      score: (_t, ctx) =>
        new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        ),
    };
    const second = await feedSetup({ scorer: slow });
    expect(await second.feed.ingest(msg(1, 'собрание'))).toMatchObject({
      outcome: 'manual_review',
      score: null,
    });

    const liar: Scorer = { name: 'liar', score: async () => ({ score: 7, reason: '?' }) };
    const third = await feedSetup({ scorer: liar });
    expect(await third.feed.ingest(msg(1, 'собрание'))).toMatchObject({ outcome: 'manual_review' });
  });

  it('says in the admin’s language why an item is not scored, and keeps the scorer’s error on the item', async () => {
    const failing: Scorer = {
      name: 'broken',
      score: async () => Promise.reject(new Error('HTTP 503 from the model')),
    };
    const { feed, transport, dispatcher, anna, boris } = await feedSetup({ scorer: failing });
    await feed.identify({ platformId: boris.platformId, locale: 'en' });
    const result = await feed.ingest(msg(1, 'собрание в четверг'));
    expect(result.review).toEqual({ reason: 'failed', error: 'HTTP 503 from the model' });
    await dispatcher.drain();
    const ru = textsOf(transport, anna).at(-1) ?? '';
    expect(ru).toContain('⚠️ Не оценено: оценщик вернул ошибку — нужна ручная проверка');
    expect(ru).not.toMatch(/scorer|failed|HTTP 503/);
    expect(textsOf(transport, boris).at(-1)).toContain(
      '⚠️ Not scored: the scorer failed; needs manual review',
    );
    const [item] = await feed.queue();
    expect(item?.review).toEqual({ reason: 'failed', error: 'HTTP 503 from the model' });

    const slow: Scorer = {
      name: 'slow',
      score: (_t, ctx) =>
        new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        ),
    };
    const second = await feedSetup({ scorer: slow });
    const late = await second.feed.ingest(msg(1, 'собрание'));
    expect(late.review).toEqual({ reason: 'timeout', error: 'scorer slow took longer than 50 ms' });
    await second.dispatcher.drain();
    expect(textsOf(second.transport, second.anna).at(-1)).toContain(
      '⚠️ Не оценено: оценщик не ответил вовремя',
    );

    const liar: Scorer = { name: 'liar', score: async () => ({ score: 7, reason: '?' }) };
    const third = await feedSetup({ scorer: liar });
    expect((await third.feed.ingest(msg(1, 'собрание'))).review).toEqual({
      reason: 'invalid',
      error: 'scorer liar answered 7, not a score in [0, 1]',
    });
    await third.dispatcher.drain();
    expect(textsOf(third.transport, third.anna).at(-1)).toContain(
      '⚠️ Не оценено: оценщик ответил не оценкой',
    );
  });

  it('tells whoever forwarded a message what became of it, like a suggester', async () => {
    const { feed, transport, dispatcher, anna, author, reader } = await feedSetup();
    const forward = (messageId: number, text: string) =>
      feed.ingest({ ...msg(messageId, text), via: 'forward', forwardedBy: author.id });
    // Queued: told once an admin's card is delivered, not before.
    const queued = await forward(1, 'СРОЧНО: собрание жильцов');
    expect(queued.outcome).toBe('queued');
    expect(textsOf(transport, author)).toEqual([]);
    await dispatcher.drain();
    expect(textsOf(transport, author)).toEqual([
      '📋 Сообщение из «Городской чат» отправлено на модерацию.',
    ]);
    await feed.decide({
      admin: anna.id,
      itemId: queued.itemId as never,
      decision: { type: 'approve' },
    });
    await dispatcher.drain();
    expect(textsOf(transport, author).at(-1)).toBe(
      '📢 Пересланное вами сообщение из «Городской чат» опубликовано в канале.',
    );
    expect(textsOf(transport, reader).at(-1)).toContain('Опубликовано по вашей подписке');

    const rejected = await forward(2, 'Встреча в 15:00 у подъезда');
    await feed.decide({
      admin: anna.id,
      itemId: rejected.itemId as never,
      decision: { type: 'reject', reason: 'не по теме' },
    });
    await dispatcher.drain();
    // Decided before its cards arrived: no stale "sent to moderation" after the decision.
    expect(textsOf(transport, author).at(-1)).toBe(
      '❌ Пересланное вами сообщение из «Городской чат» отклонено.\nне по теме',
    );
    expect(textsOf(transport, author)).toHaveLength(3);
    // The channel post names the source, never the person who forwarded it.
    expect(JSON.stringify(transport.to('@city_news'))).not.toContain(author.platformId);
  });

  it('scores a content once, across sources', async () => {
    let calls = 0;
    const counting: Scorer = {
      name: 'counting',
      score: async () => ({ score: 0.9, reason: 'ok', ...{ n: ++calls } }),
    };
    const { feed } = await feedSetup({ scorer: counting });
    const other = await feed.addSource({ ref: '-1002', title: 'Другой чат' });
    await feed.ingest(msg(1, 'собрание завтра'));
    await feed.ingest(msg(5, 'собрание завтра', other.ref));
    expect(calls).toBe(1);
  });

  it('rejected items never reach the channel', async () => {
    const { feed, dispatcher, anna, transport } = await feedSetup();
    await feed.ingest(msg(1, 'СРОЧНО: собрание'));
    const [item] = await feed.queue();
    await feed.decide({
      admin: anna.id,
      itemId: item?.id as never,
      decision: { type: 'reject', reason: null },
    });
    await dispatcher.drain();
    expect(transport.to('@city_news')).toEqual([]);
  });
});

/** A scorer that reads its score from the text («[0.9]»), as a model would judge it. */
const bracketScorer: Scorer = {
  name: 'bracket',
  score: async (text) => {
    const value = /\[(\d\.\d+)\]/.exec(text)?.[1];
    if (value === undefined) throw new Error('no score in the text');
    return { score: Number(value), reason: `said ${value}` };
  },
};

describe('edits of source messages', () => {
  it('a waiting item takes the new text and a new score; cards say it was edited, with working buttons', async () => {
    const { feed, transport, dispatcher, anna, boris } = await feedSetup({ scorer: bracketScorer });
    const first = await feed.ingest(msg(1, 'собрание в 18:00 [0.60]'));
    await dispatcher.drain();
    expect(
      await feed.ingestEdit({
        sourceRef: '-1001',
        messageId: 1,
        text: 'собрание перенесли на 19:00 [0.95]',
        key: 'edit-1',
      }),
    ).toBe(true);
    // The same edit delivered twice changes nothing more.
    await expect(
      feed.ingestEdit({ sourceRef: '-1001', messageId: 1, text: 'x', key: 'edit-1' }),
    ).rejects.toMatchObject({ code: 'duplicate_update' });
    await dispatcher.drain();
    const item = await feed.getItem(first.itemId as NonNullable<typeof first.itemId>);
    expect(item).toMatchObject({
      text: 'собрание перенесли на 19:00 [0.95]',
      score: { value: 0.95, reason: 'said 0.95' },
      editedAt: expect.any(Number),
      status: 'queued',
    });
    for (const admin of [anna, boris]) {
      const edit = transport.to(admin.platformId).at(-1);
      expect(edit?.kind).toBe('edit');
      const card = edit?.kind === 'edit' ? edit.text : '';
      expect(card).toContain('перенесли на 19:00');
      expect(card).toContain('🧠 Оценка 0.95 (bracket): said 0.95');
      expect(card).toContain('✏️ Изменено');
      expect(card).not.toContain('0.60');
    }
    const edit = transport.to(anna.platformId).at(-1);
    const approve = edit?.kind === 'edit' ? edit.buttons?.[0]?.[0] : undefined;
    await feed.press({ user: anna.id, token: approve?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to('@city_news')).toMatchObject([
      { text: 'собрание перенесли на 19:00 [0.95]\n\n— Городской чат' },
    ]);
    // Decided items no longer change: the channel post stays what the admin approved.
    const sent = transport.sent.length;
    expect(await feed.ingestEdit({ sourceRef: '-1001', messageId: 1, text: 'ещё раз' })).toBe(
      false,
    );
    await dispatcher.drain();
    expect(transport.sent.length).toBe(sent);
    expect(await feed.getItem(item?.id as NonNullable<typeof first.itemId>)).toMatchObject({
      status: 'published',
      text: 'собрание перенесли на 19:00 [0.95]',
    });
  });

  it('an edit that adds a keyword to a dropped message queues it (the id is no duplicate)', async () => {
    const { feed, transport, dispatcher, anna } = await feedSetup();
    expect(await feed.ingest(msg(7, 'Продам гараж'))).toEqual({ outcome: 'dropped_keywords' });
    expect(
      await feed.ingestEdit({
        sourceRef: '-1001',
        messageId: 7,
        text: 'СРОЧНО: собрание жильцов вместо продажи гаража',
      }),
    ).toBe(true);
    await dispatcher.drain();
    const [queued] = await feed.queue();
    expect(queued).toMatchObject({
      text: 'СРОЧНО: собрание жильцов вместо продажи гаража',
      origin: { kind: 'monitored', sourceTitle: 'Городской чат' },
      editedAt: expect.any(Number),
    });
    expect(textsOf(transport, anna).at(-1)).toContain('✏️ Изменено');
    // The message counts once, now as queued; the id stays a duplicate for new deliveries.
    expect((await feed.stats()).ingested).toBe(1);
    expect(await feed.ingest(msg(7, 'Продам гараж'))).toEqual({ outcome: 'duplicate' });
    // An edit that still matches nothing queues nothing.
    await feed.ingest(msg(8, 'Продам гараж'));
    expect(await feed.ingestEdit({ sourceRef: '-1001', messageId: 8, text: 'Продам сарай' })).toBe(
      false,
    );
    expect(await feed.queue()).toHaveLength(1);
  });

  it('a message dropped by its score is queued when an edit makes it pass', async () => {
    const { feed } = await feedSetup({ scorer: bracketScorer });
    expect(await feed.ingest(msg(3, 'собрание [0.10]'))).toMatchObject({
      outcome: 'dropped_score',
    });
    expect(
      await feed.ingestEdit({ sourceRef: '-1001', messageId: 3, text: 'собрание [0.20]' }),
    ).toBe(false);
    expect(
      await feed.ingestEdit({ sourceRef: '-1001', messageId: 3, text: 'собрание! [0.90]' }),
    ).toBe(true);
    expect((await feed.queue()).map((i) => i.score?.value)).toEqual([0.9]);
  });

  it('an edit that no longer interests anyone keeps the item for the admins, with its new score', async () => {
    const { feed, dispatcher, transport, anna, reader } = await feedSetup({
      scorer: bracketScorer,
    });
    const { itemId } = await feed.ingest(msg(4, 'собрание [0.90]'));
    await dispatcher.drain();
    expect((await feed.queue())[0]?.interested).toEqual([reader.id]);
    expect(await feed.ingestEdit({ sourceRef: '-1001', messageId: 4, text: 'гараж [0.30]' })).toBe(
      true,
    );
    expect(await feed.getItem(itemId as NonNullable<typeof itemId>)).toMatchObject({
      text: 'гараж [0.30]',
      score: { value: 0.3 },
      interested: [],
      status: 'queued',
    });
    // A failing scorer on the new text: manual review, the stale score gone.
    expect(await feed.ingestEdit({ sourceRef: '-1001', messageId: 4, text: 'собрание' })).toBe(
      true,
    );
    const item = await feed.getItem(itemId as NonNullable<typeof itemId>);
    expect(item).toMatchObject({ score: null, review: { reason: 'failed' } });
    await dispatcher.drain();
    const card = transport.to(anna.platformId).at(-1);
    expect(card?.kind === 'edit' && card.text).toContain('⚠️ Не оценено');
    // An unwatched source changes nothing.
    expect(await feed.ingestEdit({ sourceRef: '-1009', messageId: 4, text: 'собрание' })).toBe(
      false,
    );
  });

  it('a message the feed never saw is judged at its edit', async () => {
    const { feed } = await feedSetup();
    expect(
      await feed.ingestEdit({ sourceRef: '-1001', messageId: 99, text: 'встреча в 15:00' }),
    ).toBe(true);
    expect(await feed.ingestEdit({ sourceRef: '-1001', messageId: 98, text: 'нет такого' })).toBe(
      false,
    );
  });
});
