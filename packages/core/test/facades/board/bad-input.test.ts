import {
  type AdId,
  AnonboardError,
  type ChatId,
  type InviteId,
  MemoryStorage,
  type Repositories,
  type Storage,
} from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { lastButtons, setup } from '../../helpers.js';

/** A snapshot of everything observable in storage, to prove a failed call changed nothing. */
async function snapshot(storage: Storage, probe: (tx: Repositories) => Promise<unknown>) {
  return JSON.stringify(await storage.transaction(probe));
}

describe('bad input changes nothing', () => {
  it('unknown ids, wrong pressers, over-long and empty text, replayed keys', async () => {
    const storage = new MemoryStorage();
    const { board, people, transport, dispatcher } = await setup({ storage });
    const [bob, alice, eve] = await people('bob', 'alice', 'eve');
    if (bob === undefined || alice === undefined || eve === undefined) throw new Error('people');
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    const invite = await board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'hi' },
    });
    await dispatcher.drain();
    const [accept] = lastButtons(transport, bob);
    const probe = async (tx: Repositories) => ({
      outbox: await tx.outbox.stats(),
      invite: await tx.invites.findBySenderAndAd(alice.id, ad.id),
      chats: await tx.chats.listActiveFor(bob.id),
      ads: await tx.ads.list({ limit: 50 }),
      users: [await tx.users.get(alice.id), await tx.users.get(bob.id), await tx.users.get(eve.id)],
      token: await tx.tokens.get(accept?.token as never),
    });
    const before = await snapshot(storage, probe);

    const attempts: [string, () => Promise<unknown>, string][] = [
      [
        'unknown ad',
        () =>
          board.sendInvite({
            sender: eve.id,
            adId: 'nope' as AdId,
            content: { kind: 'text', text: 'x' },
          }),
        'not_found',
      ],
      [
        'unknown invite',
        () => board.acceptInvite({ user: bob.id, inviteId: 'nope' as InviteId }),
        'not_found',
      ],
      [
        'unknown chat',
        () => board.endChat({ user: bob.id, chatId: 'nope' as ChatId }),
        'not_found',
      ],
      [
        'unknown token',
        () => board.press({ user: bob.id, token: 'forged-token' }),
        'invalid_state',
      ],
      [
        'wrong presser',
        () => board.press({ user: alice.id, token: accept?.token ?? '' }),
        'forbidden',
      ],
      [
        'a stranger presses',
        () => board.press({ user: eve.id, token: accept?.token ?? '' }),
        'forbidden',
      ],
      [
        'sender accepts own invite',
        () => board.acceptInvite({ user: alice.id, inviteId: invite.id }),
        'forbidden',
      ],
      [
        'over-long text',
        () =>
          board.sendInvite({
            sender: eve.id,
            adId: ad.id,
            content: { kind: 'text', text: 'я'.repeat(3501) },
          }),
        'text_too_long',
      ],
      [
        'empty text',
        () =>
          board.sendInvite({
            sender: eve.id,
            adId: ad.id,
            content: { kind: 'text', text: '  \n ' },
          }),
        'text_empty',
      ],
      ['no message ids', () => board.receive({ user: eve.id, messageIds: [] }), 'invalid_input'],
      [
        'self invite',
        () =>
          board.sendInvite({ sender: bob.id, adId: ad.id, content: { kind: 'text', text: 'me' } }),
        'self_invite',
      ],
      [
        'second first message',
        () =>
          board.sendInvite({
            sender: alice.id,
            adId: ad.id,
            content: { kind: 'text', text: 'again' },
          }),
        'already_invited',
      ],
      [
        'someone else closes the ad',
        () => board.closeAd({ user: alice.id, adId: ad.id }),
        'forbidden',
      ],
      [
        'over-long title',
        () => board.publishAd({ author: eve.id, title: 'x'.repeat(101) }),
        'text_too_long',
      ],
      ['no chats to end', () => board.endChat({ user: eve.id }), 'no_active_chat'],
    ];
    for (const [what, call, code] of attempts) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(AnonboardError);
      expect((error as AnonboardError).code, what).toBe(code);
      expect(await snapshot(storage, probe), what).toBe(before);
    }
  });

  it('a replayed update key is processed once', async () => {
    const { board, people } = await setup();
    const [bob] = await people('bob');
    if (bob === undefined) throw new Error('people');
    await board.publishAd({ author: bob.id, title: 'Раз', key: 'tg:1' });
    await expect(
      board.publishAd({ author: bob.id, title: 'Два', key: 'tg:1' }),
    ).rejects.toMatchObject({
      code: 'duplicate_update',
    });
    expect((await board.listAds()).map((a) => a.title)).toEqual(['Раз']);
  });

  it('a failed call does not burn its key: the corrected retry goes through', async () => {
    const { board, people } = await setup();
    const [bob] = await people('bob');
    if (bob === undefined) throw new Error('people');
    await expect(board.publishAd({ author: bob.id, title: '', key: 'tg:7' })).rejects.toMatchObject(
      { code: 'text_empty' },
    );
    await expect(
      board.publishAd({ author: bob.id, title: 'Ок', key: 'tg:7' }),
    ).resolves.toMatchObject({ title: 'Ок' });
  });
});

describe('policy', () => {
  it('the daily invite limit says when the next invite is possible', async () => {
    const { board, people, clock } = await setup({ policy: { invitesPerDay: 2 } });
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');
    const ads = await Promise.all(
      [1, 2, 3].map((n) => board.publishAd({ author: bob.id, title: `Ad ${n}` })),
    );
    const send = (i: number) =>
      board.sendInvite({
        sender: alice.id,
        adId: ads[i]?.id as AdId,
        content: { kind: 'text', text: 'hi' },
      });
    const start = clock.now();
    await send(0);
    clock.advance(60_000);
    await send(1);
    const error = await send(2).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invite_limit',
      details: { limit: 2, retryAt: start + 24 * 3600_000 },
    });
    clock.set(start + 24 * 3600_000);
    await expect(send(2)).resolves.toMatchObject({ status: 'pending' });
  });

  it('closed ads take no invites; pending invites expire silently after the TTL', async () => {
    const { board, people, clock, transport, dispatcher } = await setup({
      policy: { inviteTtlMs: 1000 },
    });
    const [bob, alice, carol] = await people('bob', 'alice', 'carol');
    if (bob === undefined || alice === undefined || carol === undefined) throw new Error('people');
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    await board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'hi' },
    });
    await board.closeAd({ user: bob.id, adId: ad.id });
    await expect(
      board.sendInvite({ sender: carol.id, adId: ad.id, content: { kind: 'text', text: 'hi' } }),
    ).rejects.toMatchObject({ code: 'ad_closed' });
    await dispatcher.drain();
    const sentToAlice = transport.to(alice.platformId).length;
    clock.advance(1001);
    expect(await board.expireInvites()).toBe(1);
    expect(await board.expireInvites()).toBe(0);
    await dispatcher.drain();
    expect(transport.to(alice.platformId)).toHaveLength(sentToAlice);
    await expect(
      board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' }),
    ).rejects.toMatchObject({
      code: 'invalid_state',
    });
  });

  it('two concurrent accepts open exactly one chat', async () => {
    const { board, people } = await setup();
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    const invite = await board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'hi' },
    });
    const results = await Promise.allSettled([
      board.acceptInvite({ user: bob.id, inviteId: invite.id }),
      board.acceptInvite({ user: bob.id, inviteId: invite.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await board.listChats(bob.id)).toHaveLength(1);
  });
});
