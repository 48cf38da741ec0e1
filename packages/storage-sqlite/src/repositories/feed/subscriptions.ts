import type { Subscription, SubscriptionRepository } from '@anonboard/core';
import { type SubscriptionRow, subscriptionParams } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

const columns = 'user_id, sources, keywords, threshold, updated_at';

/**
 * The SQL of the subscription repository (exported for query-plan tests). Triggers on
 * `feed_subscriptions` bump `feed_subscriptions_version` in the same transaction as the change.
 */
export const subscriptionsSql = {
  put: `INSERT INTO feed_subscriptions (${columns})
    VALUES (@user_id, @sources, @keywords, @threshold, @updated_at)
    ON CONFLICT (user_id) DO UPDATE SET sources = excluded.sources,
      keywords = excluded.keywords, threshold = excluded.threshold,
      updated_at = excluded.updated_at`,
  get: `SELECT ${columns} FROM feed_subscriptions WHERE user_id = ?`,
  remove: 'DELETE FROM feed_subscriptions WHERE user_id = ?',
  list: `SELECT ${columns} FROM feed_subscriptions ORDER BY user_id`,
  version: 'SELECT version FROM feed_subscriptions_version WHERE id = 1',
} as const;

type SubscriptionParams = ReturnType<typeof subscriptionParams>;

export interface SubscriptionStatements {
  readonly put: Statement<[SubscriptionParams]>;
  readonly get: Statement<[string], SubscriptionRow>;
  readonly remove: Statement<[string]>;
  readonly list: Statement<[], SubscriptionRow>;
  readonly version: Statement<[], number>;
}

export function prepareSubscriptions(db: Database): SubscriptionStatements {
  return {
    put: db.prepare<[SubscriptionParams]>(subscriptionsSql.put),
    get: db.prepare<[string], SubscriptionRow>(subscriptionsSql.get),
    remove: db.prepare<[string]>(subscriptionsSql.remove),
    list: db.prepare<[], SubscriptionRow>(subscriptionsSql.list),
    version: db.prepare<[], number>(subscriptionsSql.version).pluck(),
  };
}

export class SqliteSubscriptionRepository implements SubscriptionRepository {
  constructor(
    private readonly s: SubscriptionStatements,
    private readonly scope: TxScope,
  ) {}

  async put(subscription: Subscription): Promise<void> {
    this.scope.check();
    this.s.put.run(subscriptionParams(subscription));
  }

  async get(userId: string): Promise<Subscription | undefined> {
    this.scope.check();
    const row = this.s.get.get(userId);
    return row && read.subscription(row);
  }

  async remove(userId: string): Promise<boolean> {
    this.scope.check();
    // The delete trigger bumps the version only when a row went.
    return this.s.remove.run(userId).changes === 1;
  }

  async list(): Promise<Subscription[]> {
    this.scope.check();
    return this.s.list.all().map(read.subscription);
  }

  async version(): Promise<number> {
    this.scope.check();
    return this.s.version.get() ?? 0;
  }
}
