import type { User, UserRepository } from '@anonboard/core';
import type { UserRow } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import { ReadCache, type Writes } from './read-cache.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

const columns = 'id, platform_id, locale, reachable, banned, draft_ad_id, created_at';

/** The SQL of the user repository (exported for query-plan tests). */
export const usersSql = {
  insert: `INSERT INTO users (${columns}) VALUES (?, ?, ?, 1, 0, NULL, ?)
    ON CONFLICT (platform_id) DO NOTHING RETURNING ${columns}`,
  get: `SELECT ${columns} FROM users WHERE id = ?`,
  getByPlatformId: `SELECT ${columns} FROM users WHERE platform_id = ?`,
  // One statement for every patch shape: a flag per field says whether to set it. A new
  // platform id (forgetting a person) frees the old one: it is UNIQUE, not a second key.
  update: `UPDATE users SET
      platform_id = iif(@setPlatformId, @platformId, platform_id),
      locale = iif(@setLocale, @locale, locale),
      reachable = iif(@setReachable, @reachable, reachable),
      banned = iif(@setBanned, @banned, banned),
      draft_ad_id = iif(@setDraft, @draftAdId, draft_ad_id)
    WHERE id = @id`,
} as const;

type Patch = Parameters<UserRepository['update']>[1];

interface UpdateParams {
  id: string;
  setPlatformId: number;
  platformId: string | null;
  setLocale: number;
  locale: string | null;
  setReachable: number;
  reachable: number | null;
  setBanned: number;
  banned: number | null;
  setDraft: number;
  draftAdId: string | null;
}

export interface UserStatements {
  readonly insert: Statement<[string, string, string, number], UserRow>;
  readonly get: Statement<[string], UserRow>;
  readonly getByPlatformId: Statement<[string], UserRow>;
  readonly update: Statement<[UpdateParams]>;
  /** Writes to `users` on this connection (see {@link ReadCache}). */
  readonly writes: Writes;
}

export function prepareUsers(db: Database): UserStatements {
  return {
    insert: db.prepare<[string, string, string, number], UserRow>(usersSql.insert),
    get: db.prepare<[string], UserRow>(usersSql.get),
    getByPlatformId: db.prepare<[string], UserRow>(usersSql.getByPlatformId),
    update: db.prepare<[UpdateParams]>(usersSql.update),
    writes: { count: 0 },
  };
}

export class SqliteUserRepository implements UserRepository {
  /** The people this transaction read (a relay's sender is read again to deliver the copy). */
  private readonly seen: ReadCache<User>;

  constructor(
    private readonly s: UserStatements,
    private readonly scope: TxScope,
  ) {
    this.seen = new ReadCache(s.writes);
  }

  async ensure(input: Parameters<UserRepository['ensure']>[0]): Promise<User> {
    this.scope.check();
    const inserted = this.s.insert.get(input.id, input.platformId, input.locale, input.at);
    if (inserted !== undefined) this.s.writes.count++;
    // The insert either returned the new row or the platform id was taken: the row exists.
    const row = inserted ?? (this.s.getByPlatformId.get(input.platformId) as UserRow);
    const user = read.user(row);
    return this.seen.remember(user.id, user);
  }

  async get(id: string): Promise<User | undefined> {
    this.scope.check();
    const known = this.seen.get(id);
    if (known !== undefined) return known;
    const row = this.s.get.get(id);
    return row && this.seen.remember(id, read.user(row));
  }

  async getByPlatformId(platformId: string): Promise<User | undefined> {
    this.scope.check();
    const row = this.s.getByPlatformId.get(platformId);
    if (row === undefined) return undefined;
    const user = read.user(row);
    return this.seen.remember(user.id, user);
  }

  async update(id: string, patch: Patch): Promise<void> {
    this.scope.check();
    const params = updateParams(id, patch);
    if (params === undefined) return;
    this.s.writes.count++;
    this.s.update.run(params);
  }
}

// --- Internal helpers ---

const flag = (value: boolean | undefined): number | null =>
  value === undefined ? null : value ? 1 : 0;

/** The statement's parameters for `patch`; undefined when it changes nothing. */
function updateParams(id: string, patch: Patch): UpdateParams | undefined {
  const { platformId, locale, reachable, banned, draftAdId } = patch;
  if ([platformId, locale, reachable, banned, draftAdId].every((v) => v === undefined)) {
    return undefined;
  }
  return {
    id,
    setPlatformId: platformId === undefined ? 0 : 1,
    platformId: platformId ?? null,
    setLocale: locale === undefined ? 0 : 1,
    locale: locale ?? null,
    setReachable: reachable === undefined ? 0 : 1,
    reachable: flag(reachable),
    setBanned: banned === undefined ? 0 : 1,
    banned: flag(banned),
    setDraft: draftAdId === undefined ? 0 : 1,
    draftAdId: draftAdId ?? null,
  };
}
