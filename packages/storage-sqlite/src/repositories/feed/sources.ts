import type { Source, SourceRepository } from '@anonboard/core';
import { type SourceRow, sourceParams } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

const columns = 'id, ref, title, link, added_by, created_at';

/** The SQL of the source repository (exported for query-plan tests). */
export const sourcesSql = {
  // One source per ref: the UNIQUE (ref) constraint decides, not a prior read.
  add: `INSERT INTO feed_sources (${columns})
    VALUES (@id, @ref, @title, @link, @added_by, @created_at)
    ON CONFLICT (ref) DO NOTHING RETURNING ${columns}`,
  get: `SELECT ${columns} FROM feed_sources WHERE id = ?`,
  getByRef: `SELECT ${columns} FROM feed_sources WHERE ref = ?`,
  list: `SELECT ${columns} FROM feed_sources ORDER BY seq`,
  remove: 'DELETE FROM feed_sources WHERE id = ?',
} as const;

type SourceParams = ReturnType<typeof sourceParams>;

export interface SourceStatements {
  readonly add: Statement<[SourceParams], SourceRow>;
  readonly get: Statement<[string], SourceRow>;
  readonly getByRef: Statement<[string], SourceRow>;
  readonly list: Statement<[], SourceRow>;
  readonly remove: Statement<[string]>;
}

export function prepareSources(db: Database): SourceStatements {
  return {
    add: db.prepare<[SourceParams], SourceRow>(sourcesSql.add),
    get: db.prepare<[string], SourceRow>(sourcesSql.get),
    getByRef: db.prepare<[string], SourceRow>(sourcesSql.getByRef),
    list: db.prepare<[], SourceRow>(sourcesSql.list),
    remove: db.prepare<[string]>(sourcesSql.remove),
  };
}

export class SqliteSourceRepository implements SourceRepository {
  constructor(
    private readonly s: SourceStatements,
    private readonly scope: TxScope,
  ) {}

  async add(source: Source): Promise<Source> {
    this.scope.check();
    const row = this.s.add.get(sourceParams(source)) ?? this.s.getByRef.get(source.ref);
    // The insert either returned the new row or the ref was taken: the row exists.
    return read.source(row as SourceRow);
  }

  async get(id: string): Promise<Source | undefined> {
    this.scope.check();
    const row = this.s.get.get(id);
    return row && read.source(row);
  }

  async getByRef(ref: string): Promise<Source | undefined> {
    this.scope.check();
    const row = this.s.getByRef.get(ref);
    return row && read.source(row);
  }

  async list(): Promise<Source[]> {
    this.scope.check();
    return this.s.list.all().map(read.source);
  }

  async remove(id: string): Promise<boolean> {
    this.scope.check();
    return this.s.remove.run(id).changes === 1;
  }
}
