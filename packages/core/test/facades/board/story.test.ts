import type { AdId } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { copiesTo, lastButtons, setup, textsTo } from '../../helpers.js';

describe('the seed story', () => {
  it('ad → one first message → accept → relay both ways → reply → edit → end', async () => {
    const { board, transport, people, dispatcher } = await setup();
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');

    const ad = await board.publishAd({
      author: bob.id,
      title: 'Продам гараж',
      text: 'Кирпичный, 18 м²',
    });
    await board.openAd({ user: alice.id, adId: ad.id });
    const first = await board.receive({ user: alice.id, messageIds: [10] });
    expect(first.type).toBe('invite');
    await dispatcher.drain();

    // Bob got Alice's message copied (not forwarded) and the invite with two buttons.
    expect(copiesTo(transport, bob)).toMatchObject([{ from: alice.platformId, messageIds: [10] }]);
    const [accept, decline] = lastButtons(transport, bob);
    expect([accept?.text, decline?.text]).toEqual(['✅ Принять', '❌ Отклонить']);
    expect(textsTo(transport, alice).at(-1)).toContain(
      'Сообщение отправлено автору объявления «Продам гараж»',
    );

    await board.press({ user: bob.id, token: accept?.token ?? '' });
    await dispatcher.drain();
    expect(textsTo(transport, alice).at(-1)).toContain('принял ваше приглашение');

    // Relay both ways; replies land on the other side's copy.
    expect(await board.receive({ user: alice.id, messageIds: [11] })).toMatchObject({
      type: 'relayed',
    });
    await dispatcher.drain();
    const toBob = copiesTo(transport, bob).at(-1);
    expect(toBob).toMatchObject({ from: alice.platformId, messageIds: [11] });
    const bobsCopy = toBob?.copies[0] as number;
    await board.receive({ user: bob.id, messageIds: [50], replyTo: bobsCopy });
    await dispatcher.drain();
    expect(copiesTo(transport, alice).at(-1)).toMatchObject({
      from: bob.platformId,
      messageIds: [50],
      replyTo: 11,
    });

    // An edit of a relayed message is mirrored onto the copy.
    expect(
      await board.editRelayed({
        user: alice.id,
        messageId: 11,
        text: 'Какая цена? (ред.)',
        part: 'text',
      }),
    ).toBe(true);
    await dispatcher.drain();
    expect(transport.to(bob.platformId).at(-1)).toMatchObject({
      kind: 'edit',
      messageId: bobsCopy,
      text: 'Какая цена? (ред.)',
    });

    expect(await board.listChats(alice.id)).toMatchObject([
      { label: 'Продам гараж', role: 'reader' },
    ]);
    expect(await board.endChat({ user: alice.id })).toBe('done');
    await dispatcher.drain();
    expect(textsTo(transport, bob).at(-1)).toBe('Собеседник завершил чат «Продам гараж».');
    expect(await board.receive({ user: alice.id, messageIds: [12] })).toEqual({ type: 'no_chat' });
  });

  it('a declined sender is never told', async () => {
    const { board, transport, people, dispatcher } = await setup();
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    await board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'Привет!' },
    });
    await dispatcher.drain();
    expect(textsTo(transport, bob)[0]).toBe(
      '💌 Новое сообщение по вашему объявлению «Гараж»:\n\nПривет!',
    );
    const before = transport.to(alice.platformId).length;
    const [, decline] = lastButtons(transport, bob);
    await board.press({ user: bob.id, token: decline?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to(alice.platformId)).toHaveLength(before);
    expect(textsTo(transport, bob).at(-1)).toContain('Отправитель об этом не узнает');
  });

  it('several chats: the sender chooses, labels are ad titles, a reply needs no choice', async () => {
    const { board, transport, people, dispatcher } = await setup();
    const [alice, bob, carol] = await people('alice', 'bob', 'carol');
    if (alice === undefined || bob === undefined || carol === undefined) throw new Error('people');
    const bike = await board.publishAd({ author: bob.id, title: 'Велосипед' });
    const flat = await board.publishAd({ author: carol.id, title: 'Квартира' });
    for (const [owner, ad] of [
      [bob, bike],
      [carol, flat],
    ] as const) {
      await board.sendInvite({
        sender: alice.id,
        adId: ad.id,
        content: { kind: 'text', text: 'Здравствуйте' },
      });
      await dispatcher.drain();
      await board.press({ user: owner.id, token: lastButtons(transport, owner)[0]?.token ?? '' });
    }
    await dispatcher.drain();

    const outcome = await board.receive({ user: alice.id, messageIds: [7] });
    expect(outcome).toMatchObject({ type: 'choose' });
    await dispatcher.drain();
    const options = lastButtons(transport, alice);
    expect(options.map((b) => b.text)).toEqual(['💬 Велосипед', '💬 Квартира']);
    // Only Alice may press her chooser.
    await expect(
      board.press({ user: bob.id, token: options[1]?.token ?? '' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await board.press({ user: alice.id, token: options[1]?.token ?? '' });
    // The group is consumed: the other option no longer works.
    await expect(
      board.press({ user: alice.id, token: options[0]?.token ?? '' }),
    ).rejects.toMatchObject({
      code: 'invalid_state',
    });
    await dispatcher.drain();
    expect(copiesTo(transport, carol).at(-1)).toMatchObject({ messageIds: [7] });
    expect(copiesTo(transport, bob)).toHaveLength(0);

    // Carol replies; Alice answers by replying to Carol's copy: routed without a chooser.
    await board.receive({ user: carol.id, messageIds: [30] });
    await dispatcher.drain();
    const aliceCopy = copiesTo(transport, alice).at(-1)?.copies[0] as number;
    expect(
      await board.receive({ user: alice.id, messageIds: [8], replyTo: aliceCopy }),
    ).toMatchObject({ type: 'relayed' });
    await dispatcher.drain();
    expect(copiesTo(transport, carol).at(-1)).toMatchObject({ messageIds: [8], replyTo: 30 });

    // /endchat with several chats asks which.
    expect(await board.endChat({ user: alice.id })).toBe('choose');
  });

  it('block ends every chat of the pair; new first messages on any ad are dropped unseen', async () => {
    const { board, transport, people, dispatcher } = await setup();
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');
    const one = await board.publishAd({ author: bob.id, title: 'Один' });
    const two = await board.publishAd({ author: bob.id, title: 'Два' });
    const three = await board.publishAd({ author: bob.id, title: 'Три' });
    for (const ad of [one, two]) {
      await board.sendInvite({
        sender: alice.id,
        adId: ad.id,
        content: { kind: 'text', text: 'hi' },
      });
      await dispatcher.drain();
      await board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' });
    }
    await board.receive({ user: alice.id, messageIds: [1] }); // waiting in the chooser
    const aliceAboutThree = await board.publishAd({ author: alice.id, title: 'Её объявление' });
    await board.sendInvite({
      sender: bob.id,
      adId: aliceAboutThree.id,
      content: { kind: 'text', text: 'hey' },
    });

    const chats = await board.listChats(bob.id);
    await board.blockChat({ user: bob.id, chatId: chats[0]?.id as never });
    expect(await board.listChats(bob.id)).toEqual([]);
    expect(await board.listChats(alice.id)).toEqual([]);
    // Alice is answered as anyone else (no oracle: see test/attacks), but nothing reaches Bob.
    await dispatcher.drain();
    const bobSaw = transport.to(bob.platformId).length;
    await expect(
      board.sendInvite({
        sender: alice.id,
        adId: three.id,
        content: { kind: 'text', text: 'again' },
      }),
    ).resolves.toMatchObject({ status: 'withdrawn' });
    await expect(board.openAd({ user: alice.id, adId: three.id })).rejects.toMatchObject({
      code: 'already_invited',
    });
    await expect(board.openAd({ user: alice.id, adId: two.id })).rejects.toMatchObject({
      code: 'already_invited',
    });
    await dispatcher.drain();
    expect(transport.to(bob.platformId).slice(bobSaw)).toEqual([]);
    // Bob's pending invite to Alice was cancelled: her accept button no longer works.
    await dispatcher.drain();
    const aliceAccept = lastButtons(transport, alice).find((b) => b.text === '✅ Принять');
    await expect(
      board.press({ user: alice.id, token: aliceAccept?.token ?? '' }),
    ).rejects.toMatchObject({
      code: 'invalid_state',
    });
    expect(await board.receive({ user: alice.id, messageIds: [2] })).toEqual({ type: 'no_chat' });
    void (two satisfies { id: AdId });
  });
});
