import { describe, expect, it } from 'vitest';
import { type AdJson, bodyOf, startApi } from '../support/app-server.js';
import { alice, bob, type TestUser } from '../support/init-data.js';

// Issue #14, item 2, through the Mini App's JSON API: someone blocked by an author gets the same
// answers as a stranger on the author's other ads (it used to be 403 `blocked`, which linked the
// author's anonymous ads together); their first message reaches nobody.

/** A stranger who speaks Bob's language, so the two answers can be compared word for word. */
const dave: TestUser = { id: 159_357_258, first_name: 'Davidorr', language_code: 'ru' };

describe('the Mini App is no block oracle', () => {
  it('a blocked reader writing to another ad of the blocker gets the stranger’s status and body; nothing arrives', async () => {
    const api = await startApi();
    const author = await api.board.identify({ platformId: String(alice.id) });
    const blocked = await api.board.identify({ platformId: String(bob.id) });
    // Bob wrote to Alice's first ad, she accepted, then blocked him.
    const first = await api.call('/api/ads', { as: alice, body: { title: 'Сдам комнату' } });
    const firstAd = bodyOf<{ ad: AdJson }>(first).ad;
    const invite = await api.board.sendInvite({
      sender: blocked.id,
      adId: firstAd.id as never,
      content: { kind: 'text', text: 'Здравствуйте' },
    });
    const chat = await api.board.acceptInvite({ user: author.id, inviteId: invite.id });
    await api.board.blockChat({ user: author.id, chatId: chat.id });
    await api.board.dispatcher?.drain();

    // Her next ad is anonymous: nothing may tell Bob it is hers.
    const second = await api.call('/api/ads', { as: alice, body: { title: 'Продам шкаф' } });
    const ad = bodyOf<{ ad: AdJson }>(second).ad;
    const aliceBefore = api.transport.to(String(alice.id)).length;

    const answersOf = async (as: TestUser) => {
      const read = await api.call(`/api/ads/${ad.id}`, { as });
      const write = await api.call(`/api/ads/${ad.id}/message`, {
        as,
        body: { message: 'Шкаф ещё продаётся?' },
      });
      const again = await api.call(`/api/ads/${ad.id}/message`, {
        as,
        body: { message: 'Ау?' },
      });
      return [read, write, again].map((a) => ({ status: a.status, body: a.json }));
    };
    const stranger = await answersOf(dave);
    await api.board.dispatcher?.drain();
    const aliceAfterDave = api.transport.to(String(alice.id)).length;
    const fromBlocked = await answersOf(bob);
    await api.board.dispatcher?.drain();

    expect(fromBlocked).toEqual(stranger);
    expect(stranger.map((a) => a.status)).toEqual([200, 201, 409]);
    expect(stranger[1]?.body).toEqual({ sent: true });
    // Dave's message reached Alice; Bob's did not.
    expect(aliceAfterDave).toBeGreaterThan(aliceBefore);
    expect(api.transport.to(String(alice.id)).slice(aliceAfterDave)).toEqual([]);
  });
});
