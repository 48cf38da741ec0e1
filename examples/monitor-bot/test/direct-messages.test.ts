import { type Message, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { createMonitorBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';

const textOf = (m: Message) => m.text ?? m.caption ?? '';
const labels = (m: Message) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

describe("the monitor bot and the channel's own direct messages", () => {
  it('suggested post → card → approve / decline natively; a decision in Telegram settles the card', async () => {
    const emu = await startEmulator();
    const news = emu.channel({ title: 'Новости района', username: 'district_news' });
    const inbox = news.directMessages();
    const admin = emu.user({ id: 111, first_name: 'Admin', language_code: 'ru' });
    const other = emu.user({ id: 222, first_name: 'Second', language_code: 'ru' });
    const person = emu.user({
      id: 987_654_321,
      first_name: 'Прасковья',
      username: 'praskovya_private',
    });
    const config = loadConfig({
      CHANNEL_ID: '@district_news',
      ADMIN_IDS: '111,222',
      DATABASE_PATH: ':memory:',
    });
    const app = await createMonitorBot(
      { ...config, botToken: emu.token, apiRoot: emu.apiRoot },
      { dispatcher: { pollIntervalMs: 20 } },
    );
    /** The newest card `who` has about `fragment`, with its buttons. */
    const cardOf = (who: SimulatedUser, fragment: string) =>
      emu.waitFor(
        () => who.received.findLast((m) => textOf(m).includes(fragment) && labels(m).length > 0),
        { message: `${who.user.first_name} to get a card about “${fragment}”` },
      );
    /** `who`'s card `card` once it shows `fragment` and no decision buttons. */
    const revised = (who: SimulatedUser, card: Message, fragment: string) =>
      emu.waitFor(
        () =>
          who.received.find(
            (m) =>
              m.message_id === card.message_id &&
              textOf(m).includes(fragment) &&
              labels(m).every((l) => l === '📄 Весь текст'),
          ),
        { message: `card ${card.message_id} to show “${fragment}”` },
      );
    try {
      await app.start();

      // 1. Approve: approveSuggestedPost, and Telegram publishes the post in the channel.
      const post = await inbox.suggestPost(person, 'Во дворе открыли каток', {
        price: { currency: 'XTR', amount: 100 },
      });
      const card = await cardOf(admin, 'Во дворе открыли каток');
      expect(textOf(card)).toContain('💬 Предложено в личных сообщениях канала · Новости района');
      expect(textOf(card)).toContain('💰 Платный пост: 100 ⭐');
      for (const secret of ['Прасковья', 'praskovya_private', '987654321']) {
        expect(textOf(card)).not.toContain(secret);
      }
      expect(labels(card)[0]).toBe('✅ Одобрить за 100 ⭐');
      const otherCard = await cardOf(other, 'Во дворе открыли каток');
      await admin.press(card);
      const published = await emu.waitFor(() => news.lastPost());
      expect(published).toMatchObject({ text: 'Во дворе открыли каток', is_paid_post: true });
      expect(emu.calls.filter((c) => c.method === 'approveSuggestedPost')).toMatchObject([
        { params: { chat_id: inbox.id, message_id: post.message_id }, status: 200 },
      ]);
      await revised(admin, card, '📢 Одобрено: Telegram публикует пост');
      await revised(other, otherCard, '📢 Одобрено: Telegram публикует пост');

      // 2. Decline with a reason: declineSuggestedPost with that comment.
      const spam = await inbox.suggestPost(person, 'Раскрутка каналов недорого');
      const spamCard = await cardOf(admin, 'Раскрутка каналов');
      const reject = spamCard.reply_markup?.inline_keyboard[0]?.[1];
      await admin.press(spamCard, reject && 'callback_data' in reject ? reject.callback_data : '');
      await emu.waitFor(() =>
        admin.received.find((m) => textOf(m).includes('Напишите причину отказа')),
      );
      await admin.send('Реклама не по теме канала');
      await emu.waitFor(() => inbox.stateOf(spam) === 'declined' || undefined);
      expect(emu.calls.filter((c) => c.method === 'declineSuggestedPost')).toMatchObject([
        {
          params: {
            chat_id: inbox.id,
            message_id: spam.message_id,
            comment: 'Реклама не по теме канала',
          },
          status: 200,
        },
      ]);
      expect(inbox.topic(person).at(-1)?.suggested_post_declined?.comment).toBe(
        'Реклама не по теме канала',
      );
      await revised(admin, spamCard, '❌ Отклонено: Telegram сообщил автору');

      // 3. A decision made in Telegram's own UI settles both admins' cards.
      const fair = await inbox.suggestPost(person, 'Ярмарка в субботу');
      const fairCards = [await cardOf(admin, 'Ярмарка'), await cardOf(other, 'Ярмарка')];
      await inbox.declineInApp(fair, { comment: 'Уже было' });
      await revised(admin, fairCards[0] as Message, '❌ Отклонено в Telegram: Уже было');
      await revised(other, fairCards[1] as Message, '❌ Отклонено в Telegram: Уже было');
      expect(await app.feed.queue()).toEqual([]);
      expect(news.posts.map((p) => p.text)).toEqual(['Во дворе открыли каток']);
    } finally {
      await app.stop();
      await emu.close();
    }
  });
});
