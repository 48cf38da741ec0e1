import { createFeed, type User } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { copiesTo, lastButtons, setup, textsTo } from '../helpers.js';

/** A chat with history between Bob (author) and Alice, and Anna as the feed's admin. */
async function reportable() {
  const env = await setup();
  const [bob, alice, anna] = (await env.people('bob', 'alice', 'anna')) as [User, User, User];
  const feed = createFeed({ storage: env.storage, clock: env.clock });
  await feed.configure({ admins: [anna.id] });
  const ad = await env.board.publishAd({ author: bob.id, title: 'Гараж' });
  await env.board.sendInvite({
    sender: alice.id,
    adId: ad.id,
    content: { kind: 'text', text: 'Здравствуйте' },
  });
  await env.dispatcher.drain();
  await env.board.press({ user: bob.id, token: lastButtons(env.transport, bob)[0]?.token ?? '' });
  await env.board.receive({ user: alice.id, messageIds: [1], summary: 'Сколько стоит?' });
  await env.board.receive({ user: bob.id, messageIds: [2], summary: 'Оскорбление' });
  await env.dispatcher.drain();
  return { ...env, bob, alice, anna, ad, feed };
}

describe('reports', () => {
  it('a report reaches admins with the chat evidence by role, never identities', async () => {
    const { board, transport, dispatcher, bob, alice, anna } = await reportable();
    await board.report({ user: alice.id, reason: 'Грубит' });
    await dispatcher.drain();
    const card = textsTo(transport, anna).at(-1) ?? '';
    expect(card).toContain('🚩 Жалоба на чат «Гараж»');
    expect(card).toContain('Причина: Грубит');
    expect(card).toContain('Заявитель: Сколько стоит?');
    expect(card).toContain('Собеседник: Оскорбление');
    for (const secret of [bob.platformId, alice.platformId, bob.id, alice.id])
      expect(card).not.toContain(secret);
    expect(lastButtons(transport, anna).map((b) => b.text)).toEqual([
      '✅ Отклонить жалобу',
      '⚠️ Предупредить',
      '⛔ Заблокировать',
    ]);
    expect(textsTo(transport, alice).at(-1)).toBe(
      '🚩 Жалоба на чат «Гараж» отправлена модераторам.',
    );
  });

  it('warn tells the reported side; dismiss tells only the reporter', async () => {
    const { board, transport, dispatcher, bob, alice, anna } = await reportable();
    await board.report({ user: alice.id, reason: 'Грубит' });
    await dispatcher.drain();
    await board.press({ user: anna.id, token: lastButtons(transport, anna)[1]?.token ?? '' });
    await dispatcher.drain();
    expect(textsTo(transport, bob).at(-1)).toContain('⚠️ Модераторы получили жалобу');
    expect(textsTo(transport, alice).at(-1)).toBe('Модераторы рассмотрели вашу жалобу. Спасибо!');
    expect(await board.listChats(bob.id)).toHaveLength(1);
    const stats = await board.stats();
    expect(stats.reports).toEqual({ warned: 1 });
  });

  it('ban ends all their chats, takes their ads down, refuses everything after; nothing of theirs flows', async () => {
    const { board, transport, dispatcher, bob, alice, anna, ad } = await reportable();
    const [carol] = (await Promise.all([board.identify({ platformId: '900:carol' })])) as [User];
    const bobsOther = await board.publishAd({ author: bob.id, title: 'Велосипед' });
    await board.sendInvite({
      sender: carol.id,
      adId: bobsOther.id,
      content: { kind: 'text', text: 'Интересно' },
    });
    await board.receive({ user: bob.id, messageIds: [3], summary: 'ещё одно, до бана' }); // queued, not delivered
    await board.report({ user: alice.id, reason: 'Грубит' });
    await dispatcher.drain();
    const before = copiesTo(transport, alice).length;
    await board.press({ user: anna.id, token: lastButtons(transport, anna)[2]?.token ?? '' });
    await dispatcher.drain();

    expect(copiesTo(transport, alice)).toHaveLength(before); // nothing of Bob's flows any more
    expect(textsTo(transport, alice).some((t) => t === 'Чат «Гараж» завершён модераторами.')).toBe(
      true,
    );
    expect(textsTo(transport, bob).at(-1)).toContain('⛔ Модераторы закрыли вам доступ');
    expect(await board.listChats(alice.id)).toEqual([]);
    expect((await board.getAd(ad.id))?.status).toBe('closed');
    expect((await board.getAd(bobsOther.id))?.status).toBe('closed');
    for (const attempt of [
      () => board.receive({ user: bob.id, messageIds: [4] }),
      () => board.publishAd({ author: bob.id, title: 'Снова' }),
      () =>
        board.sendInvite({
          sender: bob.id,
          adId: 'x' as never,
          content: { kind: 'text', text: 'hi' },
        }),
      () => board.report({ user: bob.id, reason: 'месть' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'banned' });
    }
    // Carol's pending invite to Bob ended; Bob cannot accept it.
    await expect(
      board.press({
        user: bob.id,
        token: lastButtons(transport, bob).find((b) => b.text === '✅ Принять')?.token ?? '',
      }),
    ).rejects.toMatchObject({ code: 'banned' });
    expect((await board.stats()).reports).toEqual({ banned: 1 });
  });
});

describe('forgetting and bans', () => {
  it('a banned person may /forgetme, but comes back banned', async () => {
    const { board, transport, dispatcher, bob, alice, anna } = await reportable();
    await board.report({ user: alice.id, reason: 'Грубит' });
    await dispatcher.drain();
    await board.press({ user: anna.id, token: lastButtons(transport, anna)[2]?.token ?? '' });
    await board.forget({ user: bob.id });
    const back = await board.identify({ platformId: bob.platformId });
    expect(back).toMatchObject({ banned: true });
    expect(back.id).not.toBe(bob.id);
  });
});
