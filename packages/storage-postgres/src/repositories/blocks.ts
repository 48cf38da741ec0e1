import type { BlockRepository } from '@anonboard/core';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

/** The SQL of the block repository. */
export const blocksSql = defineSql('blocks', {
  add: 'INSERT INTO blocks (low, high, at) VALUES ($1, $2, $3) ON CONFLICT (low, high) DO NOTHING',
  has: 'SELECT 1 AS one FROM blocks WHERE low = $1 AND high = $2',
  // Repointing deletes a person's blocks and adds them back, ordered, under the new id.
  take: 'DELETE FROM blocks WHERE low = $1 OR high = $1 RETURNING low, high, at',
});

/** The pair in the order it is stored: the unordered pair {a, b} as (min, max). */
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

export class PostgresBlockRepository implements BlockRepository {
  constructor(private readonly db: TxScope) {}

  async add(a: string, b: string, at: number): Promise<void> {
    await this.db.run(blocksSql.add, [...ordered(a, b), at]);
  }

  async has(a: string, b: string): Promise<boolean> {
    return (await this.db.row(blocksSql.has, ordered(a, b))) !== undefined;
  }

  async repoint(from: string, to: string): Promise<number> {
    const rows = await this.db.rows<{ low: string; high: string; at: number }>(blocksSql.take, [
      from,
    ]);
    for (const { low, high, at } of rows) {
      const pair = ordered(low === from ? to : low, high === from ? to : high);
      await this.db.run(blocksSql.add, [...pair, at]);
    }
    return rows.length;
  }
}
