import type { Source, SourceId, SourceRepository } from '@anonboard/core';
import { positional, type SourceRow, sourceColumns, sourceParams } from '@anonboard/core/sql';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

const columns = 'id, ref, title, link, added_by, created_at';

/** The SQL of the source repository. */
export const sourcesSql = defineSql('sources', {
  // The unique ref decides; on a conflict the stored source is read back by a later statement.
  add: `INSERT INTO feed_sources (${columns}) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (ref) DO NOTHING RETURNING ${columns}`,
  get: `SELECT ${columns} FROM feed_sources WHERE id = $1`,
  getByRef: `SELECT ${columns} FROM feed_sources WHERE ref = $1`,
  list: `SELECT ${columns} FROM feed_sources ORDER BY created_at, id`,
  remove: 'DELETE FROM feed_sources WHERE id = $1',
});

export class PostgresSourceRepository implements SourceRepository {
  constructor(private readonly db: TxScope) {}

  async add(source: Source): Promise<Source> {
    const { id, ref } = source;
    const row =
      (await this.db.row<SourceRow>(
        sourcesSql.add,
        positional(sourceColumns, sourceParams(source)),
      )) ?? (await this.db.row<SourceRow>(sourcesSql.getByRef, [ref]));
    if (row === undefined) {
      // Only when the insert conflicted on `id` with a source of another ref: a caller's bug.
      throw new Error(`[anonboard] [postgres] source id ${id} belongs to another ref`);
    }
    return read.source(row);
  }

  async get(id: SourceId): Promise<Source | undefined> {
    const row = await this.db.row<SourceRow>(sourcesSql.get, [id]);
    return row && read.source(row);
  }

  async getByRef(ref: string): Promise<Source | undefined> {
    const row = await this.db.row<SourceRow>(sourcesSql.getByRef, [ref]);
    return row && read.source(row);
  }

  async list(): Promise<Source[]> {
    return (await this.db.rows<SourceRow>(sourcesSql.list)).map(read.source);
  }

  async remove(id: SourceId): Promise<boolean> {
    return (await this.db.run(sourcesSql.remove, [id])) === 1;
  }
}
