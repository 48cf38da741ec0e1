import type { AuditEntry, AuditRepository } from '@anonboard/core';
import type { AuditRow } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

/** The SQL of the audit log (exported for query-plan tests). */
export const auditSql = {
  add: 'INSERT INTO feed_audit (item_id, action, actor_id, at, reason) VALUES (?, ?, ?, ?, ?)',
  list: 'SELECT item_id, action, actor_id, at, reason FROM feed_audit WHERE item_id = ? ORDER BY seq',
} as const;

export interface AuditStatements {
  readonly add: Statement<[string, string, string | null, number, string | null]>;
  readonly list: Statement<[string], AuditRow>;
}

export function prepareAudit(db: Database): AuditStatements {
  return {
    add: db.prepare<[string, string, string | null, number, string | null]>(auditSql.add),
    list: db.prepare<[string], AuditRow>(auditSql.list),
  };
}

export class SqliteAuditRepository implements AuditRepository {
  constructor(
    private readonly s: AuditStatements,
    private readonly scope: TxScope,
  ) {}

  async add(entry: AuditEntry): Promise<void> {
    this.scope.check();
    this.s.add.run(entry.itemId, entry.action, entry.by, entry.at, entry.reason);
  }

  async list(itemId: string): Promise<AuditEntry[]> {
    this.scope.check();
    return this.s.list.all(itemId).map(read.audit);
  }
}
