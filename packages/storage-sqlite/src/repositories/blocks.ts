import type { BlockRepository } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/** The SQL of the block repository (exported for query-plan tests). */
export const blocksSql = {
  add: 'INSERT INTO blocks (low, high, at) VALUES (?, ?, ?) ON CONFLICT (low, high) DO NOTHING',
  has: 'SELECT 1 FROM blocks WHERE low = ? AND high = ?',
} as const;

export interface BlockStatements {
  readonly add: Statement<[string, string, number]>;
  readonly has: Statement<[string, string], number>;
}

export function prepareBlocks(db: Database): BlockStatements {
  return {
    add: db.prepare<[string, string, number]>(blocksSql.add),
    has: db.prepare<[string, string], number>(blocksSql.has).pluck(),
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
}
