import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';
import {
  buttonData,
  expectNoIdentityOf,
  openChat,
  people,
  publishAd,
  textOf,
  waitForButtons,
  waitForText,
} from './support/people.js';

describe('the ad board story over long polling, SQLite and the emulator', () => {
  it('runs from /newad to /block and keeps everything across a restart', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, bob, carol, dave } = people(emu);

    // Bob publishes an ad and gets its deep link.
    const payload = await publishAd(emu, bob, 'Продам гараж', 'Кирпичный, 18 м²');
    await waitForText(emu, bob, `https://t.me/${emu.bot.username}?start=${payload}`);

    // Alice opens it and sends exactly one first message: the invite.
    await alice.command('start', payload);
    await waitForText(emu, alice, '✍️');
    await alice.send('Здравствуйте! Какая цена?');
    const invite = await waitForButtons(emu, bob);
    expect(textOf(invite)).toContain('Продам гараж');
    expect(bob.received.map(textOf)).toContain('Здравствуйте! Какая цена?');
    await waitForText(emu, alice, '✉️');

    // A second message before the answer is not another invite.
    const aliceBefore = alice.received.length;
    await alice.send('Ау?');
    await waitForText(emu, alice, 'нет активных чатов', aliceBefore);
    expect(bob.received.map(textOf)).not.toContain('Ау?');

    // Bob accepts: the buttons go away and both sides are told.
    await bob.press(invite);
    await waitForText(emu, alice, 'принял');
    await waitForText(emu, bob, 'Чат «Продам гараж» открыт');
    await emu.waitFor(() => bob.received.every((m) => buttonData(m).length === 0));
    expect(bob.callbackAnswers).toHaveLength(1);

    // Relay both ways, with replies kept on the other side.
    const bobsPrice = await bob.send('500 тысяч');
    const priceCopy = await waitForText(emu, alice, '500 тысяч');
    await alice.reply(priceCopy, 'Дорого, 400?');
    const replyCopy = await waitForText(emu, bob, 'Дорого, 400?');
    expect(replyCopy.reply_to_message?.message_id).toBe(bobsPrice.message_id);

    // Carol writes too; with two chats Bob is asked which one gets his message.
    await openChat(emu, { author: bob, reader: carol, payload, first: 'Is it still available?' });
    const bobBefore = bob.received.length;
    await bob.send('Кому это?');
    const chooser = await waitForButtons(emu, bob, bobBefore);
    expect(buttonData(chooser)).toHaveLength(2);
    expect(textOf(chooser)).toContain('несколько чатов');

    // A restart (new Bot, the same SQLite file) keeps ads, chats, tokens and the message map.
    await h.restart();
    await bob.press(chooser);
    await emu.waitFor(() =>
      [alice, carol].some((u) => u.received.some((m) => textOf(m) === 'Кому это?')),
    );
    await emu.waitFor(() => bob.callbackAnswers.at(-1)?.text === '✅ Отправлено');
    const chosen = [alice, carol].filter((u) => u.received.some((m) => textOf(m) === 'Кому это?'));
    expect(chosen).toHaveLength(1);

    await alice.reply(priceCopy, 'Хорошо, беру за 450');
    const late = await waitForText(emu, bob, 'беру за 450');
    expect(late.reply_to_message?.message_id).toBe(bobsPrice.message_id);

    const beforeList = bob.received.length;
    await bob.command('mychats');
    const list = await waitForText(emu, bob, 'Ваши чаты', beforeList);
    expect(
      textOf(list)
        .split('\n')
        .filter((l) => l.startsWith('•')),
    ).toHaveLength(2);

    // Dave's invite is declined: Dave is told nothing.
    await dave.command('start', payload);
    await waitForText(emu, dave, '✍️');
    await dave.send('Отдадите даром?');
    const davesInvite = await waitForButtons(emu, bob, beforeList);
    const decline = buttonData(davesInvite)[1];
    await bob.press(davesInvite, decline);
    await waitForText(emu, bob, 'отклонено');
    await h.current.board.dispatcher?.drain();
    expect(dave.received.map(textOf).filter((t) => /отклон|declin/i.test(t))).toEqual([]);
    // …and cannot write about this ad again.
    const daveBefore = dave.received.length;
    await dave.command('start', payload);
    await waitForText(emu, dave, 'уже написали', daveBefore);

    // Alice ends her chat; both sides are told.
    await alice.command('endchat');
    await waitForText(emu, alice, 'Чат «Продам гараж');
    await waitForText(emu, bob, 'Собеседник завершил чат');

    // Bob blocks Carol (his only chat now): she hears only that the chat ended, and is blocked
    // without learning it: she is answered as anyone who wrote to the ad before.
    await bob.command('block');
    await waitForText(emu, bob, '🚫');
    await waitForText(emu, carol, 'ended chat');
    const carolBefore = carol.received.length;
    await carol.command('start', payload);
    await waitForText(emu, carol, 'already written', carolBefore);

    await h.restart();
    const bobEnd = bob.received.length;
    await bob.command('mychats');
    await waitForText(emu, bob, 'нет активных чатов', bobEnd);
    await bob.command('myads');
    await waitForText(emu, bob, `?start=${payload}`, bobEnd);

    // Nobody learnt who the others are; nothing was forwarded; no update failed.
    const everyone = [alice, bob, carol, dave];
    for (const user of everyone) {
      expectNoIdentityOf(
        user,
        everyone.filter((u) => u !== user),
      );
    }
    expect(emu.calls.filter((c) => /^forwardMessages?$/.test(c.method))).toEqual([]);
    expect(h.current.errors).toEqual([]);
  });
});
