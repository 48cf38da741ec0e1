import type { User } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { copiesTo, lastButtons, setup } from '../helpers.js';

describe('receive with a platform identity', () => {
  it('identifies the sender in the same transaction: creates, marks reachable, follows the locale', async () => {
    const { board, transport, people, dispatcher } = await setup();
    const [bob] = (await people('bob')) as [User];
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    // A person the board has never seen opens the ad and writes: one call does both.
    const newcomer = await board.identify({ platformId: '555' });
    await board.openAd({ user: newcomer.id, adId: ad.id });
    await board.markUnreachable(newcomer.id);
    const outcome = await board.receive({
      user: { platformId: '555', locale: 'en' },
      messageIds: [7],
    });
    expect(outcome).toMatchObject({ type: 'invite' });
    expect(await board.identify({ platformId: '555' })).toMatchObject({
      id: newcomer.id,
      reachable: true,
      locale: 'en',
    });
    await dispatcher.drain();
    expect(copiesTo(transport, bob)).toMatchObject([{ from: '555', messageIds: [7] }]);
    await board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' });
    // A first-time sender with no chat: created, told there is no chat.
    expect(await board.receive({ user: { platformId: '556' }, messageIds: [1] })).toEqual({
      type: 'no_chat',
    });
    expect((await board.identify({ platformId: '556' })).locale).toBe('ru');
  });
});

describe('findUser', () => {
  it('looks only: strangers stay unknown, and it tells who is inside a flow', async () => {
    const { board, storage, people, transport } = await setup();
    const [bob, alice] = (await people('bob', 'alice')) as [User, User];
    expect(await board.findUser({ platformId: '777' })).toBeUndefined();
    // Looking did not store the stranger.
    expect(await storage.transaction((tx) => tx.users.getByPlatformId('777'))).toBeUndefined();
    expect(await board.findUser({ platformId: alice.platformId })).toEqual({
      user: alice,
      engaged: false,
    });
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    await board.openAd({ user: alice.id, adId: ad.id });
    expect(await board.findUser({ platformId: alice.platformId })).toMatchObject({
      engaged: true,
    });
    // The first message is sent: no opened ad, no chat yet; accepted: an active chat for both.
    await board.receive({ user: alice.id, messageIds: [1] });
    expect((await board.findUser({ platformId: alice.platformId }))?.engaged).toBe(false);
    await board.dispatcher?.drain();
    await board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' });
    expect((await board.findUser({ platformId: alice.platformId }))?.engaged).toBe(true);
    expect((await board.findUser({ platformId: bob.platformId }))?.engaged).toBe(true);
    await board.endChat({ user: bob.id });
    expect((await board.findUser({ platformId: bob.platformId }))?.engaged).toBe(false);
  });
});
