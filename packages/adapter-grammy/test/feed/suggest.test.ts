import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  buttonData,
  expectNoIdentityOf,
  textOf,
  waitForButtons,
  waitForText,
} from '../support/people.js';
import { cardsAbout, waitRevised } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

describe('suggested posts over long polling, SQLite and the emulator', () => {
  it('asks for the text, previews it, queues it on confirm; an approval publishes it anonymously and tells the author', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;
    const post = 'Субботник во дворе в субботу в 10:00, грабли выдадут';

    await alice.command('suggest');
    const question = await waitForText(emu, alice, 'Напишите текст поста');
    expect(question.reply_markup).toBeUndefined(); // force_reply is not an inline keyboard
    await alice.send(post);
    const preview = await waitForButtons(emu, alice);
    expect(textOf(preview)).toContain('Предпросмотр поста');
    expect(textOf(preview)).toContain(post);
    expect(preview.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Подтвердить',
      'Отмена',
    ]);
    await alice.press(preview);
    await waitForText(emu, alice, '📋 Пост отправлен на модерацию');
    await emu.waitFor(
      () =>
        buttonData(alice.received.find((m) => m.message_id === preview.message_id) ?? preview)
          .length === 0,
    );

    // Every admin gets a card: kind, time and text, with [✅ Одобрить] [❌ Отклонить].
    const [first, second] = await cardsAbout(h, post);
    for (const card of [first, second]) {
      expect(textOf(card)).toMatch(/^🆕 👤 Предложение\n🕒 .+\n\n/);
      expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
        '✅ Одобрить',
        '❌ Отклонить',
      ]);
    }

    await admins[0].press(first);
    await emu.waitFor(() => admins[0].callbackAnswers.at(-1)?.text === '✅ Одобрено');
    const published = await emu.waitFor(() => channel.lastPost());
    expect(published.text).toBe(post);
    await waitForText(emu, alice, '📢 Ваш пост опубликован в канале');
    // Both admins' cards now say what happened, without buttons.
    await waitRevised(emu, admins[0], first.message_id, '📢 Опубликовано');
    await waitRevised(emu, admins[1], second.message_id, '📢 Опубликовано');

    // Anonymity: neither the channel nor the admins learn who wrote it; nothing was forwarded.
    const secrets = [String(alice.id), 'alisandra_secret', 'Alisandra', 'Quartz'];
    const posts = JSON.stringify(channel.posts);
    for (const secret of secrets) expect(posts).not.toContain(secret);
    expectNoIdentityOf(admins[0], [alice]);
    expectNoIdentityOf(admins[1], [alice]);
    expect(emu.calls.filter((c) => /^forwardMessages?$/.test(c.method))).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('takes /suggest <text> at once, and a cancel queues nothing', async () => {
    const h = await startFeedHarness();
    const { emu, admins } = h;
    const { bob, carol } = h.people;

    await bob.command('suggest', 'Отключение воды на Лесной в четверг');
    const preview = await waitForButtons(emu, bob);
    await bob.press(preview, buttonData(preview)[1]);
    await waitForText(emu, bob, 'Отменено.');
    await h.feed.dispatcher?.drain();
    expect(await h.feed.queue()).toEqual([]);
    expect(admins[0].received).toEqual([]);

    // A double press of the spent preview changes nothing and says so.
    await bob.press(preview, buttonData(preview)[0]);
    await emu.waitFor(() => bob.callbackAnswers.at(-1)?.text === '⚠️ Это уже обработано.');
    expect(await h.feed.queue()).toEqual([]);

    // English people read English.
    await carol.command('suggest');
    await waitForText(emu, carol, 'Write the text of the post');
    await carol.send('Meeting on Friday');
    await waitForText(emu, carol, 'Post preview:\n\nMeeting on Friday\n\nSend it for moderation?');
    expect(h.errors).toEqual([]);
  });

  it('carries a photo and an album (by file id, never forwarded) to the preview, every card and the channel', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;

    // A photo without a caption is a post too: the admins see the photo itself.
    await alice.command('suggest');
    await waitForText(emu, alice, 'Напишите текст поста');
    const sent = await alice.sendPhoto();
    const preview = await waitForButtons(emu, alice);
    expect(textOf(preview)).toContain('📎 Выше: фото');
    const sentId = sent.photo?.at(-1)?.file_id;
    // The photo right above the preview, sent by the bot.
    const shown = alice.received.find((m) => m.photo !== undefined);
    expect(shown?.photo?.at(-1)?.file_id).toBe(sentId);
    await alice.press(preview);
    await waitForText(emu, alice, 'отправлен на модерацию');
    for (const admin of admins) {
      const card = await emu.waitFor(() =>
        admin.received.find((m) => textOf(m).startsWith('🆕 👤 Предложение')),
      );
      // The photo comes right before the card, with nothing of its author.
      const photo = admin.received.find((m) => m.message_id === card.message_id - 1);
      expect(photo?.photo?.at(-1)?.file_id).toBe(sentId);
      expect(photo?.forward_origin).toBeUndefined();
      expect(photo?.caption).toBeUndefined();
      expect(textOf(card)).toContain('📎 Выше: фото');
    }
    const [card] = await cardsAbout(h, '📎 Выше: фото');
    await admins[0].press(card);
    const photo = await emu.waitFor(() => channel.posts.find((p) => p.photo !== undefined));
    expect(photo.caption).toBeUndefined();
    expect(photo.forward_origin).toBeUndefined();
    expect(photo.photo?.at(-1)?.file_id).toBe(sentId);

    // An album: one suggestion; an album on every card and in the channel, the caption on its first item.
    const before = alice.received.length;
    await alice.command('suggest');
    await waitForText(emu, alice, 'Напишите текст поста', before);
    await alice.sendAlbum([
      { type: 'photo' },
      { type: 'video', caption: 'Фото с праздника двора' },
    ]);
    const albumPreview = await waitForButtons(emu, alice, before);
    expect(textOf(albumPreview)).toContain('📎 Выше: фото, видео\nФото с праздника двора');
    await alice.press(albumPreview);
    const [first, albumCard] = await cardsAbout(h, 'Фото с праздника двора');
    const above = admins[0].received.filter(
      (m) => m.media_group_id !== undefined && m.message_id < first.message_id,
    );
    expect(above.map((m) => (m.photo ? 'photo' : m.video ? 'video' : '?'))).toEqual([
      'photo',
      'video',
    ]);
    expect(above[0]?.media_group_id).toBe(above[1]?.media_group_id);
    await admins[1].press(albumCard);
    await emu.waitFor(() => (channel.posts.length >= 3 ? true : undefined));
    const album = channel.posts.slice(-2);
    expect(album[0]?.caption).toBe('Фото с праздника двора');
    expect(album[0]?.photo).toBeDefined();
    expect(album[1]?.video).toBeDefined();
    expect(album[0]?.media_group_id).toBeDefined();
    expect(album[0]?.media_group_id).toBe(album[1]?.media_group_id);
    await waitForText(emu, alice, '📢 Ваш пост опубликован', before);

    // /suggest as the caption of the photo itself works too.
    await alice.sendPhoto({ caption: '/suggest Ремонт подъезда начался' });
    await waitForText(emu, alice, 'Ремонт подъезда начался');
    // Nothing the bot sent anywhere was a forward.
    expect(emu.calls.filter((c) => c.method.startsWith('forward'))).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('recognises a reply to its question after it forgot it was waiting', async () => {
    const h = await startFeedHarness({ plugin: { suggestWaitMs: 1_000 } });
    const { emu } = h;
    const { dave } = h.people;
    await dave.command('suggest');
    const question = await waitForText(emu, dave, 'Напишите текст поста');
    await sleep(1_100);
    // A plain message is no longer taken as the post…
    await dave.send('Просто сообщение');
    await waitForText(emu, dave, 'Чтобы предложить пост, отправьте /suggest');
    // …but an answer to the question (what Telegram's force_reply makes the next message) is.
    await dave.reply(question, 'Ярмарка выходного дня на площади');
    const preview = await waitForButtons(emu, dave);
    expect(textOf(preview)).toContain('Ярмарка выходного дня на площади');
    expect(h.errors).toEqual([]);
  });
});
