import type { ItemMedia } from '../effects.js';
import type { ActionToken, ChatId, InviteId, ItemId, UserId } from '../ids.js';
import type { DirectOffer, ReportOutcome } from '../moderation/item.js';

/** What pressing a button does. Stored server-side behind an opaque token. */
export type Action =
  | { readonly type: 'invite.accept'; readonly inviteId: InviteId }
  | { readonly type: 'invite.decline'; readonly inviteId: InviteId }
  /** Relay a waiting message (or album) into the chosen chat. */
  | {
      readonly type: 'relay.choose';
      readonly chatId: ChatId;
      readonly messageIds: readonly number[];
      /** What the message says, for the history. */
      readonly summary: string;
    }
  | { readonly type: 'chat.end'; readonly chatId: ChatId }
  | { readonly type: 'chat.block'; readonly chatId: ChatId }
  /**
   * An admin approves an item from its card. A paid suggested post's button binds the price its
   * card showed; a delay schedules a suggested post that many ms after the press.
   */
  | {
      readonly type: 'item.approve';
      readonly itemId: ItemId;
      readonly price?: DirectOffer['price'];
      readonly delayMs?: number;
    }
  /** An admin starts rejecting: the item is claimed and a reason asked for. */
  | { readonly type: 'item.claimReject'; readonly itemId: ItemId }
  /** An admin rejects a claimed item without a reason. */
  | { readonly type: 'item.reject'; readonly itemId: ItemId }
  /** An admin reads the whole text of an item its card shows shortened. Can be pressed again. */
  | { readonly type: 'item.show'; readonly itemId: ItemId }
  /** An author reads the whole text of a suggestion its preview shows shortened. Can be pressed again. */
  | { readonly type: 'suggest.show'; readonly text: string }
  /** The author confirms or cancels a suggested post shown as a preview. */
  | { readonly type: 'suggest.confirm'; readonly draft: SuggestionDraft }
  | { readonly type: 'suggest.cancel' }
  /** An admin decides a report from its card. */
  | { readonly type: 'report.resolve'; readonly itemId: ItemId; readonly outcome: ReportOutcome }
  /** A person with several chats chose which one to report. */
  | { readonly type: 'chat.report'; readonly chatId: ChatId; readonly reason: string };

/** A suggested post waiting for its author's confirmation. */
export interface SuggestionDraft {
  readonly text: string;
  readonly media: ItemMedia | null;
}

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
