import type { ActionToken, ChatId, InviteId, UserId } from '../ids.js';

/** What pressing a button does. Stored server-side behind an opaque token. */
export type Action =
  | { readonly type: 'invite.accept'; readonly inviteId: InviteId }
  | { readonly type: 'invite.decline'; readonly inviteId: InviteId }
  /** Relay a waiting message (or album) into the chosen chat. */
  | {
      readonly type: 'relay.choose';
      readonly chatId: ChatId;
      readonly messageIds: readonly number[];
    }
  | { readonly type: 'chat.end'; readonly chatId: ChatId }
  | { readonly type: 'chat.block'; readonly chatId: ChatId };

/**
 * A button's token and what it may do. Tokens of one `group` are alternatives (accept / decline,
 * the chats of a chooser): consuming one consumes the whole group, atomically.
 */
export interface ActionTokenRecord {
  readonly token: ActionToken;
  /** The only person allowed to press it. */
  readonly userId: UserId;
  readonly action: Action;
  readonly group: string;
  readonly createdAt: number;
}
