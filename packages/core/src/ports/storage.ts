import type { Ad } from '../ads/ad.js';
import type { Chat } from '../chats/chat.js';
import type { Effect } from '../effects.js';
import type { ActionToken, AdId, ChatId, InviteId, Locale, UserId } from '../ids.js';
import type { Invite } from '../invites/invite.js';
import type { ActionTokenRecord } from '../shell/actions.js';
import type { User } from '../users/user.js';
import type { FeedRepositories } from './feed-storage.js';
import type { Logger } from './logger.js';
import type { HistoryRepository, LimitRepository, TombstoneRepository } from './safety-storage.js';

/** People: the one table that maps internal ids to platform ids. */
export interface UserRepository {
  /** Returns the user with this platform id, creating it with `id` when new. Atomic. */
  ensure(input: { id: UserId; platformId: string; locale: Locale; at: number }): Promise<User>;
  get(id: UserId): Promise<User | undefined>;
  getByPlatformId(platformId: string): Promise<User | undefined>;
  /** Updates the mutable fields of a user. */
  /** Updates the mutable fields of a user (a new `platformId` anonymises a forgotten person). */
  update(
    id: UserId,
    patch: Partial<Pick<User, 'locale' | 'reachable' | 'draftAdId' | 'banned' | 'platformId'>>,
  ): Promise<void>;
}

/** Filter and page for ad listings (newest first). */
export interface AdQuery {
  /** Case-insensitive substring of title or text. */
  readonly search?: string;
  readonly authorId?: UserId;
  /** Only ads with this status; all statuses when absent. */
  readonly status?: Ad['status'];
  readonly limit: number;
  /** Only ads created strictly before this ad (the last one of the previous page). */
  readonly after?: AdId;
}

/** The built-in ad store. */
export interface AdRepository {
  insert(ad: Ad): Promise<void>;
  get(id: AdId): Promise<Ad | undefined>;
  /** Compare-and-set: writes `next` only while the stored status is `expected`. */
  update(next: Ad, expected: Ad['status']): Promise<boolean>;
  list(query: AdQuery): Promise<Ad[]>;
  /** Deletes every ad of an author (forgetting them). Returns how many. */
  deleteBy(authorId: UserId): Promise<number>;
}

/** Invites; at most one per (sender, ad), ever. */
export interface InviteRepository {
  /** Inserts unless this sender already has an invite for this ad; false then. Atomic. */
  insert(invite: Invite): Promise<boolean>;
  get(id: InviteId): Promise<Invite | undefined>;
  /** The invite this sender wrote about this ad, if any. */
  findBySenderAndAd(senderId: UserId, adId: AdId): Promise<Invite | undefined>;
  /** Compare-and-set on status. */
  update(next: Invite, expected: Invite['status']): Promise<boolean>;
  /** How many invites this sender created at or after `since`, and when the oldest of them was. */
  sentSince(senderId: UserId, since: number): Promise<{ count: number; oldest: number | null }>;
  /** Pending invites between two people, in either direction. */
  listPendingBetween(a: UserId, b: UserId): Promise<Invite[]>;
  /** How many invites created at or after `since` are in each status (for statistics). */
  countByStatus(since: number): Promise<Partial<Record<Invite['status'], number>>>;
  /** Invites created at or after `since` per UTC day (`YYYY-MM-DD`) and status. */
  countByDay(since: number): Promise<{ day: string; status: Invite['status']; count: number }[]>;
  /** Invites created at or after `since` per ad and status, for the `limit` ads with the most. */
  countByAd(
    since: number,
    limit: number,
  ): Promise<{ adId: AdId; status: Invite['status']; count: number }[]>;
  /** Blanks the content of every invite a person sent (forgetting them). Returns how many. */
  scrubFrom(senderId: UserId): Promise<number>;
  /** Pending invites a person sent or received, oldest first, at most `limit`. */
  listPendingFor(userId: UserId, limit: number): Promise<Invite[]>;
  /** Pending invites created before `before`, oldest first. */
  listPendingCreatedBefore(before: number, limit: number): Promise<Invite[]>;
}

/** Anonymous chats; at most one per invite. */
export interface ChatRepository {
  /** Inserts unless a chat for this invite exists; false then. Atomic. */
  insert(chat: Chat): Promise<boolean>;
  get(id: ChatId): Promise<Chat | undefined>;
  /** Compare-and-set on status. */
  update(next: Chat, expected: Chat['status']): Promise<boolean>;
  /** Active chats of a person, oldest first. */
  listActiveFor(userId: UserId): Promise<Chat[]>;
  /** Every chat of a person whatever its status, oldest first, at most `limit`. */
  listFor(userId: UserId, limit: number): Promise<Chat[]>;
  /** Chats opened at or after `since`, and chats ended or blocked at or after `since`. */
  tally(since: number): Promise<{ opened: number; ended: number; blocked: number }>;
}

/** Blocked pairs; a pair is unordered. */
export interface BlockRepository {
  add(a: UserId, b: UserId, at: number): Promise<void>;
  has(a: UserId, b: UserId): Promise<boolean>;
  /**
   * Moves every block of `from` to `to` (forgetting a person moves their blocks to a ghost id;
   * their return moves them to the new person). Returns how many blocks moved.
   */
  repoint(from: UserId, to: UserId): Promise<number>;
}

/** One side of a relayed message: who holds it and its id in their chat with the bot. */
export interface MessageSide {
  readonly userId: UserId;
  readonly messageId: number;
}

/** What the map knows about one message: its chat and the matching message on the other side. */
export interface MessageLink {
  readonly chatId: ChatId;
  readonly peer: MessageSide;
}

/** The durable map between relayed messages and their copies, for replies and edits. */
export interface MessageMapRepository {
  /** Links a message and its copy, both ways. Linking the same pair again is a no-op. */
  link(chatId: ChatId, a: MessageSide, b: MessageSide): Promise<void>;
  find(side: MessageSide): Promise<MessageLink | undefined>;
}

/** A button token store. */
export interface TokenRepository {
  add(records: readonly ActionTokenRecord[]): Promise<void>;
  get(token: ActionToken): Promise<ActionTokenRecord | undefined>;
  /** Deletes every token of the token's group; false when the token was already gone. Atomic. */
  consume(token: ActionToken): Promise<boolean>;
  /** Deletes every token a person may press (forgetting them). Returns how many. */
  deleteFor(userId: UserId): Promise<number>;
  /** Deletes up to `limit` tokens created before `before` (they expired). Returns how many. */
  purgeBefore(before: number, limit: number): Promise<number>;
}

/** Inbound dedup: remembers idempotency keys of processed updates. */
export interface InboxRepository {
  /** Records `key`; false when it was recorded before. Atomic. */
  claim(key: string, at: number): Promise<boolean>;
  /** Forgets keys recorded before `before` (replays older than that are no longer caught). */
  purgeBefore(before: number): Promise<number>;
}

/** One effect waiting in the outbox. */
export interface OutboxEntry {
  /** Increasing in insertion order. */
  readonly id: number;
  /** Entries of one lane are delivered one at a time, in id order. */
  readonly lane: string;
  readonly effect: Effect;
  /** Delivery attempts so far. */
  readonly attempts: number;
  readonly createdAt: number;
}

/** The outbox: effects written with the state change, delivered later by the dispatcher. */
export interface OutboxRepository {
  add(entries: readonly { lane: string; effect: Effect }[], at: number): Promise<void>;
  /**
   * Leases up to `limit` entries due at `now` to `owner` until `now + leaseMs`: for each lane only
   * its oldest undelivered entry, and only when no other dispatcher holds an unexpired lease on
   * it. Atomic. Without an owner the lease can be neither renewed nor released.
   */
  claim(now: number, limit: number, leaseMs: number, owner?: string): Promise<OutboxEntry[]>;
  /** Delivered: removes the entry. */
  complete(id: number): Promise<void>;
  /** Releases the lease and makes the entry due again at `availableAt`. */
  retry(id: number, availableAt: number, error: string): Promise<void>;
  /** Gives up on the entry (kept as dead, with the error, for inspection). */
  fail(id: number, error: string): Promise<void>;
  /**
   * The owner is still at work on these entries: those it still holds are leased until `until`
   * (one taken by another owner after its lease expired stays theirs). Returns how many.
   */
  renew(ids: readonly number[], owner: string, until: number): Promise<number>;
  /**
   * The owner is known to be dead (its process ended): its leases end now, so its entries are
   * delivered at once instead of after their lease. Returns how many were released.
   */
  release(owner: string): Promise<number>;
  /** Counts of entries still to deliver and of dead ones. */
  stats(): Promise<{ pending: number; dead: number }>;
  /** When the oldest entry still to deliver was written; null when none is waiting. */
  oldestPendingAt(): Promise<number | null>;
  /**
   * Every entry with an id above `afterId`, delivered or not (waiting, leased or dead), in id
   * order, at most `limit`: for purges that look at what entries carry (`complete` removes one).
   */
  list(afterId: number, limit: number): Promise<OutboxEntry[]>;
}

/** All repositories, as seen inside one transaction. */
export interface Repositories {
  readonly users: UserRepository;
  readonly ads: AdRepository;
  readonly invites: InviteRepository;
  readonly chats: ChatRepository;
  readonly blocks: BlockRepository;
  readonly messages: MessageMapRepository;
  readonly tokens: TokenRepository;
  readonly inbox: InboxRepository;
  readonly outbox: OutboxRepository;
  /** Rate limits and cooldowns. */
  readonly limits: LimitRepository;
  /** Relayed messages, for reports and exports. */
  readonly history: HistoryRepository;
  /** What outlives forgetting: blocks and bans under a keyed one-way name. */
  readonly tombstones: TombstoneRepository;
  /** The monitoring feed. */
  readonly feed: FeedRepositories;
}

/**
 * Durable state. Correctness comes from the storage itself (unique constraints, conditional
 * updates), never from in-process locks, so several processes can share one database.
 *
 * ```ts
 * const chat = await storage.transaction(async (tx) => tx.chats.get(chatId));
 * ```
 */
export interface Storage {
  /**
   * Runs `fn` atomically and isolated: all of its writes commit together, or none when it
   * throws (the error is rethrown).
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Releases connections and files. */
  close(): Promise<void>;
  /**
   * The owner id this storage's dispatchers lease outbox entries under, when the storage knows
   * one: a storage that holds its database alone (SQLite) gives a fresh one at each opening and
   * releases its dead predecessor's leases as it opens. Without it each dispatcher makes its own.
   */
  readonly leaseOwner?: string | undefined;
  /**
   * Calls `wake` soon after another process (another storage on the same database) commits
   * outbox entries, so a waiting dispatcher looks at once instead of at its next poll (its own
   * board's writes wake it anyway). Best effort: a missed call only delays delivery to that
   * poll. Returns what stops watching. Optional: without it dispatchers of other processes poll.
   * The storage reports trouble with its wake-ups (a dropped connection) through `logger`.
   *
   * ```ts
   * const unwatch = storage.watchOutbox?.(() => dispatcher.kick(), { logger });
   * unwatch?.();
   * ```
   */
  watchOutbox?(wake: () => void, options?: { readonly logger?: Logger }): () => void;
  /**
   * Called after data was erased (a person forgotten): removes the copies the storage keeps
   * outside its tables, such as a write-ahead log's old page images (SQLite truncates its WAL).
   * Best effort, between transactions. Optional.
   */
  eraseTraces?(): Promise<void>;
}
