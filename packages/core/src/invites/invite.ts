import type { AdId, ChatId, InviteId, UserId } from '../ids.js';

/** What the reader wrote: plain text (Mini App) or a platform message (or album) to copy. */
export type InviteContent =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'message'; readonly messageIds: readonly number[] };

/** The one first message a reader sends to an ad's author, and the author's answer. */
export type Invite = {
  readonly id: InviteId;
  readonly adId: AdId;
  /** The ad's title when the invite was sent (ads may live in another system). */
  readonly adTitle: string;
  readonly senderId: UserId;
  /** Looked up from the ad, never taken from client input. */
  readonly recipientId: UserId;
  readonly content: InviteContent;
  readonly createdAt: number;
} & (
  | { readonly status: 'pending' }
  | { readonly status: 'accepted'; readonly decidedAt: number; readonly chatId: ChatId }
  | { readonly status: 'declined' | 'expired' | 'withdrawn'; readonly decidedAt: number }
);

/** Events of the invite machine. Ids and times come in the event so transitions stay pure. */
export type InviteEvent =
  | {
      readonly type: 'accept';
      readonly by: UserId;
      readonly at: number;
      readonly chatId: ChatId;
    }
  | { readonly type: 'decline'; readonly by: UserId; readonly at: number }
  | { readonly type: 'withdraw'; readonly by: UserId; readonly at: number }
  | { readonly type: 'expire'; readonly at: number }
  /** The pair was blocked (on another chat): the invite quietly ends. */
  | { readonly type: 'cancel'; readonly at: number };
