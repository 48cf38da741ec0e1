import type { CardRepository, ItemId, UserId } from '@anonboard/core';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

/** The SQL of the admin cards. */
export const cardsSql = defineSql('cards', {
  put: `INSERT INTO feed_cards (item_id, admin, message_id) VALUES ($1, $2, $3)
    ON CONFLICT (item_id, admin) DO UPDATE SET message_id = EXCLUDED.message_id`,
  list: 'SELECT admin, message_id FROM feed_cards WHERE item_id = $1 ORDER BY seq',
});

export class PostgresCardRepository implements CardRepository {
  constructor(private readonly db: TxScope) {}

  async put(itemId: ItemId, admin: UserId, messageId: number): Promise<void> {
    await this.db.run(cardsSql.put, [itemId, admin, messageId]);
  }

  async list(itemId: ItemId): Promise<{ admin: UserId; messageId: number }[]> {
    // message_id is a bigint: a string from node-postgres.
    const rows = await this.db.rows<{ admin: string; message_id: string }>(cardsSql.list, [itemId]);
    return rows.map((row) => ({ admin: row.admin as UserId, messageId: Number(row.message_id) }));
  }
}
