import type { BlockRepository } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/** The SQL of the block repository (exported for query-plan tests). */
export const blocksSql = {
  add: 'INSERT INTO blocks (low, high, at) VALUES (?, ?, ?) ON CONFLICT (low, high) DO NOTHING',
  has: 'SELECT 1 FROM blocks WHERE low = ? AND high = ?',
  // Repointing deletes a person's blocks and adds them back, ordered, under the new id.
  take: 'DELETE FROM blocks WHERE low = @id OR high = @id RETURNING low, high, at',
} as const;

export interface BlockStatements {
  readonly add: Statement<[string, string, number]>;
  readonly has: Statement<[string, string], number>;
  readonly take: Statement<[{ id: string }], { low: string; high: string; at: number }>;
}

export function prepareBlocks(db: Database): BlockStatements {
  return {
    add: db.prepare<[string, string, number]>(blocksSql.add),
    has: db.prepare<[string, string], number>(blocksSql.has).pluck(),
    take: db.prepare<[{ id: string }], { low: string; high: string; at: number }>(blocksSql.take),
  };
}

/** The pair in the order it is stored: the unordered pair {a, b} as (min, max). */
function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

export class SqliteBlockRepository implements BlockRepository {
  constructor(
    private readonly s: BlockStatements,
    private readonly scope: TxScope,
  ) {}

  async add(a: string, b: string, at: number): Promise<void> {
    this.scope.check();
    this.s.add.run(...ordered(a, b), at);
  }

  async has(a: string, b: string): Promise<boolean> {
    this.scope.check();
    return this.s.has.get(...ordered(a, b)) !== undefined;
  }

  async repoint(from: string, to: string): Promise<number> {
    this.scope.check();
    const rows = this.s.take.all({ id: from });
    for (const { low, high, at } of rows) {
      this.s.add.run(...ordered(low === from ? to : low, high === from ? to : high), at);
    }
    return rows.length;
  }
}
