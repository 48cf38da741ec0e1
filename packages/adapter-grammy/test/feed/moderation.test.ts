import { describe, expect, it } from 'vitest';
import { buttonData, textOf, waitForButtons, waitForText } from '../support/people.js';
import { ask, suggestAndConfirm, waitRevised } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

describe('moderation by admins', () => {
  it('asks a rejecting admin for a reason, tells the author, and revises every card', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { alice } = h.people;
    const [admin] = admins;

    const [first, second] = await suggestAndConfirm(h, alice, 'Продам гараж, недорого');
    await admin.press(first, buttonData(first)[1]);
    const question = await waitForButtons(emu, admin, admin.received.indexOf(first) + 1);
    expect(textOf(question)).toContain('Напишите причину отказа');
    expect(question.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Без причины',
    ]);

    // The admin's next text is the reason.
    await admin.send('Объявления не публикуем');
    await waitForText(emu, admin, '❌ Отклонено. Причина: Объявления не публикуем');
    await waitForText(emu, alice, '❌ Ваш пост отклонён.\nОбъявления не публикуем');
    await waitRevised(emu, admin, first.message_id, '❌ Отклонено: Объявления не публикуем');
    await waitRevised(emu, admins[1], second.message_id, '❌ Отклонено: Объявления не публикуем');
    // A later text is no reason any more: it gets the hint.
    const before = admin.received.length;
    await admin.send('Ещё одно сообщение');
    await waitForText(emu, admin, 'Чтобы предложить пост', before);

    // [Без причины] rejects without one.
    const [next] = await suggestAndConfirm(h, alice, 'Куплю гараж');
    const asked = admin.received.length;
    await admin.press(next, buttonData(next)[1]);
    const noReason = await waitForButtons(emu, admin, asked);
    expect(textOf(noReason)).toContain('Напишите причину');
    await admin.press(noReason);
    await emu.waitFor(() => alice.received.some((m) => textOf(m) === '❌ Ваш пост отклонён.'));
    await emu.waitFor(() => admin.callbackAnswers.at(-1)?.text === '❌ Отклонено');
    expect(channel.posts).toEqual([]);
    const rejected = (await h.feed.stats()).suggestions.rejected;
    expect(rejected).toBe(2);
    expect(h.errors).toEqual([]);
  });

  it('lets exactly one of two racing admins decide; the other hears it was already handled', async () => {
    const h = await startFeedHarness();
    const { emu, channel, admins } = h;
    const { bob } = h.people;

    const [first, second] = await suggestAndConfirm(h, bob, 'Концерт во дворе в пятницу');
    // Both press before the bot handles either update.
    await Promise.all([admins[0].press(first), admins[1].press(second)]);
    await emu.waitFor(() => admins.every((a) => a.callbackAnswers.length === 1));
    const answers = admins.map((a) => a.callbackAnswers[0]?.text).sort();
    expect(answers).toEqual(['⚠️ Это уже обработано.', '✅ Одобрено']);
    await waitRevised(emu, admins[0], first.message_id, '📢 Опубликовано');
    await waitRevised(emu, admins[1], second.message_id, '📢 Опубликовано');
    await h.feed.dispatcher?.drain();
    expect(channel.posts.map((p) => p.text)).toEqual(['Концерт во дворе в пятницу']);
    expect(bob.received.filter((m) => textOf(m).includes('опубликован'))).toHaveLength(1);

    // A rejection in progress holds the item: the other admin cannot approve meanwhile.
    const [a, b] = await suggestAndConfirm(h, bob, 'Вечер настольных игр');
    await admins[0].press(a, buttonData(a)[1]);
    await waitForText(emu, admins[0], 'Напишите причину отказа');
    await admins[1].press(b);
    await emu.waitFor(
      () => admins[1].callbackAnswers.at(-1)?.text === 'Этим уже занимается другой администратор.',
    );
    await admins[0].send('Уже было на прошлой неделе');
    await waitRevised(emu, admins[1], b.message_id, '❌ Отклонено: Уже было на прошлой неделе');
    expect(channel.posts).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it('does not let people who are not admins decide or see the queue', async () => {
    const h = await startFeedHarness();
    const { emu, admins } = h;
    const { alice, bob } = h.people;

    const [card] = await suggestAndConfirm(h, alice, 'Потерялась собака, рыжая');
    const hello = await ask(emu, bob, 'start', '', '👋');
    expect(textOf(hello)).not.toContain('/queue');
    // Bob forges the admin's approve button: refused, nothing changes.
    await bob.press(hello, buttonData(card)[0]);
    await emu.waitFor(() => bob.callbackAnswers.at(-1)?.text === 'Эта кнопка не для вас.');
    // And a text of his is no rejection reason.
    await bob.send('Причина: не нравится');
    await waitForText(emu, bob, 'Чтобы предложить пост');
    await ask(emu, bob, 'queue', '', 'только администраторам');
    await ask(emu, bob, 'stats', '', 'только администраторам');
    const [item] = await h.feed.queue();
    expect(item?.status).toBe('queued');
    expect(item?.text).toBe('Потерялась собака, рыжая');
    expect(admins[0].callbackAnswers).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
