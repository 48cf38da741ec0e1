import {
  type AdId,
  type ChatId,
  type Invite,
  type InviteId,
  inviteMachine,
  transition,
  type UserId,
} from '@anonboard/core';
import { describe, expect, it } from 'vitest';

const author = 'author' as UserId;
const reader = 'reader' as UserId;
const stranger = 'stranger' as UserId;
const pending: Invite = {
  id: 'i1' as InviteId,
  adId: 'a1' as AdId,
  adTitle: 'Гараж',
  senderId: reader,
  recipientId: author,
  content: { kind: 'text', text: 'Какая цена?' },
  createdAt: 0,
  status: 'pending',
};

describe('invite machine', () => {
  it('accept by the recipient opens the chat and tells both sides', () => {
    const r = transition(inviteMachine, pending, {
      type: 'accept',
      by: author,
      at: 5,
      chatId: 'c1' as ChatId,
    });
    expect(r).toEqual({
      ok: true,
      state: { ...pending, status: 'accepted', decidedAt: 5, chatId: 'c1' },
      effects: [
        { type: 'notify', to: author, text: 'invite.acceptedByYou', params: { chat: 'Гараж' } },
        {
          type: 'notify',
          to: reader,
          text: 'invite.acceptedBySender',
          params: { ad: 'Гараж', chat: 'Гараж' },
        },
      ],
    });
  });

  it('decline tells only the author, never the sender', () => {
    const r = transition(inviteMachine, pending, { type: 'decline', by: author, at: 5 });
    expect(r.ok && r.effects.map((e) => ('to' in e ? e.to : null))).toEqual([author]);
    expect(r.ok && r.state.status).toBe('declined');
  });

  it('only the recipient may answer and only the sender may withdraw', () => {
    for (const event of [
      { type: 'accept', by: reader, at: 1, chatId: 'c' as ChatId },
      { type: 'accept', by: stranger, at: 1, chatId: 'c' as ChatId },
      { type: 'decline', by: reader, at: 1 },
      { type: 'withdraw', by: author, at: 1 },
    ] as const) {
      expect(transition(inviteMachine, pending, event)).toMatchObject({
        ok: false,
        rejection: { code: 'forbidden' },
      });
    }
  });

  it('final states accept no event', () => {
    const declined: Invite = { ...pending, status: 'declined', decidedAt: 1 };
    for (const event of [
      { type: 'accept', by: author, at: 2, chatId: 'c' as ChatId },
      { type: 'decline', by: author, at: 2 },
      { type: 'expire', at: 2 },
    ] as const) {
      expect(transition(inviteMachine, declined, event)).toMatchObject({
        ok: false,
        rejection: { code: 'invalid_state' },
      });
    }
  });

  it('expire and cancel are silent', () => {
    expect(transition(inviteMachine, pending, { type: 'expire', at: 9 })).toMatchObject({
      ok: true,
      effects: [],
    });
    expect(transition(inviteMachine, pending, { type: 'cancel', at: 9 })).toMatchObject({
      ok: true,
      state: { status: 'withdrawn' },
      effects: [],
    });
  });
});
