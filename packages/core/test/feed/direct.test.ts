import type { DirectOffer, ItemId } from '@anonboard/core';
import { RecordingLogger } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import { buttonsOf, feedSetup, textsOf } from './helpers.js';

const INBOX = '-1001000000002';
const HOUR = 3_600_000;

/** A post suggested in the channel's direct messages. */
function suggestion(messageId: number, text: string, offer: Partial<DirectOffer> = {}) {
  return {
    chatRef: INBOX,
    channelTitle: 'Городские новости',
    messageId,
    text,
    offer: { price: null, sendAt: null, ...offer },
  };
}

describe("posts suggested in the channel's direct messages", () => {
  it('become cards with no author; approve acts natively and the platform publishes', async () => {
    const { feed, transport, dispatcher, anna, boris } = await feedSetup();
    const result = await feed.ingestDirect(suggestion(7, 'Мост открыли после ремонта'));
    expect(result).toMatchObject({ outcome: 'queued', itemId: expect.any(String) });
    await dispatcher.drain();
    for (const admin of [anna, boris]) {
      const card = textsOf(transport, admin).at(-1) ?? '';
      expect(card).toContain('💬 Предложено в личных сообщениях канала · Городские новости');
      expect(card).toContain('Мост открыли после ремонта');
      expect(buttonsOf(transport, admin).map((b) => b.text)).toEqual([
        '✅ Одобрить',
        '❌ Отклонить',
        '🕐 Одобрить, выпустить через 1 ч',
        '🕐 Одобрить, выпустить через 24 ч',
      ]);
    }
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to(INBOX)).toEqual([{ kind: 'approveSuggestion', chat: INBOX, messageId: 7 }]);
    // The bot publishes nothing itself, and there is no author to tell: the platform does both.
    expect(transport.to('@city_news')).toEqual([]);
    const item = await feed.getItem(result.itemId as ItemId);
    expect(item).toMatchObject({ status: 'published', decidedBy: anna.id });
    for (const admin of [anna, boris]) {
      const edits = transport.to(admin.platformId).filter((m) => m.kind === 'edit');
      expect(edits.at(-1)).toMatchObject({
        text: expect.stringContaining(
          '📢 Одобрено: Telegram публикует пост в канале и сообщает автору',
        ),
        buttons: [],
      });
    }
    // Telegram's own service message about that approval changes nothing more.
    const before = transport.sent.length;
    expect(
      await feed.directDecided({ chatRef: INBOX, messageId: 7, outcome: 'approved' }),
    ).toMatchObject({ status: 'published', decidedBy: anna.id });
    await dispatcher.drain();
    expect(transport.sent).toHaveLength(before);
  });

  it('schedules: a time button approves with a send time after the press', async () => {
    const { feed, transport, dispatcher, anna, clock } = await feedSetup();
    await feed.ingestDirect(suggestion(8, 'Концерт в парке'));
    await dispatcher.drain();
    clock.advance(60_000);
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[3]?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to(INBOX)).toEqual([
      { kind: 'approveSuggestion', chat: INBOX, messageId: 8, sendAt: clock.now() + 24 * HOUR },
    ]);
  });

  it('refuses a send time in the past or too far ahead, and schedules only suggested posts', async () => {
    const { feed, anna, clock } = await feedSetup({ directMessages: { plainMessages: true } });
    const { itemId } = await feed.ingestDirect(suggestion(9, 'Позже'));
    for (const sendAt of [clock.now(), clock.now() - 1, clock.now() + 2_678_400_001]) {
      await expect(
        feed.decide({
          admin: anna.id,
          itemId: itemId as ItemId,
          decision: { type: 'approve', sendAt },
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    }
    expect((await feed.getItem(itemId as ItemId))?.status).toBe('queued');
    const plain = await feed.ingestDirect({ ...suggestion(10, 'Вопрос'), offer: null });
    await expect(
      feed.decide({
        admin: anna.id,
        itemId: plain.itemId as ItemId,
        decision: { type: 'approve', sendAt: clock.now() + HOUR },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('offers no time buttons when the author proposed a time, and shows that time', async () => {
    const { feed, transport, dispatcher, anna, clock } = await feedSetup();
    await feed.ingestDirect(suggestion(11, 'Ярмарка', { sendAt: clock.now() + 2 * HOUR }));
    await dispatcher.drain();
    expect(textsOf(transport, anna).at(-1)).toContain(
      '📅 Автор просит опубликовать: 01.01.2026, 02:00 (UTC)',
    );
    expect(buttonsOf(transport, anna).map((b) => b.text)).toEqual(['✅ Одобрить', '❌ Отклонить']);
  });

  it('declines natively with the reason as the comment; a reason too long for it is refused', async () => {
    const { feed, transport, dispatcher, anna, boris } = await feedSetup();
    const { itemId } = await feed.ingestDirect(suggestion(12, 'Реклама казино'));
    await dispatcher.drain();
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[1]?.token ?? '' });
    await dispatcher.drain();
    expect(textsOf(transport, anna).at(-1)).toContain('не больше 128 символов');
    await expect(
      feed.rejectWithReason({ admin: anna.id, text: 'x'.repeat(129) }),
    ).rejects.toMatchObject({ code: 'text_too_long', details: { max: 128 } });
    expect(await feed.getItem(itemId as ItemId)).toMatchObject({
      status: 'claimed',
      claimedBy: anna.id,
    });
    const reason = `${'y'.repeat(118)} — реклама`;
    expect(reason).toHaveLength(128);
    await feed.rejectWithReason({ admin: anna.id, text: reason });
    await dispatcher.drain();
    expect(transport.to(INBOX)).toEqual([
      { kind: 'declineSuggestion', chat: INBOX, messageId: 12, comment: reason },
    ]);
    for (const admin of [anna, boris]) {
      const edit = transport
        .to(admin.platformId)
        .filter((m) => m.kind === 'edit')
        .at(-1);
      expect(edit).toMatchObject({
        text: expect.stringContaining(`❌ Отклонено: Telegram сообщил автору: ${reason}`),
        buttons: [],
      });
    }
  });

  it('shows the price of a paid post and approves it only at the price its card showed', async () => {
    const { feed, transport, dispatcher, anna, boris } = await feedSetup();
    const price = { currency: 'XTR', amount: 100 } as const;
    const { itemId } = await feed.ingestDirect(suggestion(13, 'Платная реклама', { price }));
    await dispatcher.drain();
    expect(textsOf(transport, anna).at(-1)).toContain(
      '💰 Платный пост: 100 ⭐ — одобрение принимает оплату',
    );
    expect(buttonsOf(transport, anna)[0]?.text).toBe('✅ Одобрить за 100 ⭐');
    // No approval without the price: not from code, not at another price.
    const id = itemId as ItemId;
    for (const decision of [
      { type: 'approve' },
      { type: 'approve', price: { currency: 'XTR', amount: 99 } },
      { type: 'approve', price: { currency: 'TON', amount: 100 } },
    ] as const) {
      await expect(feed.decide({ admin: anna.id, itemId: id, decision })).rejects.toMatchObject({
        code: 'invalid_state',
      });
    }
    // The author raises the price: older buttons no longer approve, the revised card's do.
    const stale = buttonsOf(transport, boris)[0]?.token ?? '';
    const raised = { currency: 'XTR', amount: 500 } as const;
    expect(
      await feed.ingestDirectEdit({
        chatRef: INBOX,
        messageId: 13,
        text: 'Платная реклама!',
        offer: { price: raised, sendAt: null },
      }),
    ).toBe(true);
    await dispatcher.drain();
    await expect(feed.press({ user: boris.id, token: stale })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    const revised = transport
      .to(boris.platformId)
      .filter((m) => m.kind === 'edit')
      .at(-1);
    expect(revised).toMatchObject({
      text: expect.stringContaining('✏️ Автор изменил пост'),
    });
    expect(revised?.kind === 'edit' && revised.text).toContain('500 ⭐');
    const fresh = revised?.kind === 'edit' ? revised.buttons?.[0]?.[0] : undefined;
    expect(fresh?.text).toBe('✅ Одобрить за 500 ⭐');
    await feed.press({ user: boris.id, token: fresh?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to(INBOX)).toEqual([
      { kind: 'approveSuggestion', chat: INBOX, messageId: 13 },
    ]);
    expect(await feed.getItem(id)).toMatchObject({ status: 'published', text: 'Платная реклама!' });
  });

  it("settles on a decision made in Telegram's UI and revises every card", async () => {
    const { feed, transport, dispatcher, anna, boris } = await feedSetup();
    const first = await feed.ingestDirect(suggestion(14, 'Первый'));
    const second = await feed.ingestDirect(suggestion(15, 'Второй'));
    await dispatcher.drain();
    const annaButtons = buttonsOf(transport, anna);
    expect(
      await feed.directDecided({ chatRef: INBOX, messageId: 14, outcome: 'approved' }),
    ).toMatchObject({ status: 'published', decidedBy: null });
    expect(
      await feed.directDecided({
        chatRef: INBOX,
        messageId: 15,
        outcome: 'declined',
        comment: 'Не по теме',
      }),
    ).toMatchObject({ status: 'rejected', decidedBy: null, reason: 'Не по теме' });
    await dispatcher.drain();
    for (const admin of [anna, boris]) {
      const edits = transport
        .to(admin.platformId)
        .filter((m) => m.kind === 'edit')
        .map((m) => (m.kind === 'edit' ? m.text.split('\n\n').at(-1) : ''));
      expect(edits).toEqual(['📢 Одобрено в Telegram', '❌ Отклонено в Telegram: Не по теме']);
    }
    // Nothing native was sent: Telegram decided; the stale buttons no longer act.
    expect(transport.to(INBOX)).toEqual([]);
    await expect(
      feed.press({ user: anna.id, token: annaButtons[0]?.token ?? '' }),
    ).rejects.toMatchObject({ code: 'invalid_state' });
    expect(await feed.queue()).toEqual([]);
    // A decision about a post nobody queued is no one's business.
    expect(
      await feed.directDecided({ chatRef: INBOX, messageId: 99, outcome: 'approved' }),
    ).toBeUndefined();
    const stats = await feed.report({ period: 'day' });
    expect(stats.counts).toMatchObject({ approved: 1, rejected: 1 });
    expect(first.itemId).not.toBe(second.itemId);
  });

  it("the platform's decision wins over the bot's when they cross", async () => {
    const logger = new RecordingLogger();
    const { feed, transport, dispatcher, anna, boris } = await feedSetup({ logger });
    const { itemId } = await feed.ingestDirect(suggestion(16, 'Спорный пост'));
    await dispatcher.drain();
    // Anna rejects here while another admin approves in Telegram first: Telegram refuses the
    // decline, and its service message settles the item as approved.
    await feed.decide({
      admin: anna.id,
      itemId: itemId as ItemId,
      decision: { type: 'reject', reason: null },
    });
    await feed.directDecided({ chatRef: INBOX, messageId: 16, outcome: 'approved' });
    transport.failNext(INBOX, {
      kind: 'rejected',
      reason: "Bad Request: message can't be used in the method",
    });
    await dispatcher.drain();
    expect(await feed.getItem(itemId as ItemId)).toMatchObject({
      status: 'published',
      decidedBy: null,
    });
    const last = transport
      .to(boris.platformId)
      .filter((m) => m.kind === 'edit')
      .at(-1);
    expect(last?.kind === 'edit' && last.text.split('\n\n').at(-1)).toBe('📢 Одобрено в Telegram');
  });

  it('a native decision Telegram refuses puts the post back in the queue, saying why', async () => {
    const logger = new RecordingLogger();
    const { feed, transport, dispatcher, anna, boris } = await feedSetup({ logger });
    const { itemId } = await feed.ingestDirect(suggestion(17, 'Без прав'));
    await dispatcher.drain();
    transport.failNext(INBOX, {
      kind: 'rejected',
      reason: "Bad Request: message can't be used in the method",
    });
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await dispatcher.drain();
    expect(await feed.getItem(itemId as ItemId)).toMatchObject({ status: 'queued' });
    for (const admin of [anna, boris]) {
      const edit = transport
        .to(admin.platformId)
        .filter((m) => m.kind === 'edit')
        .at(-1);
      expect(edit?.kind === 'edit' && edit.text).toMatch(
        /^⚠️ Telegram не принял решение \(Bad Request: message can't be used in the method\)/,
      );
      expect(edit?.kind === 'edit' && edit.buttons?.flat().map((b) => b.text)).toContain(
        '✅ Одобрить',
      );
    }
    expect(logger.at('warn').map((l) => l.message)).toContain(
      'the platform refused a decision about a suggested post: it waits again',
    );
    // The revised card's buttons work: the second try goes through.
    const edit = transport
      .to(anna.platformId)
      .filter((m) => m.kind === 'edit')
      .at(-1);
    const approve = edit?.kind === 'edit' ? edit.buttons?.[0]?.[0]?.token : undefined;
    await feed.press({ user: anna.id, token: approve ?? '' });
    await dispatcher.drain();
    expect(await feed.getItem(itemId as ItemId)).toMatchObject({ status: 'published' });
  });

  it('counts a message once, and takes plain messages only when asked', async () => {
    const { feed } = await feedSetup();
    expect((await feed.ingestDirect(suggestion(18, 'Раз'))).outcome).toBe('queued');
    expect((await feed.ingestDirect(suggestion(18, 'Раз'))).outcome).toBe('duplicate');
    expect(await feed.ingestDirect({ ...suggestion(19, 'Просто вопрос'), offer: null })).toEqual({
      outcome: 'ignored',
    });
    expect(await feed.queue()).toHaveLength(1);

    const plain = await feedSetup({ directMessages: { plainMessages: true } });
    const { itemId } = await plain.feed.ingestDirect({ ...suggestion(20, 'Новость'), offer: null });
    await plain.dispatcher.drain();
    expect(textsOf(plain.transport, plain.anna).at(-1)).toContain(
      '✉️ Сообщение в личных сообщениях канала · Городские новости',
    );
    await plain.feed.press({
      user: plain.anna.id,
      token: buttonsOf(plain.transport, plain.anna)[0]?.token ?? '',
    });
    await plain.dispatcher.drain();
    // A plain message is no suggestion: approving it publishes its text as the channel's post.
    expect(plain.transport.to('@city_news')).toMatchObject([{ kind: 'publish', text: 'Новость' }]);
    expect(plain.transport.to(INBOX)).toEqual([]);
    expect(await plain.feed.getItem(itemId as ItemId)).toMatchObject({ status: 'published' });
  });

  it('in score mode applies the rules of the sources: keywords, score, thresholds', async () => {
    const { feed, transport, dispatcher, anna, reader } = await feedSetup({
      directMessages: { mode: 'score' },
    });
    expect((await feed.ingestDirect(suggestion(21, 'Продам гараж'))).outcome).toBe(
      'dropped_keywords',
    );
    const queued = await feed.ingestDirect(suggestion(22, 'СРОЧНО: собрание жильцов в 19:00'));
    expect(queued).toMatchObject({ outcome: 'queued', score: { value: expect.any(Number) } });
    await dispatcher.drain();
    expect(textsOf(transport, anna).at(-1)).toContain('🧠 Оценка');
    expect(await feed.getItem(queued.itemId as ItemId)).toMatchObject({
      interested: [reader.id],
    });
    const report = await feed.report({ period: 'day' });
    expect(report.counts.ingested).toBe(2);
    expect(report.bySource).toEqual([
      expect.objectContaining({
        source: { id: `direct:${INBOX}`, title: 'Городские новости', direct: true },
        ingested: 2,
        queued: 1,
      }),
    ]);
  });

  it('keeps every card within the platform limit, with the whole text on request', async () => {
    const { feed, transport, dispatcher, anna, clock } = await feedSetup();
    const text = 'Очень длинный пост. '.repeat(205).slice(0, 4096);
    await feed.ingestDirect(
      suggestion(23, text, {
        price: { currency: 'TON', amount: 1_500_000_000 },
        sendAt: clock.now() + HOUR,
      }),
    );
    await dispatcher.drain();
    const card = textsOf(transport, anna).at(-1) ?? '';
    expect(card.length).toBeLessThanOrEqual(4096);
    expect(card).toContain('💰 Платный пост: 1.5 TON');
    expect(buttonsOf(transport, anna).map((b) => b.text)).toEqual([
      '✅ Одобрить за 1.5 TON',
      '❌ Отклонить',
      '📄 Весь текст',
    ]);
  });
});
