import type { ActionToken, ChatId, ItemId, UserId } from './ids.js';
import type { TextKey, TextParams } from './texts/keys.js';

/** A button in an effect: a text key for its label and the token it carries. */
export interface EffectButton {
  readonly label: TextKey;
  readonly params?: TextParams;
  readonly token: ActionToken;
}

/**
 * What the outside world should see happen, as plain data. Transitions return effects; services
 * write them to the outbox in the same transaction; the dispatcher delivers them. People are
 * internal ids here: platform addresses are looked up only at delivery.
 */
export type Effect =
  /** Tell someone something (rendered in their locale at delivery). */
  | {
      readonly type: 'notify';
      readonly to: UserId;
      readonly text: TextKey;
      readonly params?: TextParams;
      readonly buttons?: readonly (readonly EffectButton[])[];
      /** A moderation card: delivery records its message id so later decisions can revise it. */
      readonly card?: ItemId;
      /**
       * The parameter (someone's text) to shorten, visibly, when the rendered message would not
       * fit the platform; `note` says how much is shown (default `text.cut`).
       */
      readonly fit?: { readonly param: string; readonly note?: TextKey };
      /** Whose words its params carry: forgetting them removes it while undelivered. */
      readonly author?: UserId;
    }
  /** Re-render a notice the bot sent earlier (a moderation card after a decision). */
  | {
      readonly type: 'revise';
      readonly to: UserId;
      readonly messageId: number;
      readonly text: TextKey;
      readonly params?: TextParams;
      /** New buttons; none removes them. */
      readonly buttons?: readonly (readonly EffectButton[])[];
    }
  /** Copy a message (or album) from one person to another, never forwarding it. */
  | {
      readonly type: 'copy';
      readonly to: UserId;
      readonly from: UserId;
      readonly messageIds: readonly number[];
      /** The chat this relay belongs to: delivery records the message map for replies and edits. */
      readonly chatId?: ChatId;
      /** Message id on the recipient's side to reply to. */
      readonly replyTo?: number;
      readonly buttons?: readonly (readonly EffectButton[])[];
    }
  /** Mirror an edit onto a copy the bot sent earlier. */
  | {
      readonly type: 'edit';
      readonly to: UserId;
      readonly messageId: number;
      readonly text: string;
      readonly part: 'text' | 'caption';
      /** Whose words it carries: forgetting them removes it while undelivered. */
      readonly author?: UserId;
    }
  /** Send an item's media (a photo, an album…) to someone: an admin, above the item's card. */
  | {
      readonly type: 'media';
      readonly to: UserId;
      readonly media: ItemMedia;
    }
  /** Publish a post to a channel; delivery of an item's post marks the item published. */
  | {
      readonly type: 'publish';
      readonly channel: string;
      /** The text, or with `media` its caption (within the platform's caption limit). */
      readonly text: string;
      readonly itemId?: ItemId;
      /** The item's media (a photo, an album…), sent with `text` as the caption. */
      readonly media?: ItemMedia;
    }
  /**
   * Approve a post suggested in the channel's direct messages, natively: the platform publishes
   * it (at `sendAt`, else the time its author proposed, else now) and tells its author.
   */
  | {
      readonly type: 'approveSuggestion';
      /** The direct messages chat (platform ref). */
      readonly chat: string;
      readonly messageId: number;
      /** When it goes out, ms since the epoch; omitted: the author's proposed time, or now. */
      readonly sendAt?: number;
      readonly itemId: ItemId;
    }
  /** Decline a post suggested in the channel's direct messages, natively, with a comment its author sees. */
  | {
      readonly type: 'declineSuggestion';
      readonly chat: string;
      readonly messageId: number;
      readonly comment?: string;
      readonly itemId: ItemId;
    };

/**
 * One file of an item's media, as the platform knows it (Telegram: the bot's `file_id`, which
 * names a file without naming who sent it). Sent by that id, never forwarded.
 *
 * ```ts
 * const file: MediaFile = { kind: 'photo', fileId: 'AgACAgIAAxkBAAIB…' };
 * ```
 */
export interface MediaFile {
  readonly kind: MediaFileKind;
  readonly fileId: string;
}

/** Media a channel post can carry with a caption. */
export type MediaFileKind = 'photo' | 'video' | 'animation' | 'document' | 'audio' | 'voice';

/**
 * The media of an item (a suggestion, a forwarded or channel post): its files in order; several
 * make an album, which stays an album on admins' cards and in the channel.
 *
 * ```ts
 * const album: ItemMedia = { files: [{ kind: 'photo', fileId: 'a' }, { kind: 'video', fileId: 'b' }] };
 * ```
 */
export interface ItemMedia {
  readonly files: readonly MediaFile[];
}

/**
 * Media as stored (a storage's JSON, a draft kept in a button's token) read back: an
 * {@link ItemMedia} with files, else null. Media written before items carried file ids (the
 * copies of a person's messages, `{ from, messageIds }`) cannot be sent by id: the item keeps its
 * text, without media, rather than failing every card and post.
 *
 * ```ts
 * storedMedia({ files: [{ kind: 'photo', fileId: 'a' }] }); // the same media
 * storedMedia({ from: 'u1', messageIds: [3] }); // null
 * ```
 */
export function storedMedia(value: unknown): ItemMedia | null {
  if (typeof value !== 'object' || value === null || !('files' in value)) return null;
  const { files } = value;
  return Array.isArray(files) && files.length > 0 ? { files: files as MediaFile[] } : null;
}

/**
 * The delivery lane of an effect: effects of one lane are delivered one at a time, in order.
 * One lane per recipient keeps each person's messages in the order they were written.
 */
export function laneOf(effect: Effect): string {
  switch (effect.type) {
    case 'publish':
      return `channel:${effect.channel}`;
    case 'approveSuggestion':
    case 'declineSuggestion':
      return `direct:${effect.chat}`;
    default:
      return `user:${effect.to}`;
  }
}
