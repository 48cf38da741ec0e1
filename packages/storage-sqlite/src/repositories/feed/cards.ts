import type { CardRepository, UserId } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

/** The SQL of the admin cards (exported for query-plan tests). */
export const cardsSql = {
  // One card per admin: a redelivered card replaces where it is.
  put: `INSERT INTO feed_cards (item_id, admin_id, message_id) VALUES (?, ?, ?)
        ON CONFLICT (item_id, admin_id) DO UPDATE SET message_id = excluded.message_id`,
  list: 'SELECT admin_id, message_id FROM feed_cards WHERE item_id = ? ORDER BY seq',
} as const;

export interface CardRow {
  readonly admin_id: string;
  readonly message_id: number;
}

export interface CardStatements {
  readonly put: Statement<[string, string, number]>;
  readonly list: Statement<[string], CardRow>;
}

export function prepareCards(db: Database): CardStatements {
  return {
    put: db.prepare<[string, string, number]>(cardsSql.put),
    list: db.prepare<[string], CardRow>(cardsSql.list),
  };
}

export class SqliteCardRepository implements CardRepository {
  constructor(
    private readonly s: CardStatements,
    private readonly scope: TxScope,
  ) {}

  async put(itemId: string, admin: string, messageId: number): Promise<void> {
    this.scope.check();
    this.s.put.run(itemId, admin, messageId);
  }

  async list(itemId: string): Promise<{ admin: UserId; messageId: number }[]> {
    this.scope.check();
    return this.s.list
      .all(itemId)
      .map((row) => ({ admin: row.admin_id as UserId, messageId: row.message_id }));
  }
}
