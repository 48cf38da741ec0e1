import type { AdId, ChatId, InviteId, UserId } from '../ids.js';

/** Why a chat is no longer active. */
export type ChatEndReason = 'ended' | 'blocked' | 'unreachable' | 'moderated';

/** An anonymous chat between an ad's author and a reader. */
export type Chat = {
  readonly id: ChatId;
  readonly inviteId: InviteId;
  readonly adId: AdId;
  /** Shown to both sides to tell chats apart: the ad's title, never a person. */
  readonly label: string;
  readonly authorId: UserId;
  readonly readerId: UserId;
  readonly openedAt: number;
} & (
  | { readonly status: 'active' }
  | {
      readonly status: 'ended' | 'blocked';
      readonly endedAt: number;
      /** Who ended it; null when it ended because one side became unreachable. */
      readonly endedBy: UserId | null;
      readonly reason: ChatEndReason;
    }
);

/** Events of the chat machine. */
export type ChatEvent =
  /** `by` sent a message into the chat: it is copied to the other side (never forwarded). */
  | {
      readonly type: 'relay';
      readonly by: UserId;
      readonly messageIds: readonly number[];
      /** The other side's message this one answers, in their chat with the bot. */
      readonly replyTo?: number;
    }
  | { readonly type: 'end'; readonly by: UserId; readonly at: number }
  | { readonly type: 'block'; readonly by: UserId; readonly at: number }
  | { readonly type: 'lose'; readonly unreachable: UserId; readonly at: number }
  /** A moderator banned `banned`: the chat ends and the other side is told. */
  | { readonly type: 'moderate'; readonly banned: UserId; readonly at: number };

/** The other member of a chat. */
export function peerOf(chat: Pick<Chat, 'authorId' | 'readerId'>, user: UserId): UserId {
  return chat.authorId === user ? chat.readerId : chat.authorId;
}

/** True when `user` is one of the chat's two members. */
export function isMember(chat: Pick<Chat, 'authorId' | 'readerId'>, user: UserId): boolean {
  return chat.authorId === user || chat.readerId === user;
}
