import type { Ad, AdQuery, AdRepository } from '@anonboard/core';
import { type AdRow, adParams, fold } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

const columns = 'id, author_id, title, text, status, closed_at, created_at';

/** Which index a listing walks: by author, by status, or the whole table newest first. */
type ListShape = 'author' | 'status' | 'all';

// Newest first by insertion order (`seq`), from just below the previous page's last ad. The
// search needle is a residual filter on the walk; the walk stops at `limit`.
const list = (shape: ListShape) =>
  `SELECT ${columns} FROM ads WHERE seq < @before
    ${shape === 'author' ? 'AND author_id = @authorId AND (@status IS NULL OR status = @status)' : ''}
    ${shape === 'status' ? 'AND status = @status' : ''}
    AND (@needle IS NULL OR instr(search, @needle) > 0)
    ORDER BY seq DESC LIMIT @limit`;

/** The SQL of the ad repository (exported for query-plan tests). */
export const adsSql = {
  deleteBy: 'DELETE FROM ads WHERE author_id = ?',
  insert: `INSERT INTO ads (id, author_id, title, text, search, status, closed_at, created_at)
    VALUES (@id, @author_id, @title, @text, @search, @status, @closed_at, @created_at)`,
  get: `SELECT ${columns} FROM ads WHERE id = ?`,
  seqOf: 'SELECT seq FROM ads WHERE id = ?',
  update: `UPDATE ads SET author_id = @author_id, title = @title, text = @text, search = @search,
      status = @status, closed_at = @closed_at, created_at = @created_at
    WHERE id = @id AND status = @expected`,
  listByAuthor: list('author'),
  listByStatus: list('status'),
  listAll: list('all'),
} as const;

type AdParams = ReturnType<typeof adParams>;
export interface ListParams {
  before: number;
  authorId: string | null;
  status: string | null;
  needle: string | null;
  limit: number;
}

export interface AdStatements {
  readonly insert: Statement<[AdParams]>;
  readonly deleteBy: Statement<[string]>;
  readonly get: Statement<[string], AdRow>;
  readonly seqOf: Statement<[string], number>;
  readonly update: Statement<[AdParams & { expected: string }]>;
  readonly listByAuthor: Statement<[ListParams], AdRow>;
  readonly listByStatus: Statement<[ListParams], AdRow>;
  readonly listAll: Statement<[ListParams], AdRow>;
}

export function prepareAds(db: Database): AdStatements {
  return {
    insert: db.prepare<[AdParams]>(adsSql.insert),
    deleteBy: db.prepare<[string]>(adsSql.deleteBy),
    get: db.prepare<[string], AdRow>(adsSql.get),
    seqOf: db.prepare<[string], number>(adsSql.seqOf).pluck(),
    update: db.prepare<[AdParams & { expected: string }]>(adsSql.update),
    listByAuthor: db.prepare<[ListParams], AdRow>(adsSql.listByAuthor),
    listByStatus: db.prepare<[ListParams], AdRow>(adsSql.listByStatus),
    listAll: db.prepare<[ListParams], AdRow>(adsSql.listAll),
  };
}

export class SqliteAdRepository implements AdRepository {
  constructor(
    private readonly s: AdStatements,
    private readonly scope: TxScope,
  ) {}

  async insert(ad: Ad): Promise<void> {
    this.scope.check();
    this.s.insert.run(adParams(ad));
  }

  async get(id: string): Promise<Ad | undefined> {
    this.scope.check();
    const row = this.s.get.get(id);
    return row && read.ad(row);
  }

  async update(next: Ad, expected: Ad['status']): Promise<boolean> {
    this.scope.check();
    return this.s.update.run({ ...adParams(next), expected }).changes === 1;
  }

  async list(q: AdQuery): Promise<Ad[]> {
    this.scope.check();
    // An unknown `after` yields an empty page (seq starts at 1), as in the memory storage.
    const before =
      q.after === undefined ? Number.MAX_SAFE_INTEGER : (this.s.seqOf.get(q.after) ?? 0);
    const params: ListParams = {
      before,
      authorId: q.authorId ?? null,
      status: q.status ?? null,
      needle: q.search === undefined || q.search === '' ? null : fold(q.search),
      limit: q.limit,
    };
    const statement =
      q.authorId !== undefined
        ? this.s.listByAuthor
        : q.status !== undefined
          ? this.s.listByStatus
          : this.s.listAll;
    return statement.all(params).map(read.ad);
  }

  async deleteBy(authorId: string): Promise<number> {
    this.scope.check();
    return this.s.deleteBy.run(authorId).changes;
  }
}
