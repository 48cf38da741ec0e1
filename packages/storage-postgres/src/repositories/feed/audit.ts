import type { AuditEntry, AuditRepository, ItemId } from '@anonboard/core';
import type { AuditRow } from '@anonboard/core/sql';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

/** The SQL of the audit log. */
export const auditSql = defineSql('audit', {
  add: 'INSERT INTO feed_audit (item_id, action, actor, at, reason) VALUES ($1, $2, $3, $4, $5)',
  // The column is `actor` here and `actor_id` in SQLite: the alias gives the shared row's name.
  list: `SELECT item_id, action, actor AS actor_id, at, reason FROM feed_audit
    WHERE item_id = $1 ORDER BY seq`,
});

export class PostgresAuditRepository implements AuditRepository {
  constructor(private readonly db: TxScope) {}

  async add(entry: AuditEntry): Promise<void> {
    await this.db.run(auditSql.add, [entry.itemId, entry.action, entry.by, entry.at, entry.reason]);
  }

  async list(itemId: ItemId): Promise<AuditEntry[]> {
    const rows = await this.db.rows<AuditRow>(auditSql.list, [itemId]);
    return rows.map(read.audit);
  }
}
