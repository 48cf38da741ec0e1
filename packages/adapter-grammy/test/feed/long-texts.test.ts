import type { Emulator, Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { buttonData, textOf, waitForButtons, waitForText } from '../support/people.js';
import { ask, cardsAbout, waitRevised } from './support/flows.js';
import { type FeedHarness, startFeedHarness } from './support/harness.js';

/** Telegram's limit on a message's text. */
const LIMIT = 4096;

/** Exactly `length` characters of paragraphs of sentences, as a long post is written. */
function longText(length: number, seed: string): string {
  const sentence = `${seed}: собрание жильцов дома номер пять состоится в среду вечером. `;
  let text = '';
  for (let i = 1; text.length < length; i++) text += i % 4 === 0 ? `${sentence}\n\n` : sentence;
  // Ends in a letter: a suggestion is trimmed, and must keep its length.
  return `${text.slice(0, length - 1)}я`;
}

/** Every call to the Bot API was accepted: nothing the bot built was refused. */
function expectNothingRefused(emu: Emulator): void {
  expect(emu.calls.filter((call) => call.status !== 200).map((c) => c.description)).toEqual([]);
}

/** Words of a text, whitespace-blind: how a post split into parts is compared with the whole. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The message whose buttons include one labelled `label`. */
function buttonLabelled(message: Message, label: string): string {
  const button = message.reply_markup?.inline_keyboard
    .flat()
    .find((b) => b.text === label && 'callback_data' in b);
  if (button === undefined || !('callback_data' in button)) {
    throw new Error(`no button “${label}” under: ${textOf(message).slice(0, 80)}`);
  }
  return button.callback_data as string;
}

async function suggest(h: FeedHarness, author: SimulatedUser, text: string): Promise<Message> {
  const before = author.received.length;
  await author.command('suggest');
  await waitForText(h.emu, author, 'Напишите текст поста', before);
  await author.send(text);
  return waitForButtons(h.emu, author, before);
}

describe('texts at Telegram’s limits', () => {
  it('takes a 4,000-character suggestion from input to the admins’ cards to the channel', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;
    const text = longText(4000, 'Четыре тысячи');
    expect(text).toHaveLength(4000);

    const preview = await suggest(h, alice, text);
    expect(textOf(preview)).toContain(text);
    await alice.press(preview, buttonLabelled(preview, 'Подтвердить'));
    await waitForText(emu, alice, '📋 Пост отправлен на модерацию.');
    const [card, other] = await cardsAbout(h, text.slice(0, 200));
    expect(textOf(card)).toContain(text);
    expect(textOf(card).length).toBeLessThanOrEqual(LIMIT);

    await admins[0].press(card, buttonLabelled(card, '✅ Одобрить'));
    const post = await emu.waitFor(() => channel.lastPost());
    expect(post.text).toBe(text);
    await waitForText(emu, alice, '📢 Ваш пост опубликован в канале.');
    await waitRevised(emu, admins[1], other.message_id, '📢 Опубликовано');
    expectNothingRefused(emu);
    expect(h.errors).toEqual([]);
  });

  it('shortens a 4,096-character preview and card visibly, shows the whole on request, and carries a long reason', async () => {
    const h = await startFeedHarness();
    const { emu, admins } = h;
    const { alice } = h.people;
    const text = longText(LIMIT, 'Предел');

    // The preview cannot hold the text and its question: shortened, with the whole on request.
    const preview = await suggest(h, alice, text);
    expect(textOf(preview).length).toBeLessThanOrEqual(LIMIT);
    expect(textOf(preview)).toMatch(
      /…\n\n✂️ Показано \d+ из 4096 символов\.\n\nОтправить на модерацию\?$/,
    );
    const before = alice.received.length;
    await alice.press(preview, buttonLabelled(preview, '📄 Весь текст'));
    await emu.waitFor(() => alice.received.slice(before).find((m) => textOf(m) === text));
    // Reading it changed nothing: the preview keeps its buttons, and a confirm still works.
    const kept = alice.received.find((m) => m.message_id === preview.message_id);
    expect(kept === undefined ? [] : buttonData(kept)).toHaveLength(3);
    await alice.press(preview, buttonLabelled(preview, 'Подтвердить'));
    await waitForText(emu, alice, '📋 Пост отправлен на модерацию.');

    const [card] = await cardsAbout(h, text.slice(0, 200));
    expect(textOf(card).length).toBeLessThanOrEqual(LIMIT);
    expect(textOf(card)).toMatch(/^🆕 👤 Предложение\n🕒 .+\(UTC\)\n\nПредел: /);
    expect(textOf(card)).toMatch(/…\n\n✂️ Показано \d+ из 4096 символов\.$/);
    // [📄 Весь текст] can be pressed again and again.
    const admin = admins[0];
    for (const round of [1, 2]) {
      const seen = admin.received.length;
      await admin.press(card, buttonLabelled(card, '📄 Весь текст'));
      await emu.waitFor(() => admin.received.slice(seen).find((m) => textOf(m) === text), {
        message: `the whole text, round ${round}`,
      });
    }

    // A reason as long as a message reaches the author and the cards, shortened where need be.
    const reason = longText(4000, 'Причина');
    await admin.press(card, buttonLabelled(card, '❌ Отклонить'));
    await waitForText(emu, admin, 'Напишите причину отказа');
    await admin.send(reason);
    const told = await waitForText(emu, alice, '❌ Ваш пост отклонён.');
    expect(textOf(told).length).toBeLessThanOrEqual(LIMIT);
    expect(textOf(told)).toContain(reason.slice(0, 2000));
    const revised = await waitRevised(emu, admin, card.message_id, '❌ Отклонено: Причина');
    expect(textOf(revised).length).toBeLessThanOrEqual(LIMIT);
    expect(buttonData(revised)).toHaveLength(1);
    const echo = await waitForText(emu, admin, '❌ Отклонено. Причина:');
    expect(textOf(echo).length).toBeLessThanOrEqual(LIMIT);
    expectNothingRefused(emu);
    expect(h.errors).toEqual([]);
  });

  it('takes a 4,096-character monitored post to the cards, and to the channel whole, in ordered parts', async () => {
    const h = await startFeedHarness();
    const { emu, source, channel, admins } = h;
    const { bob } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');
    const text = longText(LIMIT, 'Мониторинг');

    // Posted in the watched channel, where the bot is an administrator: a channel_post update.
    await source.post(text);
    const [card, other] = await cardsAbout(h, text.slice(0, 200));
    for (const shown of [card, other]) {
      expect(textOf(shown).length).toBeLessThanOrEqual(LIMIT);
      expect(textOf(shown)).toMatch(/^🆕 📡 Мониторинг · Городской чат\n🧠 Оценка /);
      expect(textOf(shown)).toMatch(/✂️ Показано \d+ из 4096 символов\.$/);
    }
    const seen = admins[1].received.length;
    await admins[1].press(other, buttonLabelled(other, '📄 Весь текст'));
    await emu.waitFor(() => admins[1].received.slice(seen).find((m) => textOf(m) === text));

    await admins[0].press(card, buttonLabelled(card, '✅ Одобрить'));
    await waitRevised(emu, admins[1], other.message_id, '📢 Опубликовано');
    const posts = channel.posts.map((p) => p.text ?? '');
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(post.length).toBeLessThanOrEqual(LIMIT);
    expect(words(posts.join('\n'))).toEqual(words(`${text}\n\n— Городской чат`));
    expect(posts[0]?.startsWith('Мониторинг: собрание')).toBe(true);
    expect(posts[1]?.endsWith('\n\n— Городской чат')).toBe(true);
    // The subscriber's notice shows what fits and says the whole is in the channel.
    const notice = await waitForText(emu, bob, '📢 Опубликовано по вашей подписке');
    expect(textOf(notice).length).toBeLessThanOrEqual(LIMIT);
    expect(textOf(notice)).toMatch(/символов: целиком — в канале\.$/);
    expectNothingRefused(emu);
    expect(h.errors).toEqual([]);
  });

  it('takes a forwarded 4,096-character channel post to the cards without losing it', async () => {
    const h = await startFeedHarness();
    const { emu, source, channel, admins } = h;
    const { bob, dave } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');
    const text = longText(LIMIT, 'Пересланное');
    source.setBotRights(null); // it learns of the post from a forward
    const post = await source.post(text);
    await dave.forwardFrom({ chat: source, messageId: post.message_id });
    await waitForText(emu, dave, 'отправлено на модерацию');
    const [card] = await cardsAbout(h, text.slice(0, 200));
    expect(textOf(card).length).toBeLessThanOrEqual(LIMIT);
    await admins[0].press(card, buttonLabelled(card, '✅ Одобрить'));
    await emu.waitFor(() => channel.posts.at(-1)?.text?.endsWith('— Городской чат'));
    expect(words(channel.posts.map((p) => p.text ?? '').join('\n'))).toEqual(
      words(`${text}\n\n— Городской чат`),
    );
    expectNothingRefused(emu);
    expect(h.errors).toEqual([]);
  });

  it('never tells an author “sent to moderation” when no admin could see it', async () => {
    const h = await startFeedHarness();
    const { emu, feed } = h;
    const { alice } = h.people;
    await feed.configure({ admins: [] });
    const preview = await suggest(h, alice, 'Пост, который некому проверить');
    await alice.press(preview, buttonLabelled(preview, 'Подтвердить'));
    await emu.waitFor(() =>
      alice.callbackAnswers.find((a) => a.text?.includes('Сейчас пост некому проверить')),
    );
    await feed.dispatcher?.drain();
    expect(alice.received.map(textOf).filter((t) => t.includes('отправлен на модерацию'))).toEqual(
      [],
    );
    expect(await feed.queue()).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
