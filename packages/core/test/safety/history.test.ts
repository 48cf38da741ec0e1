import { renderHistory, type User } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { lastButtons, setup } from '../helpers.js';

const DAY = 24 * 3600_000;

async function chatting() {
  const env = await setup();
  const [bob, alice] = (await env.people('bob', 'alice')) as [User, User];
  const ad = await env.board.publishAd({ author: bob.id, title: 'Гараж' });
  await env.board.sendInvite({
    sender: alice.id,
    adId: ad.id,
    content: { kind: 'text', text: 'Здравствуйте, мой номер 123' },
  });
  await env.dispatcher.drain();
  await env.board.press({ user: bob.id, token: lastButtons(env.transport, bob)[0]?.token ?? '' });
  await env.board.receive({ user: alice.id, messageIds: [1], summary: 'Сколько стоит?' });
  await env.board.receive({ user: bob.id, messageIds: [2], summary: '5000 рублей' });
  await env.dispatcher.drain();
  return { ...env, bob, alice, ad };
}

describe('history', () => {
  it('a person exports their own chats, by role, without the other side', async () => {
    const { board, alice, bob } = await chatting();
    const history = await board.exportHistory(alice.id);
    expect(history.chats).toMatchObject([
      {
        label: 'Гараж',
        role: 'reader',
        status: 'active',
        messages: [
          { mine: true, summary: 'Сколько стоит?' },
          { mine: false, summary: '5000 рублей' },
        ],
      },
    ]);
    const text = renderHistory(board.texts, history, 'ru', 30);
    expect(text).toContain('Вы: Сколько стоит?');
    expect(text).toContain('Собеседник: 5000 рублей');
    for (const secret of [bob.platformId, bob.id]) expect(text).not.toContain(secret);
  });

  it('messages are purged after the retention period', async () => {
    const { board, alice, clock } = await chatting();
    clock.advance(29 * DAY);
    await board.receive({ user: alice.id, messageIds: [3], summary: 'Ещё тут?' });
    clock.advance(DAY + 1);
    expect(await board.maintain()).toMatchObject({ purgedMessages: 2 });
    const [chat] = (await board.exportHistory(alice.id)).chats;
    expect(chat?.messages.map((m) => m.summary)).toEqual(['Ещё тут?']);
  });

  it('/forgetme ends chats, deletes what they sent, scrubs their first messages and anonymises them', async () => {
    const { board, storage, alice, bob, transport, dispatcher } = await chatting();
    await board.publishAd({ author: alice.id, title: 'Её объявление' });
    expect(await board.forget({ user: alice.id })).toEqual({ messages: 1 });
    await dispatcher.drain();
    expect(
      transport
        .to(bob.platformId)
        .filter((m) => m.kind === 'text')
        .at(-1),
    ).toMatchObject({ text: 'Собеседник завершил чат «Гараж».' });
    expect(await board.listChats(bob.id)).toEqual([]);
    expect((await board.listAds({ authorId: alice.id })).length).toBe(0);
    const [chat] = (await board.exportHistory(bob.id)).chats;
    expect(chat?.messages.map((m) => m.summary)).toEqual(['5000 рублей']);
    const stored = await storage.transaction(async (tx) => ({
      user: await tx.users.get(alice.id),
      byOldId: await tx.users.getByPlatformId(alice.platformId),
      invites: await tx.invites.listPendingFor(alice.id, 10),
    }));
    expect(stored.user).toMatchObject({ platformId: `forgotten:${alice.id}` });
    expect(stored.byOldId).toBeUndefined();
    // The same account writing again is a new, unrelated person.
    const again = await board.identify({ platformId: alice.platformId });
    expect(again.id).not.toBe(alice.id);
  });
});

describe('board statistics', () => {
  it('invites per day and per ad, accepted share, chats opened/ended/blocked', async () => {
    const { board, bob, alice, ad } = await chatting();
    await board.blockChat({ user: bob.id });
    const stats = await board.stats();
    expect(stats.invites.byStatus).toEqual({ accepted: 1 });
    expect(stats.invites.acceptedShare).toBe(1);
    expect(stats.invites.byAd).toEqual([{ adId: ad.id, status: 'accepted', count: 1 }]);
    expect(stats.invites.byDay).toEqual([{ day: '2026-01-01', status: 'accepted', count: 1 }]);
    expect(stats.chats).toEqual({ opened: 1, ended: 0, blocked: 1 });
    void alice;
  });
});
