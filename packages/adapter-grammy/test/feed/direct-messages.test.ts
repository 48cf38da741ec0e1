import type { Message } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { buttonData, textOf, waitForButtons } from '../support/people.js';
import { cardsAbout, waitRevised } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

/** Everything a card shows an admin: its text and its buttons' labels and data. */
function everything(card: Message): string {
  const buttons = (card.reply_markup?.inline_keyboard ?? []).flat();
  return [
    textOf(card),
    ...buttons.map((b) => b.text),
    ...buttons.map((b) => ('callback_data' in b ? (b.callback_data ?? '') : '')),
  ].join('\n');
}

/** The labels of a card's buttons. */
function labels(card: Message): string[] {
  return (card.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}

describe("posts suggested in the channel's direct messages", () => {
  it('reach admins as cards naming nobody; [Approve] approves natively and Telegram publishes', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;
    const inbox = channel.directMessages();
    const post = await inbox.suggestPost(alice, 'Мост открыли после ремонта');

    const [first, second] = await cardsAbout(h, 'Мост открыли после ремонта');
    for (const card of [first, second]) {
      expect(textOf(card)).toContain('💬 Предложено в личных сообщениях канала · Новости района');
      // Nothing of the author: not their name, username, id or topic.
      const shown = everything(card);
      for (const secret of ['Alisandra', 'Quartz', 'alisandra_secret', String(alice.id)]) {
        expect(shown).not.toContain(secret);
      }
      for (const data of buttonData(card)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    }
    expect(labels(first)).toEqual([
      '✅ Одобрить',
      '❌ Отклонить',
      '🕐 Одобрить, выпустить через 1 ч',
      '🕐 Одобрить, выпустить через 24 ч',
    ]);

    await admins[0].press(first);
    const published = await emu.waitFor(() => channel.lastPost());
    expect(published.text).toBe('Мост открыли после ремонта');
    expect(inbox.stateOf(post)).toBe('approved');
    expect(emu.calls.filter((c) => c.method === 'approveSuggestedPost')).toMatchObject([
      { params: { chat_id: inbox.id, message_id: post.message_id }, status: 200 },
    ]);
    // Telegram told the author in their topic; the bot wrote nothing there itself.
    expect(inbox.topic(alice).at(-1)?.suggested_post_approved).toBeDefined();
    expect(inbox.messages.filter((m) => m.from?.is_bot === true && !m.sender_chat)).toEqual([]);
    const done = '📢 Одобрено: Telegram публикует пост в канале и сообщает автору';
    await waitRevised(emu, admins[0], first.message_id, done);
    await waitRevised(emu, admins[1], second.message_id, done);
    expect(h.errors).toEqual([]);
  });

  it('a suggested photo goes above every card, by file id, naming nobody', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;
    const inbox = channel.directMessages();
    const post = await inbox.suggestPost(alice, { type: 'photo', caption: 'Закат над заливом' });
    const [first] = await cardsAbout(h, 'Закат над заливом');
    expect(textOf(first)).toContain('📎 Выше: фото');
    const photo = admins[0].received.find((m) => m.message_id === first.message_id - 1);
    expect(photo?.photo?.at(-1)?.file_id).toBe(post.photo?.at(-1)?.file_id);
    expect(photo?.forward_origin).toBeUndefined();
    expect(JSON.stringify(photo)).not.toContain(String(alice.id));
    expect(emu.calls.filter((c) => c.method.startsWith('forward'))).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('a rejection with a reason declines natively with that comment', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { bob } = h.people;
    const inbox = channel.directMessages();
    const post = await inbox.suggestPost(bob, 'Казино, бонус 500%');
    const [card, other] = await cardsAbout(h, 'Казино');
    const [admin] = admins;
    await admin.press(card, buttonData(card)[1]);
    const question = await waitForButtons(emu, admin, admin.received.indexOf(card) + 1);
    expect(textOf(question)).toContain('не больше 128 символов');
    // Longer than Telegram's comment: refused, nothing declined yet.
    await admin.send('x'.repeat(129));
    await emu.waitFor(() =>
      admin.received.some((m) => textOf(m).includes('не больше 128 символов.')),
    );
    expect(inbox.stateOf(post)).toBe('pending');
    await admin.send('Реклама азартных игр');
    await emu.waitFor(() => inbox.stateOf(post) === 'declined' || undefined);
    expect(emu.calls.filter((c) => c.method === 'declineSuggestedPost')).toMatchObject([
      {
        params: { chat_id: inbox.id, message_id: post.message_id, comment: 'Реклама азартных игр' },
        status: 200,
      },
    ]);
    expect(inbox.topic(bob).at(-1)?.suggested_post_declined?.comment).toBe('Реклама азартных игр');
    const done = '❌ Отклонено: Telegram сообщил автору: Реклама азартных игр';
    await waitRevised(emu, admin, card.message_id, done);
    await waitRevised(emu, admins[1], other.message_id, done);
    expect(channel.posts).toEqual([]);
  });

  it("a decision made in Telegram's own UI settles every card", async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { carol, dave } = h.people;
    const inbox = channel.directMessages();
    const good = await inbox.suggestPost(carol, 'Ярмарка в субботу');
    const bad = await inbox.suggestPost(dave, 'Куплю подписчиков');
    const goodCards = await cardsAbout(h, 'Ярмарка в субботу');
    const badCards = await cardsAbout(h, 'Куплю подписчиков');

    await inbox.approveInApp(good);
    await inbox.declineInApp(bad, { comment: 'Не по теме' });
    for (const [i, admin] of admins.entries()) {
      await waitRevised(emu, admin, goodCards[i]?.message_id ?? 0, '📢 Одобрено в Telegram');
      await waitRevised(
        emu,
        admin,
        badCards[i]?.message_id ?? 0,
        '❌ Отклонено в Telegram: Не по теме',
      );
    }
    expect((await emu.waitFor(() => channel.lastPost())).text).toBe('Ярмарка в субботу');
    // The bot decided nothing itself, and nothing waits any more.
    expect(
      emu.calls.filter(
        (c) => c.method === 'approveSuggestedPost' || c.method === 'declineSuggestedPost',
      ),
    ).toEqual([]);
    expect(await h.feed.queue()).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('shows a paid post’s price and schedules with a time button', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;
    const inbox = channel.directMessages();
    const post = await inbox.suggestPost(alice, 'Реклама кофейни', {
      price: { currency: 'XTR', amount: 250 },
    });
    const [card] = await cardsAbout(h, 'Реклама кофейни');
    expect(textOf(card)).toContain('💰 Платный пост: 250 ⭐ — одобрение принимает оплату');
    expect(labels(card).slice(0, 2)).toEqual(['✅ Одобрить за 250 ⭐', '❌ Отклонить']);
    await admins[0].press(card, buttonData(card)[2]);
    await emu.waitFor(() => inbox.stateOf(post) === 'approved' || undefined);
    const [call] = emu.calls.filter((c) => c.method === 'approveSuggestedPost');
    const sendDate = Number((call?.params as { send_date?: number }).send_date);
    expect(sendDate - Math.floor(Date.now() / 1000)).toBeGreaterThan(3500);
    expect(sendDate - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(3601);
    // Scheduled: Telegram holds it until then.
    expect(channel.posts).toEqual([]);
    expect(channel.scheduled).toMatchObject([
      { sendDate, price: { currency: 'XTR', amount: 250 } },
    ]);
  });

  it('a decision Telegram refuses puts the post back in the queue, saying why', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { bob } = h.people;
    const inbox = channel.directMessages();
    const post = await inbox.suggestPost(bob, 'Без прав на публикацию');
    const [card] = await cardsAbout(h, 'Без прав на публикацию');
    channel.setBotRights({ can_post_messages: false });
    await admins[0].press(card);
    // The refusal goes round the outbox (a 400, the item reopened, the cards revised).
    const reopened = await emu.waitFor(
      () =>
        admins[0].received.find(
          (m) =>
            m.message_id === card.message_id &&
            textOf(m).startsWith('⚠️ Telegram не принял решение') &&
            labels(m).includes('✅ Одобрить'),
        ),
      { timeout: 15_000, message: 'the card reopened with the refusal' },
    );
    expect(textOf(reopened)).toContain("message can't be used in the method");
    expect(inbox.stateOf(post)).toBe('pending');
    // With the right back, the reopened card's button works.
    channel.setBotRights({ can_post_messages: true });
    await admins[0].press(reopened);
    await emu.waitFor(() => inbox.stateOf(post) === 'approved' || undefined);
    expect((await emu.waitFor(() => channel.lastPost())).text).toBe('Без прав на публикацию');
  });

  it("leaves plain messages and other channels' direct messages alone", async () => {
    const h = await startFeedHarness();
    const { emu, channel, unwatched, admins } = h;
    const { alice } = h.people;
    await channel.directMessages().send(alice, 'Просто вопрос админам');
    await unwatched.directMessages().suggestPost(alice, 'В чужой канал');
    const marker = await channel.directMessages().suggestPost(alice, 'Метка');
    await cardsAbout(h, 'Метка');
    await emu.idle();
    for (const admin of admins) {
      const texts = admin.received.map(textOf).join('\n');
      expect(texts).not.toContain('Просто вопрос');
      expect(texts).not.toContain('В чужой канал');
    }
    expect(await h.feed.queue()).toMatchObject([
      { origin: { kind: 'direct', messageId: marker.message_id } },
    ]);
    expect(h.errors).toEqual([]);
  });
});
