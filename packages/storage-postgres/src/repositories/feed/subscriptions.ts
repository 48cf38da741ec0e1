import type { Subscription, SubscriptionRepository, UserId } from '@anonboard/core';
import {
  positional,
  type SubscriptionRow,
  subscriptionColumns,
  subscriptionParams,
} from '@anonboard/core/sql';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

const columns = 'user_id, sources, keywords, threshold, updated_at';

/** The SQL of the subscription repository. */
export const subscriptionsSql = defineSql('subscriptions', {
  // The upsert and the version bump commit together; concurrent puts take turns on the
  // counter's row, and `value + 1` is re-read on its latest version, so no bump is lost.
  put: `WITH put AS (
      INSERT INTO feed_subscriptions (${columns}) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (user_id) DO UPDATE SET sources = EXCLUDED.sources,
        keywords = EXCLUDED.keywords, threshold = EXCLUDED.threshold,
        updated_at = EXCLUDED.updated_at
    )
    UPDATE feed_counters SET value = value + 1 WHERE name = 'subscriptions'`,
  // The version moves only when a subscription was there to delete, in the same transaction.
  remove: `WITH gone AS (DELETE FROM feed_subscriptions WHERE user_id = $1 RETURNING 1),
      bumped AS (
        UPDATE feed_counters SET value = value + 1
        WHERE name = 'subscriptions' AND EXISTS (SELECT 1 FROM gone)
      )
    SELECT count(*)::int AS removed FROM gone`,
  get: `SELECT ${columns} FROM feed_subscriptions WHERE user_id = $1`,
  list: `SELECT ${columns} FROM feed_subscriptions ORDER BY user_id`,
  version: `SELECT value FROM feed_counters WHERE name = 'subscriptions'`,
});

export class PostgresSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly db: TxScope) {}

  async put(s: Subscription): Promise<void> {
    await this.db.run(subscriptionsSql.put, positional(subscriptionColumns, subscriptionParams(s)));
  }

  async get(userId: UserId): Promise<Subscription | undefined> {
    const row = await this.db.row<SubscriptionRow>(subscriptionsSql.get, [userId]);
    return row && read.subscription(row);
  }

  async remove(userId: UserId): Promise<boolean> {
    const row = await this.db.row<{ removed: number }>(subscriptionsSql.remove, [userId]);
    return row?.removed === 1;
  }

  async list(): Promise<Subscription[]> {
    return (await this.db.rows<SubscriptionRow>(subscriptionsSql.list)).map(read.subscription);
  }

  async version(): Promise<number> {
    // bigint: a string from node-postgres.
    const row = await this.db.row<{ value: string }>(subscriptionsSql.version);
    return Number(row?.value ?? 0);
  }
}
