import type { InboxRepository } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/** The SQL of the inbox (exported for query-plan tests). */
export const inboxSql = {
  // The primary key decides: a replayed key inserts nothing.
  claim: 'INSERT INTO inbox (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
  purgeBefore: 'DELETE FROM inbox WHERE at < ?',
} as const;

export interface InboxStatements {
  readonly claim: Statement<[string, number]>;
  readonly purgeBefore: Statement<[number]>;
}

export function prepareInbox(db: Database): InboxStatements {
  return {
    claim: db.prepare<[string, number]>(inboxSql.claim),
    purgeBefore: db.prepare<[number]>(inboxSql.purgeBefore),
  };
}

export class SqliteInboxRepository implements InboxRepository {
  constructor(
    private readonly s: InboxStatements,
    private readonly scope: TxScope,
  ) {}

  async claim(key: string, at: number): Promise<boolean> {
    this.scope.check();
    return this.s.claim.run(key, at).changes === 1;
  }

  async purgeBefore(before: number): Promise<number> {
    this.scope.check();
    return this.s.purgeBefore.run(before).changes;
  }
}
