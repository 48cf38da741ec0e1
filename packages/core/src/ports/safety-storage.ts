import type { ChatId, UserId } from '../ids.js';

/** An escalating cooldown: how far it went, until when it holds, when it was last earned. */
export interface Cooldown {
  readonly level: number;
  readonly until: number;
  readonly lastViolation: number;
}

/** Sliding-window counters and cooldowns: the one mechanism behind every rate limit. */
export interface LimitRepository {
  /**
   * Counts the hits of `key` in the window `(now - windowMs, now]`; when fewer than `max`, records
   * one more and allows it. `oldest` is the oldest hit in the window (when it leaves, room frees).
   * Atomic within the transaction.
   */
  take(
    key: string,
    now: number,
    windowMs: number,
    max: number,
  ): Promise<{ allowed: boolean; oldest: number | null }>;
  /**
   * Forgets one hit of `key` at `at` that a `take` of this transaction recorded: a take asked
   * before knowing it counts (to share a round trip with the reads beside it) is given back when
   * it does not. Optional: without it core takes only once it knows the take counts (the same
   * rules, asked later); memory, SQLite and PostgreSQL have it.
   */
  takeBack?(key: string, at: number): Promise<void>;
  getCooldown(key: string): Promise<Cooldown | undefined>;
  setCooldown(key: string, cooldown: Cooldown): Promise<void>;
  /** Forgets hits older than `before` and cooldowns whose last violation is older. */
  purgeBefore(before: number): Promise<number>;
}

/** One relayed message as history keeps it: who, where, when, a summary — never the media. */
export interface HistoryRecord {
  readonly chatId: ChatId;
  readonly from: UserId;
  readonly to: UserId;
  /** The message ids in the sender's chat with the bot (platform refs). */
  readonly messageIds: readonly number[];
  /** Text or caption, or the kind of media (`[фото]`); empty when unknown. */
  readonly summary: string;
  readonly at: number;
}

/** Relayed messages, kept for reports and exports until the retention period ends. */
export interface HistoryRepository {
  add(record: HistoryRecord): Promise<void>;
  /** The last `limit` messages of a chat, oldest first. */
  lastOfChat(chatId: ChatId, limit: number): Promise<HistoryRecord[]>;
  /** Every message of a chat, oldest first (bounded by `limit`). */
  ofChat(chatId: ChatId, limit: number): Promise<HistoryRecord[]>;
  /** Deletes messages older than `before`; returns how many. */
  purgeBefore(before: number, limit: number): Promise<number>;
  /** Deletes every message a person sent; returns how many. */
  deleteFrom(userId: UserId): Promise<number>;
}

/**
 * What outlives `/forgetme` of a blocked or banned person, under a keyed one-way name: no
 * platform id, and nothing that leads back to the forgotten person's old records.
 */
export interface Tombstone {
  /** HMAC-SHA256 of the platform id under the installation's secret (base64url). */
  readonly key: string;
  /**
   * The id the person's blocks were moved to when they forgot: a placeholder no person has,
   * until the same account comes back and the blocks move to its new person.
   */
  readonly ghost: UserId;
  /** They were banned: the account comes back banned. */
  readonly banned: boolean;
  readonly at: number;
}

/** Tombstones of forgotten people, and the installation's secret that keys them. */
export interface TombstoneRepository {
  /**
   * The installation's secret: the stored one, or `candidate`, stored now, on first use. Atomic:
   * of two racing first uses one candidate wins and both get it.
   */
  secret(candidate: string): Promise<string>;
  /** Stores a tombstone (replacing one under the same key). */
  put(tombstone: Tombstone): Promise<void>;
  /** Reads and deletes the tombstone under `key`, if any. */
  take(key: string): Promise<Tombstone | undefined>;
  /**
   * Bans the account behind the tombstone with this ghost (a report against a forgotten person,
   * resolved with a ban); false when no tombstone has it (the account came back, or never was).
   */
  banGhost(ghost: UserId): Promise<boolean>;
}
