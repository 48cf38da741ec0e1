import { describe, expect, it } from 'vitest';
import { type HarnessOptions, startHarness } from './support/harness.js';
import {
  ask,
  buttonData,
  expectNoIdentityOf,
  openChat,
  people,
  publishAd,
  textOf,
  waitForButtons,
  waitForText,
} from './support/people.js';

/** Alice and Bob in an open anonymous chat (Bob wrote the ad «Велосипед»); Dave moderates. */
async function chatting(options: HarnessOptions = {}) {
  const h = await startHarness(options);
  const { alice, bob, carol, dave } = people(h.emu);
  const payload = await publishAd(h.emu, bob, 'Велосипед');
  await openChat(h.emu, { author: bob, reader: alice, payload, first: 'Привет!' });
  return { h, emu: h.emu, alice, bob, carol, dave, payload };
}

/** Dave is both the board's admin (`/stats`) and the moderator report cards go to. */
function withModerator(options: HarnessOptions = {}): HarnessOptions {
  const dave = 159_357_258;
  return { ...options, moderators: [dave], plugin: { ...options.plugin, adminIds: [dave] } };
}

describe('limits and bans', () => {
  it('tells a person past the relay limit how long to wait, and relays nothing more', async () => {
    const relay = { max: 3, windowMs: 60_000 };
    const { emu, alice, bob } = await chatting({ board: { policy: { rateLimits: { relay } } } });
    const before = bob.received.length;
    for (const text of ['раз', 'два', 'три']) await alice.send(text);
    await waitForText(emu, bob, 'три', before);
    await alice.send('четыре');
    const refusal = await waitForText(emu, alice, 'Слишком часто');
    expect(textOf(refusal)).toMatch(/^Слишком часто\. Попробуйте через \d+ мин\.$/);
    await emu.idle();
    expect(bob.received.slice(before).map(textOf)).toEqual(['раз', 'два', 'три']);
  });

  it('a report reaches the moderator; ⛔ bans the reported side, who is refused from then on', async () => {
    const { h, emu, alice, bob, dave } = await chatting(withModerator());
    await alice.send('Сколько стоит?');
    await bob.send('Не твоё дело');
    await waitForText(emu, alice, 'Не твоё дело');

    await ask(emu, alice, 'report', '', 'Напишите причину после команды');
    await ask(
      emu,
      alice,
      'report',
      'Грубит',
      '🚩 Жалоба на чат «Велосипед» отправлена модераторам.',
    );
    const card = await waitForButtons(emu, dave);
    expect(textOf(card)).toContain('Причина: Грубит');
    expect(textOf(card)).toContain('Заявитель: Сколько стоит?');
    expect(textOf(card)).toContain('Собеседник: Не твоё дело');
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '✅ Отклонить жалобу',
      '⚠️ Предупредить',
      '⛔ Заблокировать',
    ]);
    expectNoIdentityOf(dave, [alice, bob]);

    // The ad board's own button handler decides (no feed plugin in this bot).
    await dave.press(card, buttonData(card)[2]);
    await waitForText(emu, bob, '⛔ Модераторы закрыли вам доступ');
    await waitForText(emu, alice, 'Чат «Велосипед» завершён модераторами.');
    await emu.waitFor(
      () =>
        buttonData(dave.received.find((m) => m.message_id === card.message_id) ?? card).length ===
        0,
    );

    const aliceBefore = alice.received.length;
    await bob.send('Ты ещё тут?');
    await waitForText(emu, bob, 'Вы заблокированы на доске');
    await ask(emu, bob, 'newad', 'Снова\nтекст', 'Вы заблокированы');
    await h.board.dispatcher?.drain();
    await emu.idle();
    expect(alice.received.length).toBe(aliceBefore);
    expect((await h.board.stats()).reports).toEqual({ banned: 1 });
    expect(h.current.errors).toEqual([]);
  });

  it('asks which chat to report when there are several', async () => {
    const { emu, bob, carol, payload } = await chatting(withModerator());
    await openChat(emu, { author: bob, reader: carol, payload, first: 'Hello!' });
    const before = bob.received.length;
    await bob.command('report', 'Спам');
    const chooser = await waitForButtons(emu, bob, before);
    expect(textOf(chooser)).toBe('На какой чат пожаловаться?');
    await bob.press(chooser, buttonData(chooser)[1]);
    await waitForText(emu, bob, 'отправлена модераторам', before);
  });
});

describe('summaries of relayed messages', () => {
  it('keeps texts, captions and media kinds for the history; refuses links in a first message', async () => {
    const { emu, alice, bob, carol } = await chatting();
    await alice.sendPhoto({ caption: 'Рама' });
    await alice.sendVoice({ duration: 2 });
    await alice.sendAlbum([{ type: 'photo' }, { type: 'photo' }]);
    await bob.sendSticker({ emoji: '👍' });
    await waitForText(emu, bob, 'Рама');
    await emu.waitFor(() => alice.received.some((m) => m.sticker !== undefined));
    await emu.waitFor(() => bob.received.filter((m) => m.photo !== undefined).length === 3);

    const history = textOf(await ask(emu, alice, 'export', '', '📦 Ваша история'));
    expect(history).toContain('«Велосипед»');
    for (const line of ['Вы: Рама', 'Вы: [голосовое]', 'Вы: [альбом]', 'Собеседник: [стикер]'])
      expect(history).toContain(line);
    expectNoIdentityOf(alice, [bob]);

    // The first message's link rule sees the summary, hidden links included.
    const payload = await publishAd(emu, bob, 'Гараж');
    await carol.command('start', payload);
    await waitForText(emu, carol, '✍️');
    await carol.send('Write me at https://example.com');
    await waitForText(emu, carol, 'A first message cannot contain links');
    await carol.send('Details here', {
      entities: [{ type: 'text_link', offset: 0, length: 7, url: 'https://spam.example/' }],
    });
    await emu.waitFor(
      () => carol.received.filter((m) => textOf(m).includes('cannot contain links')).length === 2,
    );
  });
});

describe('/export', () => {
  it('sends a long history as history.txt', async () => {
    const { h, emu, alice, bob } = await chatting();
    const line = (n: number) => `${n}. ${'очень длинное сообщение '.repeat(19)}`;
    for (let n = 1; n <= 10; n++) await alice.send(line(n));
    await waitForText(emu, bob, '10. очень');
    const before = alice.received.length;
    await alice.command('export');
    const sent = await emu.waitFor(() =>
      alice.received.slice(before).find((m) => m.document !== undefined),
    );
    expect(sent.document?.file_name).toBe('history.txt');
    expect(sent.caption).toContain('в файле');
    const file = await h.bot.api.getFile(sent.document?.file_id ?? '');
    const response = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(4096);
    expect(text).toContain(`Вы: ${line(10).slice(0, 100)}`);
    expect(text).not.toContain(String(bob.id));
  });
});

describe('/forgetme', () => {
  it('asks first; [Отмена] keeps everything, [Да, удалить] forgets and ends the chats', async () => {
    const { h, emu, alice, bob } = await chatting();
    const ask1 = await ask(emu, alice, 'forgetme', '', 'Удалить ваши данные?');
    expect(ask1.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Да, удалить',
      'Отмена',
    ]);
    await alice.press(ask1, buttonData(ask1)[1]);
    await emu.waitFor(() => alice.callbackAnswers.at(-1)?.text === 'Ничего не удалено.');
    expect(
      await h.board.listChats((await h.board.identify({ platformId: String(alice.id) })).id),
    ).toHaveLength(1);

    // A confirmation asked long ago does nothing.
    const stale = `ab:~forget.${Math.floor(Date.now() / 1000 - 3600).toString(36)}`;
    await alice.press(ask1, stale);
    await emu.waitFor(() => alice.callbackAnswers.at(-1)?.text === 'Это действие уже недоступно.');

    const ask2 = await ask(emu, alice, 'forgetme', '', 'Удалить ваши данные?');
    await alice.press(ask2, buttonData(ask2)[0]);
    await waitForText(emu, alice, '🗑 Готово');
    await waitForText(emu, bob, 'Собеседник завершил чат «Велосипед».');
    expect(
      buttonData(alice.received.find((m) => m.message_id === ask2.message_id) ?? ask2),
    ).toEqual([]);

    // The same account is a new, unrelated person now.
    await ask(emu, alice, 'mychats', '', 'нет активных чатов');
    const history = textOf(await ask(emu, alice, 'export', '', 'История пуста'));
    expect(history).toBe('История пуста.');
    expect(h.current.errors).toEqual([]);
  });
});

describe('/stats', () => {
  it('answers admins with the board statistics and everyone else with a refusal', async () => {
    const { emu, alice, bob, dave } = await chatting(withModerator());
    const stats = textOf(await ask(emu, dave, 'stats', '', '📊 Статистика доски за всё время'));
    expect(stats).toContain('Первых сообщений: 1\nприняты 1');
    expect(stats).toContain('Принято из решённых: 100%');
    expect(stats).toContain('Чаты: открыто 1, завершено 0, заблокировано 0');
    expect(stats).toContain('Жалобы: нет');
    expect(stats).toContain('1. «Велосипед» — 1, принято 1');
    expectNoIdentityOf(dave, [alice, bob]);
    await ask(emu, dave, 'stats', '7', 'за 7 дн.');
    await ask(emu, dave, 'stats', 'неделя', 'за последние дни: /stats 7');
    await ask(emu, alice, 'stats', '', 'Это действие доступно только администраторам.');

    // /help lists /stats for admins only.
    expect(textOf(await ask(emu, dave, 'help', '', 'ℹ️'))).toContain(
      'Для администраторов:\n/stats — Статистика доски',
    );
    const help = textOf(await ask(emu, alice, 'help', '', 'ℹ️'));
    expect(help).toContain('/report — Пожаловаться на собеседника');
    expect(help).not.toContain('/stats');
  });
});
