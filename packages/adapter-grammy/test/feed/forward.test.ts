import type { Score, ScoreContext, Scorer } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { buttonData, textOf, waitForText } from '../support/people.js';
import { ask, cardsAbout, waitRevised } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

/** A scorer whose service is down. */
class FailingScorer implements Scorer {
  readonly name = 'failing';
  calls = 0;
  async score(_text: string, _context: ScoreContext): Promise<Score> {
    this.calls++;
    throw new Error('[anonboard] [scorer] 503 from the model');
  }
}

describe('messages forwarded to the bot', () => {
  it('ingests a forward from a watched channel: scored card, approval, subscriber and forwarder told', async () => {
    const h = await startFeedHarness();
    const { emu, source, channel, admins } = h;
    const { bob, dave } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');

    // The bot is not in the source channel: it learns of its posts from forwards.
    source.setBotRights(null);
    const post = await source.post('СРОЧНО: собрание жильцов сегодня в 19:00');
    await dave.forwardFrom({ chat: source, messageId: post.message_id });
    await waitForText(emu, dave, '📋 Сообщение из «Городской чат» отправлено на модерацию.');
    const [card, other] = await cardsAbout(h, 'собрание жильцов');
    expect(textOf(card)).toMatch(
      /^🆕 📤 Пересланное · Городской чат\n🧠 Оценка [01]\.\d\d \(offline\): .+\n🕒 /,
    );

    await admins[0].press(card);
    const published = await emu.waitFor(() => channel.lastPost());
    expect(published.text).toBe('СРОЧНО: собрание жильцов сегодня в 19:00\n\n— Городской чат');
    await waitForText(emu, bob, '📢 Опубликовано по вашей подписке');
    await waitRevised(emu, admins[1], other.message_id, '📢 Опубликовано');
    // Dave forwarded it: he is its author, told like a suggester (not as a subscriber).
    await waitForText(
      emu,
      dave,
      '📢 Пересланное вами сообщение из «Городской чат» опубликовано в канале.',
    );
    expect(dave.received.map(textOf).filter((t) => t.includes('по вашей подписке'))).toEqual([]);

    // The same message again, or a repost of its text, is not queued twice.
    const before = dave.received.length;
    await dave.forwardFrom({ chat: source, messageId: post.message_id });
    await waitForText(emu, dave, 'уже получено', before);
    // A message no subscription asks for is not sent.
    await dave.forwardFrom({ chat: source, text: 'Продам гараж, недорого' });
    await waitForText(emu, dave, 'не подходит ни под одну подписку', before);
    expect(await h.feed.queue()).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('takes a forwarded album as one item: an album above every card and in the channel', async () => {
    const h = await startFeedHarness();
    const { emu, source, channel, admins } = h;
    const { bob, dave } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');
    source.setBotRights(null); // the bot learns of the album from the forward
    const album = await source.postAlbum([
      { type: 'photo' },
      { type: 'photo', caption: 'СРОЧНО: собрание жильцов, фото двора' },
      { type: 'video' },
    ]);
    await dave.forwardAlbumFrom({ chat: source, messageIds: album.map((m) => m.message_id) });
    await waitForText(emu, dave, 'отправлено на модерацию');
    const [card] = await cardsAbout(h, 'фото двора');
    expect(textOf(card)).toContain('📎 Выше: фото, фото, видео');
    const above = admins[0].received.filter(
      (m) => m.media_group_id !== undefined && m.message_id < card.message_id,
    );
    expect(above).toHaveLength(3);
    expect(await h.feed.queue()).toHaveLength(1);
    await admins[0].press(card);
    await emu.waitFor(() => (channel.posts.length === 3 ? true : undefined));
    expect(channel.posts[0]?.caption).toBe(
      'СРОЧНО: собрание жильцов, фото двора\n\n— Городской чат',
    );
    expect(new Set(channel.posts.map((m) => m.media_group_id)).size).toBe(1);
    expect(channel.posts.every((m) => m.forward_origin === undefined)).toBe(true);
    // Told once, for the whole album.
    expect(dave.received.filter((m) => textOf(m).includes('отправлено на модерацию'))).toHaveLength(
      1,
    );
    expect(h.errors).toEqual([]);
  });

  it('drops a message with an excluded word, and sees through disguised words', async () => {
    const h = await startFeedHarness();
    const { emu, source } = h;
    const { bob, dave } = h.people;
    await ask(emu, bob, 'keywords', 'собрание, -реклама', 'кроме сообщений, где есть: «реклама»');

    // «Cобрание» with a Latin C and «рекламa» with a Latin a: folded before matching.
    await dave.forwardFrom({ chat: source, text: 'Cобрание жильцов. Рекламa: продам гараж' });
    await waitForText(emu, dave, 'не подходит ни под одну подписку');
    const before = dave.received.length;
    await dave.forwardFrom({ chat: source, text: 'СРОЧНО: Cобрание жильцов в １９:００' });
    await waitForText(emu, dave, 'отправлено на модерацию', before);
    expect((await h.feed.queue()).map((item) => item.text)).toEqual([
      'СРОЧНО: Cобрание жильцов в １９:００',
    ]);
    expect(h.errors).toEqual([]);
  });

  it('ends at an unwatched channel, and forwards from people are no sources', async () => {
    const h = await startFeedHarness();
    const { emu, unwatched, admins } = h;
    const { alice, bob, carol } = h.people;
    await ask(emu, bob, 'subscribe', '', 'Подписка сохранена');

    await alice.forwardFrom({ chat: unwatched, text: 'СРОЧНО: собрание' });
    await waitForText(emu, alice, '🚫 Источник «Чужой канал» не отслеживается.');
    await alice.forwardFrom({ chat: bob, text: 'СРОЧНО: собрание' });
    await waitForText(emu, alice, 'Принимаются только сообщения, пересланные из каналов.');
    await carol.forwardFrom({ chat: { hiddenUserName: 'Someone' }, text: 'URGENT meeting' });
    await waitForText(emu, carol, 'Only messages forwarded from channels are accepted.');
    await h.feed.dispatcher?.drain();
    expect(await h.feed.queue()).toEqual([]);
    expect(admins[0].received).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('sends an item the scorer failed on to manual review, marked “not scored”', async () => {
    const scorer = new FailingScorer();
    const h = await startFeedHarness({ scorer });
    const { emu, source, channel, admins } = h;
    const { bob, dave } = h.people;
    await ask(emu, bob, 'keywords', 'отключение воды', 'Ключевые слова');

    source.setBotRights(null);
    const post = await source.post('Завтра отключение воды с 9 до 18');
    await dave.forwardFrom({ chat: source, messageId: post.message_id });
    await waitForText(emu, dave, 'отправлено на модерацию');
    const [card] = await cardsAbout(h, 'отключение воды');
    expect(textOf(card)).toContain('⚠️ Не оценено');
    expect(textOf(card)).toContain('нужна ручная проверка');
    expect(scorer.calls).toBe(1);

    // Said in Russian; the scorer's own error stays on the item, for admins.
    expect(textOf(card)).toContain('⚠️ Не оценено: оценщик вернул ошибку — нужна ручная проверка');
    expect(textOf(card)).not.toContain('503');
    const [item] = await h.feed.queue();
    expect(item?.review).toEqual({
      reason: 'failed',
      error: '[anonboard] [scorer] 503 from the model',
    });

    // An admin can still publish it.
    await admins[0].press(card);
    await emu.waitFor(() => channel.lastPost()?.text?.startsWith('Завтра отключение воды'));
    expect(h.errors).toEqual([]);
  });

  it('tells the forwarder of a rejected message, with the reason; the admins never see who it was', async () => {
    const h = await startFeedHarness();
    const { emu, source, admins } = h;
    const { bob, dave } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');
    await dave.forwardFrom({ chat: source, text: 'СРОЧНО: собрание по поводу парковки' });
    await waitForText(emu, dave, 'отправлено на модерацию');
    const [card] = await cardsAbout(h, 'парковки');
    for (const shown of [textOf(card), JSON.stringify(card.reply_markup)]) {
      expect(shown).not.toContain(String(dave.id));
      expect(shown).not.toContain(dave.user.first_name);
    }
    await admins[0].press(card, buttonData(card)[1]); // ❌ Отклонить
    await waitForText(emu, admins[0], 'Напишите причину отказа');
    await admins[0].send('Уже было в канале');
    await waitForText(
      emu,
      dave,
      '❌ Пересланное вами сообщение из «Городской чат» отклонено.\nУже было в канале',
    );
    expect(h.errors).toEqual([]);
  });
});
