import type { Source, SourceId, SourceRepository, UserId } from '@anonboard/core';
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

interface SourceRow {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  readonly link: string | null;
  readonly added_by: string | null;
  readonly created_at: number;
}

function sourceFromRow(row: SourceRow): Source {
  return {
    id: row.id as SourceId,
    ref: row.ref,
    title: row.title,
    link: row.link,
    addedBy: row.added_by as UserId | null,
    createdAt: row.created_at,
  };
}

export class PostgresSourceRepository implements SourceRepository {
  constructor(private readonly db: TxScope) {}

  async add(source: Source): Promise<Source> {
    const { id, ref, title, link, addedBy, createdAt } = source;
    const row =
      (await this.db.row<SourceRow>(sourcesSql.add, [id, ref, title, link, addedBy, createdAt])) ??
      (await this.db.row<SourceRow>(sourcesSql.getByRef, [ref]));
    if (row === undefined) {
      // Only when the insert conflicted on `id` with a source of another ref: a caller's bug.
      throw new Error(`[anonboard] [postgres] source id ${id} belongs to another ref`);
    }
    return sourceFromRow(row);
  }

  async get(id: SourceId): Promise<Source | undefined> {
    const row = await this.db.row<SourceRow>(sourcesSql.get, [id]);
    return row && sourceFromRow(row);
  }

  async getByRef(ref: string): Promise<Source | undefined> {
    const row = await this.db.row<SourceRow>(sourcesSql.getByRef, [ref]);
    return row && sourceFromRow(row);
  }

  async list(): Promise<Source[]> {
    return (await this.db.rows<SourceRow>(sourcesSql.list)).map(sourceFromRow);
  }

  async remove(id: SourceId): Promise<boolean> {
    return (await this.db.run(sourcesSql.remove, [id])) === 1;
  }
}
