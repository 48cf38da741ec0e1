import type { MediaFile } from '../effects.js';
import type { SourceId, UserId } from '../ids.js';

/** A channel or chat the userbot watches. */
export interface Source {
  readonly id: SourceId;
  /** The platform's reference: the Bot API chat id of the channel (`-100<id>`), as the userbot and forwards report it. */
  readonly ref: string;
  /** Shown on admin cards and in posts: the channel's title. */
  readonly title: string;
  /** Public link to the channel, when it has one. */
  readonly link: string | null;
  /** Who added it (null: configured by the operator). */
  readonly addedBy: UserId | null;
  readonly createdAt: number;
}

/** A person's interest: which sources, which keywords, how important. One per person. */
export interface Subscription {
  readonly userId: UserId;
  /** Sources watched; empty means every source. */
  readonly sources: readonly SourceId[];
  /** Keywords or phrases; empty means every message of the sources. */
  readonly keywords: readonly string[];
  /** Minimum score 0..1; null takes the feed's default. */
  readonly threshold: number | null;
  readonly updatedAt: number;
}

/** The feed's configuration. */
export interface FeedSettings {
  /** Where approved posts are published (platform channel ref); null until configured. */
  readonly channel: string | null;
  /** Who moderates. */
  readonly admins: readonly UserId[];
  /** Threshold for subscriptions without their own. */
  readonly defaultThreshold: number;
  /** What the feed is about, for scorers that judge importance against it. */
  readonly topic: string;
}

/** A message seen in a source, as an adapter (userbot or a forward to the bot) reports it. */
export interface SourceMessage {
  /** The source's platform reference (see {@link Source.ref}). */
  readonly sourceRef: string;
  /** The message's id in its source. */
  readonly messageId: number;
  /** Text or caption; may be empty for media without a caption. */
  readonly text: string;
  /** Media kind, when not plain text (`photo`, `video`, …). */
  readonly media?: string;
  /**
   * The media's files as the bot can send them (a Bot API source: a channel the bot administers,
   * a forward), in order; several make an album. Carried to the admins' cards and the channel.
   */
  readonly files?: readonly MediaFile[];
  /** When it was posted, ms since the epoch. */
  readonly date: number;
  /** Public link to the message, when there is one. */
  readonly link?: string;
}

/** What became of an ingested message; kept for statistics. */
export type IngestOutcome =
  | 'unwatched'
  | 'duplicate'
  | 'repost'
  | 'dropped_keywords'
  | 'dropped_score'
  | 'queued'
  | 'manual_review';
