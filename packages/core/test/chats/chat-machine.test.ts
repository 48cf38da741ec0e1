import {
  type AdId,
  type Chat,
  type ChatId,
  chatMachine,
  type InviteId,
  transition,
  type UserId,
} from '@anonboard/core';
import { describe, expect, it } from 'vitest';

const author = 'author' as UserId;
const reader = 'reader' as UserId;
const stranger = 'stranger' as UserId;
const active: Chat = {
  id: 'c1' as ChatId,
  inviteId: 'i1' as InviteId,
  adId: 'a1' as AdId,
  label: 'Гараж',
  authorId: author,
  readerId: reader,
  openedAt: 0,
  status: 'active',
};

describe('chat machine', () => {
  it('relay copies to the other side and leaves the chat as it was; only in an active chat, only by its members', () => {
    const relay = { type: 'relay', by: reader, messageIds: [7, 8], replyTo: 41 } as const;
    const r = transition(chatMachine, active, relay);
    expect(r).toMatchObject({ ok: true, state: active });
    expect(r.ok && r.effects).toEqual([
      {
        type: 'copy',
        to: author,
        from: reader,
        messageIds: [7, 8],
        chatId: active.id,
        replyTo: 41,
      },
    ]);
    expect(transition(chatMachine, active, { ...relay, by: stranger })).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
    const ended = transition(chatMachine, active, { type: 'end', by: author, at: 3 });
    if (!ended.ok) throw new Error('the chat should have ended');
    expect(transition(chatMachine, ended.state, relay)).toMatchObject({
      ok: false,
      rejection: { code: 'invalid_state' },
    });
  });

  it('end tells both sides; only members may end', () => {
    const r = transition(chatMachine, active, { type: 'end', by: reader, at: 3 });
    expect(r).toMatchObject({
      ok: true,
      state: { status: 'ended', endedBy: reader, reason: 'ended' },
    });
    expect(
      r.ok && r.effects.map((e) => ('to' in e ? [e.to, e.type === 'notify' && e.text] : null)),
    ).toEqual([
      [reader, 'chat.endedByYou'],
      [author, 'chat.endedByPeer'],
    ]);
    expect(transition(chatMachine, active, { type: 'end', by: stranger, at: 3 })).toMatchObject({
      ok: false,
    });
  });

  it('block ends it; the blocked side hears the same as for an ended chat', () => {
    const r = transition(chatMachine, active, { type: 'block', by: author, at: 3 });
    expect(r).toMatchObject({ ok: true, state: { status: 'blocked', reason: 'blocked' } });
    expect(r.ok && r.effects[1]).toMatchObject({ to: reader, text: 'chat.endedByPeer' });
  });

  it('losing a member ends it and tells the other side', () => {
    const r = transition(chatMachine, active, { type: 'lose', unreachable: author, at: 3 });
    expect(r).toMatchObject({
      ok: true,
      state: { status: 'ended', endedBy: null, reason: 'unreachable' },
      effects: [{ to: reader, text: 'chat.peerUnreachable' }],
    });
  });

  it('an ended chat cannot be ended or blocked again', () => {
    const ended: Chat = {
      ...active,
      status: 'ended',
      endedAt: 1,
      endedBy: author,
      reason: 'ended',
    };
    expect(transition(chatMachine, ended, { type: 'block', by: author, at: 2 })).toMatchObject({
      ok: false,
      rejection: { code: 'invalid_state' },
    });
  });
});
