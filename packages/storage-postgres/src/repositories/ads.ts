import type { Ad, AdQuery, AdRepository } from '@anonboard/core';
import { type AdRow, adColumns, adParams, fold, positional } from '@anonboard/core/sql';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

const columns = 'id, author_id, title, text, status, closed_at, created_at';
const MAX_SEQ = '9223372036854775807';

// Newest first by insertion order (`seq`), from just below the previous page's last ad ($1: its
// id, or null for the first page; an unknown id yields an empty page, as in the memory storage).
// The search needle is a residual filter on the walk of an index; the walk stops at the limit.
const below = `seq < CASE WHEN $1::text IS NULL THEN ${MAX_SEQ}
      ELSE coalesce((SELECT seq FROM ads WHERE id = $1::text), 0) END`;
const needle = (n: number) => `($${n}::text IS NULL OR strpos(search, $${n}::text) > 0)`;

/** The SQL of the ad repository. */
export const adsSql = defineSql('ads', {
  deleteBy: 'DELETE FROM ads WHERE author_id = $1',
  insert: `INSERT INTO ads (id, author_id, title, text, search, status, closed_at, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  get: `SELECT ${columns} FROM ads WHERE id = $1`,
  // Compare-and-set: a concurrent update makes this one wait, then re-check the status.
  update: `UPDATE ads SET author_id = $2, title = $3, text = $4, search = $5, status = $6,
      closed_at = $7, created_at = $8
    WHERE id = $1 AND status = $9`,
  // $2 author, $3 status or null, $4 needle or null, $5 limit.
  listByAuthor: `SELECT ${columns} FROM ads
    WHERE author_id = $2 AND ${below} AND ($3::text IS NULL OR status = $3::text) AND ${needle(4)}
    ORDER BY seq DESC LIMIT $5`,
  // $2 status, $3 needle or null, $4 limit.
  listByStatus: `SELECT ${columns} FROM ads
    WHERE status = $2 AND ${below} AND ${needle(3)}
    ORDER BY seq DESC LIMIT $4`,
  // $2 needle or null, $3 limit.
  listAll: `SELECT ${columns} FROM ads
    WHERE ${below} AND ${needle(2)}
    ORDER BY seq DESC LIMIT $3`,
});

export class PostgresAdRepository implements AdRepository {
  constructor(private readonly db: TxScope) {}

  async insert(ad: Ad): Promise<void> {
    await this.db.run(adsSql.insert, positional(adColumns, adParams(ad)));
  }

  async get(id: string): Promise<Ad | undefined> {
    const row = await this.db.row<AdRow>(adsSql.get, [id]);
    return row && read.ad(row);
  }

  async update(next: Ad, expected: Ad['status']): Promise<boolean> {
    return (
      (await this.db.run(adsSql.update, [...positional(adColumns, adParams(next)), expected])) === 1
    );
  }

  async list(q: AdQuery): Promise<Ad[]> {
    const after = q.after ?? null;
    const search = q.search === undefined || q.search === '' ? null : fold(q.search);
    const limit = Math.max(0, q.limit);
    const rows =
      q.authorId !== undefined
        ? await this.db.rows<AdRow>(adsSql.listByAuthor, [
            after,
            q.authorId,
            q.status ?? null,
            search,
            limit,
          ])
        : q.status !== undefined
          ? await this.db.rows<AdRow>(adsSql.listByStatus, [after, q.status, search, limit])
          : await this.db.rows<AdRow>(adsSql.listAll, [after, search, limit]);
    return rows.map(read.ad);
  }

  async deleteBy(authorId: string): Promise<number> {
    return this.db.run(adsSql.deleteBy, [authorId]);
  }
}
