import type { FeedSettings, IngestOutcome, Source, Subscription } from '../feed/source.js';
import type { ItemId, SourceId, UserId } from '../ids.js';
import type { AuditEntry, ItemScore, ModerationItem } from '../moderation/item.js';

/** Watched sources. */
export interface SourceRepository {
  /** Adds a source unless one with the same ref exists; returns the stored one. Atomic. */
  add(source: Source): Promise<Source>;
  get(id: SourceId): Promise<Source | undefined>;
  getByRef(ref: string): Promise<Source | undefined>;
  list(): Promise<Source[]>;
  remove(id: SourceId): Promise<boolean>;
}

/** Subscriptions, one per person. */
export interface SubscriptionRepository {
  put(subscription: Subscription): Promise<void>;
  get(userId: UserId): Promise<Subscription | undefined>;
  /** Deletes a person's subscription (bumps the version when there was one). */
  remove(userId: UserId): Promise<boolean>;
  /** Every subscription, for compiling the matcher (only keywords, sources and thresholds are used). */
  list(): Promise<Subscription[]>;
  /** Increases whenever a subscription changes, so every process knows when to recompile. */
  version(): Promise<number>;
}

/** The feed's settings (a single row). */
export interface FeedSettingsRepository {
  get(): Promise<FeedSettings | undefined>;
  put(settings: FeedSettings): Promise<void>;
}

/**
 * Ingested messages counted for statistics: per source, per time bucket, per outcome, and per
 * status of the item a message queued (null when it queued none).
 *
 * ```ts
 * const row: IngestTally = { sourceId, bucket: 1_764_838_800_000, outcome: 'queued', itemStatus: 'published', count: 3 };
 * ```
 */
export interface IngestTally {
  readonly sourceId: SourceId;
  /** The bucket's start: the message's `at` rounded down to a multiple of `bucketMs`. */
  readonly bucket: number;
  readonly outcome: IngestOutcome | 'pending';
  readonly itemStatus: ModerationItem['status'] | null;
  readonly count: number;
}

/** Messages seen in sources: dedup and what became of them. */
export interface IngestRepository {
  /**
   * Records a message unless seen before: `duplicate` when (source, message id) was seen,
   * `repost` when the same content hash was seen from any source, else `new`. Atomic.
   */
  claim(input: {
    sourceId: SourceId;
    messageId: number;
    contentHash: string;
    at: number;
  }): Promise<'new' | 'duplicate' | 'repost'>;
  /** Records the outcome of a claimed message (and its item, when one was queued). */
  settle(
    sourceId: SourceId,
    messageId: number,
    outcome: IngestOutcome,
    itemId: ItemId | null,
  ): Promise<void>;
  /** The item queued for a message, if any (edits update it). */
  itemFor(sourceId: SourceId, messageId: number): Promise<ItemId | undefined>;
  /** Counts of outcomes of messages ingested at or after `since`. */
  outcomes(since: number): Promise<Partial<Record<IngestOutcome | 'pending', number>>>;
  /**
   * Messages ingested in [`since`, `until`), counted per source, per bucket of `bucketMs`
   * (aligned to the epoch), per outcome and per status of the item each queued. One grouped
   * query: the rows grow with sources × buckets, not with messages.
   */
  tally(window: { since: number; until: number; bucketMs: number }): Promise<IngestTally[]>;
}

/** Scores by content hash, so a message is scored once even across restarts. */
export interface ScoreCacheRepository {
  get(contentHash: string): Promise<ItemScore | undefined>;
  put(contentHash: string, score: ItemScore, at: number): Promise<void>;
}

/** Moderation items. */
export interface ItemRepository {
  insert(item: ModerationItem): Promise<void>;
  get(id: ItemId): Promise<ModerationItem | undefined>;
  /** Compare-and-set on status. */
  update(next: ModerationItem, expected: ModerationItem['status']): Promise<boolean>;
  /** Items waiting for a decision (queued or claimed), oldest first. */
  listOpen(limit: number): Promise<ModerationItem[]>;
  /** Items created at or after `since`, for statistics (origin kind, status, times). */
  listSince(since: number, limit: number): Promise<ModerationItem[]>;
  /** Reports a person made or was the subject of, oldest first, at most `limit`. */
  listReportsAbout(userId: UserId, limit: number): Promise<ModerationItem[]>;
}

/** The audit log of moderation decisions. */
export interface AuditRepository {
  add(entry: AuditEntry): Promise<void>;
  list(itemId: ItemId): Promise<AuditEntry[]>;
}

/** Where each admin's card of an item is, so a decision can revise all of them. */
export interface CardRepository {
  /** Records where `admin`'s card is; one per admin: a redelivered card replaces the old place. */
  put(itemId: ItemId, admin: UserId, messageId: number): Promise<void>;
  /** Each admin's card of the item, in the order they were first recorded. */
  list(itemId: ItemId): Promise<{ admin: UserId; messageId: number }[]>;
}

/** The monitoring feed's repositories, as seen inside one transaction. */
export interface FeedRepositories {
  readonly sources: SourceRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly settings: FeedSettingsRepository;
  readonly ingest: IngestRepository;
  readonly scores: ScoreCacheRepository;
  readonly items: ItemRepository;
  readonly audit: AuditRepository;
  readonly cards: CardRepository;
}
