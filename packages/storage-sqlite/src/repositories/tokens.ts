import type { ActionTokenRecord, TokenRepository } from '@anonboard/core';
import type { TokenRow } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/** The SQL of the token repository (exported for query-plan tests). */
export const tokensSql = {
  add: `INSERT INTO tokens (token, user_id, action, group_key, created_at)
    VALUES (?, ?, ?, ?, ?)`,
  get: 'SELECT token, user_id, action, group_key, created_at FROM tokens WHERE token = ?',
  // The whole group goes in one statement: of two racing presses only one deletes anything.
  consume: `DELETE FROM tokens
    WHERE group_key = (SELECT group_key FROM tokens WHERE token = ?)`,
  deleteFor: 'DELETE FROM tokens WHERE user_id = ?',
  purgeBefore: `DELETE FROM tokens WHERE token IN (
      SELECT token FROM tokens WHERE created_at < ? ORDER BY created_at LIMIT ?
    )`,
} as const;

export interface TokenStatements {
  readonly add: Statement<[string, string, string, string, number]>;
  readonly get: Statement<[string], TokenRow>;
  readonly consume: Statement<[string]>;
  readonly deleteFor: Statement<[string]>;
  readonly purgeBefore: Statement<[number, number]>;
}

export function prepareTokens(db: Database): TokenStatements {
  return {
    add: db.prepare<[string, string, string, string, number]>(tokensSql.add),
    get: db.prepare<[string], TokenRow>(tokensSql.get),
    consume: db.prepare<[string]>(tokensSql.consume),
    deleteFor: db.prepare<[string]>(tokensSql.deleteFor),
    purgeBefore: db.prepare<[number, number]>(tokensSql.purgeBefore),
  };
}

export class SqliteTokenRepository implements TokenRepository {
  constructor(
    private readonly s: TokenStatements,
    private readonly scope: TxScope,
  ) {}

  async add(records: readonly ActionTokenRecord[]): Promise<void> {
    this.scope.check();
    for (const r of records) {
      this.s.add.run(r.token, r.userId, JSON.stringify(r.action), r.group, r.createdAt);
    }
  }

  async get(token: string): Promise<ActionTokenRecord | undefined> {
    this.scope.check();
    const row = this.s.get.get(token);
    return row && read.token(row);
  }

  async consume(token: string): Promise<boolean> {
    this.scope.check();
    return this.s.consume.run(token).changes > 0;
  }

  async deleteFor(userId: string): Promise<number> {
    this.scope.check();
    return this.s.deleteFor.run(userId).changes;
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    this.scope.check();
    return this.s.purgeBefore.run(before, limit).changes;
  }
}
