import { describe, expect, it } from 'vitest';
import { buttonsOf, feedSetup, textsOf } from '../feed/helpers.js';

describe('suggested posts and moderation', () => {
  it('suggest → preview → confirm → cards → approve → channel post → author told, cards revised', async () => {
    const { feed, transport, dispatcher, anna, boris, author } = await feedSetup();
    await feed.suggest({ user: author.id, text: 'Во дворе открыли каток' });
    await dispatcher.drain();
    expect(textsOf(transport, author).at(-1)).toContain('Предпросмотр поста');
    const [confirm] = buttonsOf(transport, author);
    expect(confirm?.text).toBe('Подтвердить');
    await feed.press({ user: author.id, token: confirm?.token ?? '' });
    await dispatcher.drain();
    expect(textsOf(transport, author).at(-1)).toBe('📋 Пост отправлен на модерацию.');

    // Both admins got a card with the text and two buttons.
    for (const admin of [anna, boris]) {
      expect(textsOf(transport, admin).at(-1)).toContain('👤 Предложение');
      expect(buttonsOf(transport, admin).map((b) => b.text)).toEqual([
        '✅ Одобрить',
        '❌ Отклонить',
      ]);
    }
    const [approve] = buttonsOf(transport, anna);
    await feed.press({ user: anna.id, token: approve?.token ?? '' });
    await dispatcher.drain();

    const posts = transport.to('@city_news');
    expect(posts).toMatchObject([{ kind: 'publish', text: 'Во дворе открыли каток' }]);
    expect(textsOf(transport, author).at(-1)).toBe('📢 Ваш пост опубликован в канале.');
    // Every admin's card shows the outcome (approved, then published) and has no buttons.
    for (const admin of [anna, boris]) {
      const edits = transport.to(admin.platformId).filter((m) => m.kind === 'edit');
      expect(edits.map((e) => e.kind === 'edit' && e.text.split('\n\n').at(-1))).toEqual([
        '✅ Одобрено',
        '📢 Опубликовано',
      ]);
      expect(edits.every((e) => e.kind === 'edit' && e.buttons?.length === 0)).toBe(true);
    }
    // Boris's stale button no longer acts.
    await expect(
      feed.press({ user: boris.id, token: buttonsOf(transport, boris)[0]?.token ?? '' }),
    ).rejects.toMatchObject({
      code: 'invalid_state',
    });
    const items = await feed.stats();
    expect(items.suggestions).toMatchObject({ total: 1, approved: 1, approvedShare: 1 });
  });

  it('cancel queues nothing', async () => {
    const { feed, transport, dispatcher, author, anna } = await feedSetup();
    await feed.suggest({ user: author.id, text: 'Черновик' });
    await dispatcher.drain();
    await feed.press({ user: author.id, token: buttonsOf(transport, author)[1]?.token ?? '' });
    await dispatcher.drain();
    expect(await feed.queue()).toEqual([]);
    expect(textsOf(transport, author).at(-1)).toBe('Отменено.');
    expect(transport.to(anna.platformId)).toEqual([]);
  });

  it('reject with a reason: the admin claims, writes the reason, the author hears it; nothing is published', async () => {
    const { feed, transport, dispatcher, anna, boris, author } = await feedSetup();
    await feed.suggest({ user: author.id, text: 'Реклама' });
    await dispatcher.drain();
    await feed.press({ user: author.id, token: buttonsOf(transport, author)[0]?.token ?? '' });
    await dispatcher.drain();
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[1]?.token ?? '' });
    await dispatcher.drain();
    expect(textsOf(transport, anna).at(-1)).toContain('Напишите причину');
    // While Anna holds the claim, Boris cannot approve.
    await expect(
      feed.press({ user: boris.id, token: buttonsOf(transport, boris)[0]?.token ?? '' }),
    ).rejects.toMatchObject({
      code: 'claimed',
    });
    const rejected = await feed.rejectWithReason({ admin: anna.id, text: 'Это реклама' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Это реклама' });
    await dispatcher.drain();
    expect(textsOf(transport, author).at(-1)).toBe('❌ Ваш пост отклонён.\nЭто реклама');
    expect(transport.to('@city_news')).toEqual([]);
    expect(await feed.rejectWithReason({ admin: anna.id, text: 'ещё текст' })).toBeUndefined();
  });

  it('two admins racing: exactly one decision wins', async () => {
    const { feed, transport, dispatcher, anna, boris, author } = await feedSetup();
    await feed.suggest({ user: author.id, text: 'Новость' });
    await dispatcher.drain();
    await feed.press({ user: author.id, token: buttonsOf(transport, author)[0]?.token ?? '' });
    await dispatcher.drain();
    const results = await Promise.allSettled([
      feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' }),
      feed.press({ user: boris.id, token: buttonsOf(transport, boris)[1]?.token ?? '' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await dispatcher.drain();
    expect(transport.to('@city_news').length).toBeLessThanOrEqual(1);
  });

  it('only admins decide', async () => {
    const { feed, author } = await feedSetup();
    await expect(
      feed.decide({ admin: author.id, itemId: 'item1' as never, decision: { type: 'approve' } }),
    ).rejects.toMatchObject({
      code: 'not_admin',
    });
  });

  it('the audit log records every decision', async () => {
    const { feed, transport, dispatcher, anna, author } = await feedSetup();
    await feed.suggest({ user: author.id, text: 'Пост' });
    await dispatcher.drain();
    await feed.press({ user: author.id, token: buttonsOf(transport, author)[0]?.token ?? '' });
    const [item] = await feed.queue();
    await feed.decide({ admin: anna.id, itemId: item?.id as never, decision: { type: 'claim' } });
    await feed.decide({ admin: anna.id, itemId: item?.id as never, decision: { type: 'release' } });
    await feed.decide({ admin: anna.id, itemId: item?.id as never, decision: { type: 'approve' } });
    await dispatcher.drain();
    expect((await feed.getItem(item?.id as never))?.status).toBe('published');
  });
});
