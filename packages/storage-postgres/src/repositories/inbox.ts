import type { InboxRepository } from '@anonboard/core';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

/** The SQL of the inbox. */
export const inboxSql = defineSql('inbox', {
  // The primary key decides: a replayed key inserts nothing, even from another instance (a
  // concurrent claim of the same key waits for the first transaction and then inserts nothing).
  claim: 'INSERT INTO inbox (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
  purgeBefore: 'DELETE FROM inbox WHERE at < $1',
});

export class PostgresInboxRepository implements InboxRepository {
  constructor(private readonly db: TxScope) {}

  async claim(key: string, at: number): Promise<boolean> {
    return (await this.db.run(inboxSql.claim, [key, at])) === 1;
  }

  async purgeBefore(before: number): Promise<number> {
    return this.db.run(inboxSql.purgeBefore, [before]);
  }
}
