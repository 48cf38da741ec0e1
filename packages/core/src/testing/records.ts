import type { Ad } from '../ads/ad.js';
import type { Chat } from '../chats/chat.js';
import type { AdId, ChatId, InviteId, UserId } from '../ids.js';
import type { Invite } from '../invites/invite.js';

/** Builders of valid records for storage tests. */
export const records = {
  ad(id: string, authorId: string, over: Partial<Ad> = {}): Ad {
    return {
      id: id as AdId,
      authorId: authorId as UserId,
      title: `Ad ${id}`,
      text: `Text of ${id}`,
      createdAt: 1000,
      status: 'open',
      ...over,
    } as Ad;
  },
  invite(
    id: string,
    senderId: string,
    recipientId: string,
    adId: string,
    over: Partial<Invite> = {},
  ): Invite {
    return {
      id: id as InviteId,
      adId: adId as AdId,
      adTitle: `Ad ${adId}`,
      senderId: senderId as UserId,
      recipientId: recipientId as UserId,
      content: { kind: 'text', text: 'hello' },
      createdAt: 1000,
      status: 'pending',
      ...over,
    } as Invite;
  },
  chat(
    id: string,
    inviteId: string,
    authorId: string,
    readerId: string,
    over: Partial<Chat> = {},
  ): Chat {
    return {
      id: id as ChatId,
      inviteId: inviteId as InviteId,
      adId: 'ad1' as AdId,
      label: 'Ad ad1',
      authorId: authorId as UserId,
      readerId: readerId as UserId,
      openedAt: 1000,
      status: 'active',
      ...over,
    } as Chat;
  },
};
