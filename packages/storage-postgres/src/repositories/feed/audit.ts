import type { AuditEntry, AuditRepository, ItemId, UserId } from '@anonboard/core';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

/** The SQL of the audit log. */
export const auditSql = defineSql('audit', {
  add: 'INSERT INTO feed_audit (item_id, action, actor, at, reason) VALUES ($1, $2, $3, $4, $5)',
  list: `SELECT item_id, action, actor, at, reason FROM feed_audit
    WHERE item_id = $1 ORDER BY seq`,
});

interface AuditRow {
  readonly item_id: string;
  readonly action: AuditEntry['action'];
  readonly actor: string | null;
  readonly at: number;
  readonly reason: string | null;
}

export class PostgresAuditRepository implements AuditRepository {
  constructor(private readonly db: TxScope) {}

  async add(entry: AuditEntry): Promise<void> {
    await this.db.run(auditSql.add, [entry.itemId, entry.action, entry.by, entry.at, entry.reason]);
  }

  async list(itemId: ItemId): Promise<AuditEntry[]> {
    const rows = await this.db.rows<AuditRow>(auditSql.list, [itemId]);
    return rows.map((row) => ({
      itemId: row.item_id as ItemId,
      action: row.action,
      by: row.actor as UserId | null,
      at: row.at,
      reason: row.reason,
    }));
  }
}
