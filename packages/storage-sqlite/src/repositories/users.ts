import type { User, UserRepository } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import { type UserRow, userFromRow } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

const columns = 'id, platform_id, locale, reachable, draft_ad_id, created_at';

/** The SQL of the user repository (exported for query-plan tests). */
export const usersSql = {
  insert: `INSERT INTO users (${columns}) VALUES (?, ?, ?, 1, NULL, ?)
    ON CONFLICT (platform_id) DO NOTHING RETURNING ${columns}`,
  get: `SELECT ${columns} FROM users WHERE id = ?`,
  getByPlatformId: `SELECT ${columns} FROM users WHERE platform_id = ?`,
  // One statement for every patch shape: a flag per field says whether to set it.
  update: `UPDATE users SET
      locale = iif(@setLocale, @locale, locale),
      reachable = iif(@setReachable, @reachable, reachable),
      draft_ad_id = iif(@setDraft, @draftAdId, draft_ad_id)
    WHERE id = @id`,
} as const;

interface UpdateParams {
  id: string;
  setLocale: number;
  locale: string | null;
  setReachable: number;
  reachable: number | null;
  setDraft: number;
  draftAdId: string | null;
}

export interface UserStatements {
  readonly insert: Statement<[string, string, string, number], UserRow>;
  readonly get: Statement<[string], UserRow>;
  readonly getByPlatformId: Statement<[string], UserRow>;
  readonly update: Statement<[UpdateParams]>;
}

export function prepareUsers(db: Database): UserStatements {
  return {
    insert: db.prepare<[string, string, string, number], UserRow>(usersSql.insert),
    get: db.prepare<[string], UserRow>(usersSql.get),
    getByPlatformId: db.prepare<[string], UserRow>(usersSql.getByPlatformId),
    update: db.prepare<
      [
        {
          id: string;
          setLocale: number;
          locale: string | null;
          setReachable: number;
          reachable: number | null;
          setDraft: number;
          draftAdId: string | null;
        },
      ]
    >(usersSql.update),
  };
}

export class SqliteUserRepository implements UserRepository {
  constructor(
    private readonly s: UserStatements,
    private readonly scope: TxScope,
  ) {}

  async ensure(input: Parameters<UserRepository['ensure']>[0]): Promise<User> {
    this.scope.check();
    const row =
      this.s.insert.get(input.id, input.platformId, input.locale, input.at) ??
      this.s.getByPlatformId.get(input.platformId);
    // The insert either returned the new row or the platform id was taken: the row exists.
    return userFromRow(row as UserRow);
  }

  async get(id: string): Promise<User | undefined> {
    this.scope.check();
    const row = this.s.get.get(id);
    return row && userFromRow(row);
  }

  async getByPlatformId(platformId: string): Promise<User | undefined> {
    this.scope.check();
    const row = this.s.getByPlatformId.get(platformId);
    return row && userFromRow(row);
  }

  async update(id: string, patch: Parameters<UserRepository['update']>[1]): Promise<void> {
    this.scope.check();
    if (
      patch.locale === undefined &&
      patch.reachable === undefined &&
      patch.draftAdId === undefined
    )
      return;
    this.s.update.run({
      id,
      setLocale: patch.locale === undefined ? 0 : 1,
      locale: patch.locale ?? null,
      setReachable: patch.reachable === undefined ? 0 : 1,
      reachable: patch.reachable === undefined ? null : patch.reachable ? 1 : 0,
      setDraft: patch.draftAdId === undefined ? 0 : 1,
      draftAdId: patch.draftAdId ?? null,
    });
  }
}
