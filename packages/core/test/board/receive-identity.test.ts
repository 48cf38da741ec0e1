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
