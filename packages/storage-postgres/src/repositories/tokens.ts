import type { ActionTokenRecord, TokenRepository } from '@anonboard/core';
import type { TokenRow } from '@anonboard/core/sql';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

/** The SQL of the token repository. */
export const tokensSql = defineSql('tokens', {
  // Every record of one call in one statement ($1: a JSON array of records).
  add: `INSERT INTO tokens (token, user_id, action, group_key, created_at)
    SELECT r->>'token', r->>'userId', r->'action', r->>'group', (r->>'createdAt')::double precision
    FROM jsonb_array_elements($1::jsonb) AS t(r)`,
  get: 'SELECT token, user_id, action, group_key, created_at FROM tokens WHERE token = $1',
  // The whole group goes in one statement. Of two racing presses, the second waits for the
  // first's row locks; once the first commits, its rows are gone and the second deletes nothing.
  consume: `DELETE FROM tokens
    WHERE group_key = (SELECT group_key FROM tokens WHERE token = $1)`,
  deleteFor: 'DELETE FROM tokens WHERE user_id = $1',
  purgeBefore: `DELETE FROM tokens WHERE token IN (
      SELECT token FROM tokens WHERE created_at < $1 ORDER BY created_at LIMIT $2
    )`,
});

export class PostgresTokenRepository implements TokenRepository {
  constructor(private readonly db: TxScope) {}

  async add(records: readonly ActionTokenRecord[]): Promise<void> {
    if (records.length === 0) {
      this.db.check();
      return;
    }
    this.db.later(tokensSql.add, [JSON.stringify(records)]);
  }

  async get(token: string): Promise<ActionTokenRecord | undefined> {
    const row = await this.db.row<TokenRow>(tokensSql.get, [token]);
    return row && read.token(row);
  }

  async consume(token: string): Promise<boolean> {
    return (await this.db.run(tokensSql.consume, [token])) > 0;
  }

  async deleteFor(userId: string): Promise<number> {
    return this.db.run(tokensSql.deleteFor, [userId]);
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    return this.db.run(tokensSql.purgeBefore, [before, Math.max(0, limit)]);
  }
}
