import type { ItemMedia } from '../effects.js';
import type { ChatId, ItemId, UserId } from '../ids.js';

/** What the scorer said, and which scorer said it. */
export interface ItemScore {
  readonly value: number;
  readonly reason: string;
  readonly scorer: string;
  /**
   * What the scorer noticed besides the score: `injection` — the text seems to instruct the
   * scorer (the score and its reason may be the author's, not the scorer's). Absent: nothing.
   */
  readonly flags?: readonly ScoreFlag[];
}

/** A warning a scorer attaches to its score (see {@link ItemScore.flags}). */
export type ScoreFlag = 'injection';

/** Why an item is in manual review (it has no score). */
export type ReviewReason =
  /** The scorer failed (an error, a refusal, a network failure). */
  | 'failed'
  /** The scorer did not answer in time. */
  | 'timeout'
  /** The scorer answered something that is not a score in [0, 1]. */
  | 'invalid'
  /** Nothing to score: media without a caption. */
  | 'no_text';

/** Why a monitored or forwarded item was not scored: a reason admins read, and the error itself. */
export interface ItemReview {
  readonly reason: ReviewReason;
  /** What the scorer threw, as it was (admins only; never shown to authors or in the channel). */
  readonly error: string;
}

/** One line of a report's evidence: which side wrote it (a role, never a person), what, when. */
export interface EvidenceLine {
  readonly side: 'reporter' | 'reported';
  readonly summary: string;
  readonly at: number;
}

/** What an admin decided about a report. */
export type ReportOutcome = 'dismissed' | 'warned' | 'banned';

/**
 * What a person offers with a post they suggested in the channel's own direct messages: a price
 * (Telegram Stars `XTR`, or `TON` in nanotons) and a time they asked it to go out at.
 *
 * ```ts
 * const offer: DirectOffer = { price: { currency: 'XTR', amount: 100 }, sendAt: null };
 * ```
 */
export interface DirectOffer {
  readonly price: { readonly currency: 'XTR' | 'TON'; readonly amount: number } | null;
  /** When the author asked it to be published, ms since the epoch; null: whenever approved. */
  readonly sendAt: number | null;
}

/** Where an item came from. */
export type ItemOrigin =
  | { readonly kind: 'suggestion'; readonly authorId: UserId }
  | {
      readonly kind: 'report';
      readonly chatId: ChatId;
      /** The chat's label (the ad's title). */
      readonly chatLabel: string;
      readonly reporter: UserId;
      readonly reported: UserId;
      /** The last relayed messages of the chat, by role. */
      readonly evidence: readonly EvidenceLine[];
    }
  | {
      readonly kind: 'monitored';
      readonly sourceTitle: string;
      readonly link: string | null;
    }
  | {
      readonly kind: 'forwarded';
      readonly sourceTitle: string;
      readonly link: string | null;
      /**
       * Who forwarded it to the bot: its author for the feed's purposes (told when it is queued,
       * published or rejected, like a suggester). Absent when ingested without a person.
       */
      readonly forwardedBy?: UserId;
    }
  /**
   * A message in the channel's own direct messages (the platform's suggested posts): decided
   * natively on the platform, which tells its author itself. Nothing names the author.
   */
  | {
      readonly kind: 'direct';
      /** The channel's title, shown on cards. */
      readonly channelTitle: string;
      /** The direct messages chat (platform ref) and the message's id in it. */
      readonly chatRef: string;
      readonly messageId: number;
      /** The suggested post's offer; null for a plain message (no suggestion). */
      readonly offer: DirectOffer | null;
      /** Media kind of the message (`photo`, `video`, …), null for text. */
      readonly mediaKind: string | null;
    };

/** Something waiting for an admin's decision, and the decision. */
export type ModerationItem = {
  readonly id: ItemId;
  readonly origin: ItemOrigin;
  readonly text: string;
  /** Media of a suggestion, published as a copy with `text` as its caption. */
  readonly media: ItemMedia | null;
  /** Null when the scorer failed or timed out: the item is in manual review ("not scored"). */
  readonly score: ItemScore | null;
  /** Why a monitored or forwarded item has no score (absent for suggestions and scored items). */
  readonly review?: ItemReview;
  /** When its source message was last edited (the item took the new text and score). */
  readonly editedAt?: number;
  /** People whose subscriptions matched (told when it is published). */
  readonly interested: readonly UserId[];
  readonly createdAt: number;
} & (
  | { readonly status: 'queued' }
  | { readonly status: 'claimed'; readonly claimedBy: UserId; readonly claimedAt: number }
  /** `decidedBy` is null when the decision was made in the platform's own UI (it names no one). */
  | { readonly status: 'approved'; readonly decidedBy: UserId | null; readonly decidedAt: number }
  | {
      readonly status: 'published';
      readonly decidedBy: UserId | null;
      readonly decidedAt: number;
      readonly publishedAt: number;
    }
  | {
      readonly status: 'rejected';
      readonly decidedBy: UserId | null;
      readonly decidedAt: number;
      readonly reason: string | null;
    }
  | { readonly status: 'expired'; readonly decidedAt: number }
  | {
      readonly status: 'resolved';
      readonly decidedBy: UserId;
      readonly decidedAt: number;
      readonly outcome: ReportOutcome;
    }
);

/** Events of the moderation machine. */
export type ModerationEvent =
  /** An admin takes the item (e.g. to write a reason); others cannot act while the claim holds. */
  | { readonly type: 'claim'; readonly by: UserId; readonly at: number; readonly leaseMs: number }
  | { readonly type: 'release'; readonly by: UserId; readonly at: number }
  | {
      readonly type: 'approve';
      readonly by: UserId;
      readonly at: number;
      readonly leaseMs: number;
      readonly channel: string;
      /** The post, in the ordered parts the platform can carry (one when it fits). */
      readonly parts: readonly string[];
      /** A direct suggestion: when it goes out (ms), if the admin chose a time. */
      readonly sendAt?: number;
      /** A paid direct suggestion: the price on the card the admin pressed (it must still hold). */
      readonly price?: DirectOffer['price'];
    }
  | {
      readonly type: 'reject';
      readonly by: UserId;
      readonly at: number;
      readonly leaseMs: number;
      readonly reason: string | null;
    }
  /** An admin decides a report. */
  | {
      readonly type: 'resolve';
      readonly by: UserId;
      readonly at: number;
      readonly leaseMs: number;
      readonly outcome: ReportOutcome;
    }
  /** The channel post was delivered (a direct suggestion: the platform took the approval). */
  | { readonly type: 'publish'; readonly at: number }
  | { readonly type: 'expire'; readonly at: number }
  /** A direct suggestion was approved in the platform's own UI: it is published there. */
  | { readonly type: 'platformApproved'; readonly at: number }
  /** A direct suggestion was declined in the platform's own UI, with the comment its author saw. */
  | { readonly type: 'platformDeclined'; readonly at: number; readonly comment: string | null }
  /**
   * The platform refused the bot's native decision for good (the post was decided meanwhile,
   * the bot lacks a right, the date passed): the item waits again.
   */
  | { readonly type: 'refused'; readonly at: number; readonly error: string };

/** One line of the audit log: every decision about an item. */
export interface AuditEntry {
  readonly itemId: ItemId;
  readonly action: ModerationEvent['type'];
  /** The admin, or null for the system (publish, expire). */
  readonly by: UserId | null;
  readonly at: number;
  readonly reason: string | null;
}
