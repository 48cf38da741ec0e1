import type { AdId, User } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { lastButtons, setup } from '../helpers.js';

const MIN = 60_000;

/** Bob's ad, Alice's invite accepted: an open chat. */
async function chatting(policy: Parameters<typeof setup>[0] = {}) {
  const env = await setup(policy);
  const [bob, alice] = (await env.people('bob', 'alice')) as [User, User];
  const ad = await env.board.publishAd({ author: bob.id, title: 'Гараж' });
  await env.board.sendInvite({
    sender: alice.id,
    adId: ad.id,
    content: { kind: 'text', text: 'Здравствуйте' },
  });
  await env.dispatcher.drain();
  await env.board.press({ user: bob.id, token: lastButtons(env.transport, bob)[0]?.token ?? '' });
  return { ...env, bob, alice, ad };
}

describe('rate limits with escalating cooldowns', () => {
  it('relays: past the window the sender waits 1 min, then 10 min, then 1 h; levels decay', async () => {
    const { board, clock, alice } = await chatting({
      policy: { rateLimits: { relay: { max: 3, windowMs: MIN } } },
    });
    let id = 1;
    const send = () => board.receive({ user: alice.id, messageIds: [id++] });
    for (let i = 0; i < 3; i++) await send();
    const first = await send().catch((e: unknown) => e);
    expect(first).toMatchObject({
      code: 'rate_limited',
      details: { level: 1, retryAt: clock.now() + MIN },
    });
    expect(board.explain(first)).toBe('Слишком часто. Попробуйте через 1 мин.');
    // Still cooling down: refused without counting.
    clock.advance(MIN - 1);
    await expect(send()).rejects.toMatchObject({ code: 'rate_limited', details: { level: 1 } });
    clock.advance(1);
    for (let i = 0; i < 3; i++) await send();
    await expect(send()).rejects.toMatchObject({
      code: 'rate_limited',
      details: { level: 2, retryAt: clock.now() + 10 * MIN },
    });
    clock.advance(10 * MIN);
    for (let i = 0; i < 3; i++) await send();
    await expect(send()).rejects.toMatchObject({
      code: 'rate_limited',
      details: { level: 3, retryAt: clock.now() + 60 * MIN },
    });
    // A day without excess forgives one level: the next excess is level 3 again, not 4.
    clock.advance(60 * MIN + 24 * 60 * MIN);
    for (let i = 0; i < 3; i++) await send();
    await expect(send()).rejects.toMatchObject({ code: 'rate_limited', details: { level: 3 } });
  });

  it('a refused relay changes nothing but the cooldown; a replayed key stays processed once', async () => {
    const { board, storage, alice, dispatcher, transport, bob } = await chatting({
      policy: { rateLimits: { relay: { max: 1, windowMs: MIN } } },
    });
    await board.receive({ user: alice.id, messageIds: [1], key: 'tg:1' });
    await expect(
      board.receive({ user: alice.id, messageIds: [2], key: 'tg:2' }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(
      board.receive({ user: alice.id, messageIds: [2], key: 'tg:2' }),
    ).rejects.toMatchObject({ code: 'duplicate_update' });
    await dispatcher.drain();
    expect(
      transport
        .to(bob.platformId)
        .filter((m) => m.kind === 'copy')
        .map((m) => m.kind === 'copy' && m.messageIds),
    ).toEqual([[1]]);
    const [chat] = await board.listChats(alice.id);
    expect(
      await storage.transaction((tx) => tx.history.ofChat(chat?.id as never, 10)),
    ).toHaveLength(1);
  });

  it('ads and reports have their own limits', async () => {
    const { board, alice } = await chatting({
      policy: { rateLimits: { ad: { max: 1, windowMs: MIN }, report: { max: 1, windowMs: MIN } } },
    });
    await board.publishAd({ author: alice.id, title: 'Одно' });
    await expect(board.publishAd({ author: alice.id, title: 'Два' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await board.report({ user: alice.id, reason: 'спам' });
    await expect(board.report({ user: alice.id, reason: 'ещё' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });
});

describe('first-message rules', () => {
  it('links and mentions are refused unless allowed', async () => {
    const { board, people } = await setup();
    const [bob, alice] = (await people('bob', 'alice')) as [User, User];
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    for (const text of [
      'пишите в https://example.com',
      'мой t.me/alice',
      'пишите @alice_1990',
      'www.spam.ru',
    ]) {
      await expect(
        board.sendInvite({ sender: alice.id, adId: ad.id, content: { kind: 'text', text } }),
      ).rejects.toMatchObject({
        code: 'links_refused',
      });
    }
    await expect(
      board.sendInvite({
        sender: alice.id,
        adId: ad.id,
        content: { kind: 'text', text: 'почта a@b.ru?' },
      }),
    ).resolves.toBeDefined();
    const lenient = await setup({ policy: { firstMessageLinks: true } });
    const [b2, a2] = (await lenient.people('bob', 'alice')) as [User, User];
    const ad2 = await lenient.board.publishAd({ author: b2.id, title: 'Гараж' });
    await expect(
      lenient.board.sendInvite({
        sender: a2.id,
        adId: ad2.id,
        content: { kind: 'text', text: 'https://ok.ru' },
      }),
    ).resolves.toBeDefined();
  });

  it('the same text to many ads is refused past the limit; a message summary counts too', async () => {
    const { board, people } = await setup({ policy: { sameTextInvitesPerDay: 2 } });
    const [bob, alice] = (await people('bob', 'alice')) as [User, User];
    const ads = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        board.publishAd({ author: bob.id, title: `Ad ${n}` }).catch(() => undefined),
      ),
    );
    const open = ads.filter((a) => a !== undefined);
    const send = (i: number, text: string) =>
      board.sendInvite({
        sender: alice.id,
        adId: open[i]?.id as AdId,
        content: { kind: 'text', text },
      });
    await send(0, 'Продаёте ещё?');
    await send(1, 'продаёте  ЕЩЁ?!');
    await expect(send(2, 'Продаёте ещё?')).rejects.toMatchObject({ code: 'duplicate_text' });
    await expect(send(2, 'Другой вопрос')).resolves.toBeDefined();
  });

  it('one author receives at most N first messages a day', async () => {
    const { board, people, clock } = await setup({ policy: { invitesPerRecipientPerDay: 2 } });
    const [bob, ...readers] = (await people('bob', 'r1', 'r2', 'r3')) as User[];
    const ad = await board.publishAd({ author: (bob as User).id, title: 'Гараж' });
    const send = (r: User) =>
      board.sendInvite({
        sender: r.id,
        adId: ad.id,
        content: { kind: 'text', text: `привет от ${r.platformId}` },
      });
    await send(readers[0] as User);
    await send(readers[1] as User);
    const error = await send(readers[2] as User).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'recipient_busy',
      details: { retryAt: clock.now() + 24 * 60 * MIN },
    });
    expect(board.explain(error, 'en')).toBe(
      'The author got too many messages today. Try again in 24 h.',
    );
  });
});

describe('media placeholders', () => {
  it('are not text: caption-less photos to many ads are not duplicates, and carry no links', async () => {
    const { board, people } = await setup({ policy: { sameTextInvitesPerDay: 1 } });
    const [bob, alice] = (await people('bob', 'alice')) as [User, User];
    for (let n = 0; n < 3; n++) {
      const ad = await board.publishAd({ author: bob.id, title: `Ad ${n}` });
      await board.openAd({ user: alice.id, adId: ad.id });
      await expect(
        board.receive({ user: alice.id, messageIds: [n + 1], summary: '[фото]' }),
      ).resolves.toMatchObject({
        type: 'invite',
      });
    }
  });
});
