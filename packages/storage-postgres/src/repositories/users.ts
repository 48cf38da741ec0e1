import type { User, UserRepository } from '@anonboard/core';
import type { UserRow } from '@anonboard/core/sql';
import { read } from '../rows.js';
import { byIdRead, type TxScope } from './scope.js';
import { defineSql } from './statement.js';

const columns = 'id, platform_id, locale, reachable, banned, draft_ad_id, created_at';

/** The SQL of the user repository. */
export const usersSql = defineSql('users', {
  // The unique platform_id decides; a concurrent insert of the same person waits for the other
  // transaction and then inserts nothing, so the read that follows sees the winner's row.
  insert: `INSERT INTO users (${columns}) VALUES ($1, $2, $3, true, false, NULL, $4)
    ON CONFLICT (platform_id) DO NOTHING RETURNING ${columns}`,
  get: `SELECT ${columns} FROM users WHERE id = $1`,
  // Several people asked at once ($1: their ids).
  getAll: `SELECT ${columns} FROM users WHERE id = ANY($1::text[])`,
  getByPlatformId: `SELECT ${columns} FROM users WHERE platform_id = $1`,
  // One statement for every patch shape: a flag per field says whether to set it. A new
  // platform_id (forgetting a person) frees the old one for whoever writes from it next.
  update: `UPDATE users SET
      locale = CASE WHEN $2::boolean THEN $3::text ELSE locale END,
      reachable = CASE WHEN $4::boolean THEN $5::boolean ELSE reachable END,
      draft_ad_id = CASE WHEN $6::boolean THEN $7::text ELSE draft_ad_id END,
      banned = CASE WHEN $8::boolean THEN $9::boolean ELSE banned END,
      platform_id = CASE WHEN $10::boolean THEN $11::text ELSE platform_id END
    WHERE id = $1`,
});

/** People asked by id in the same turn are read by one statement (see {@link byIdRead}). */
const byId = byIdRead<UserRow>(usersSql.get, usersSql.getAll);

export class PostgresUserRepository implements UserRepository {
  constructor(private readonly db: TxScope) {}

  async ensure(input: Parameters<UserRepository['ensure']>[0]): Promise<User> {
    const { id, platformId, locale, at } = input;
    const row =
      (await this.db.row<UserRow>(usersSql.insert, [id, platformId, locale, at])) ??
      (await this.db.row<UserRow>(usersSql.getByPlatformId, [platformId]));
    if (row === undefined) {
      // Only when the insert conflicted on `id` with another person's row: a caller's bug.
      throw new Error(`[anonboard] [postgres] user id ${id} belongs to another platform id`);
    }
    return read.user(row);
  }

  async get(id: string): Promise<User | undefined> {
    const row = await this.db.gatherRead(byId, id);
    return row && read.user(row);
  }

  async getByPlatformId(platformId: string): Promise<User | undefined> {
    const row = await this.db.row<UserRow>(usersSql.getByPlatformId, [platformId]);
    return row && read.user(row);
  }

  async update(id: string, patch: Parameters<UserRepository['update']>[1]): Promise<void> {
    const { locale, reachable, draftAdId, banned, platformId } = patch;
    if ([locale, reachable, draftAdId, banned, platformId].every((v) => v === undefined)) {
      this.db.check();
      return;
    }
    await this.db.run(usersSql.update, [
      id,
      locale !== undefined,
      locale ?? null,
      reachable !== undefined,
      reachable ?? null,
      draftAdId !== undefined,
      draftAdId ?? null,
      banned !== undefined,
      banned ?? null,
      platformId !== undefined,
      platformId ?? null,
    ]);
  }
}
