import type { Cooldown, LimitRepository } from '@anonboard/core';
import type { CooldownRow } from '@anonboard/core/sql';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

/** A hit `h` is in the window `(now - windowMs, now]` ($2 now, $3 windowMs; later ones count too). */
const inWindow = 'h > $2::double precision - $3::double precision';

/** The SQL of the rate limits. */
export const limitsSql = defineSql('limits', {
  // A take is this one statement on the key's row. Of two concurrent takes of a key (from any
  // instance), the second waits for the first's row lock, then counts on the row's latest
  // version (ON CONFLICT DO UPDATE reads the locked version, not its snapshot), so exactly `max`
  // fit in a window at READ COMMITTED. At REPEATABLE READ or SERIALIZABLE a row changed after
  // the snapshot fails with 40001, and the transaction runs again. Two first takes of a new key
  // meet on the primary key: the second waits, then updates the first's row. A refused take
  // writes nothing (its WHERE is false) and returns no row; the lock is held all the same.
  take: `INSERT INTO limit_keys AS k (key, hits)
    SELECT $1::text, ARRAY[$2::double precision] WHERE $4::double precision > 0
    ON CONFLICT (key) DO UPDATE
      SET hits = ARRAY(SELECT h FROM unnest(k.hits || $2::double precision) AS h
        WHERE ${inWindow} ORDER BY h)
      WHERE (SELECT count(*) FROM unnest(k.hits) AS h WHERE ${inWindow}) < $4::double precision
    RETURNING hits[1] AS oldest`,
  // After a refusal: the oldest hit in the window, read under the lock the take left.
  oldest: `SELECT min(h) AS oldest FROM limit_keys, unnest(hits) AS h
    WHERE key = $1 AND ${inWindow}`,
  // One hit at $2 forgotten (hits are sorted: the first at $2 goes), under the row lock the take
  // of this transaction holds; a key left without hits is deleted, as a purge would. The two
  // branches match disjoint versions of the row, so no row is changed twice.
  takeBack: `WITH emptied AS (
      DELETE FROM limit_keys WHERE key = $1 AND hits = ARRAY[$2::double precision]
    )
    UPDATE limit_keys SET hits = hits[:array_position(hits, $2::double precision) - 1]
      || hits[array_position(hits, $2::double precision) + 1:]
    WHERE key = $1 AND cardinality(hits) > 1 AND $2::double precision = ANY(hits)`,
  getCooldown: 'SELECT level, until, last_violation FROM limit_cooldowns WHERE key = $1',
  setCooldown: `INSERT INTO limit_cooldowns (key, level, until, last_violation)
    VALUES ($1, $2, $3, $4)
    ON CONFLICT (key) DO UPDATE SET level = EXCLUDED.level, until = EXCLUDED.until,
      last_violation = EXCLUDED.last_violation`,
  // Hits are sorted, so hits[1] < $1 finds the keys with something to forget. The rows are
  // locked (and re-read when a take changed them meanwhile) before being trimmed or deleted.
  purgeBefore: `WITH stale AS (
      SELECT key, cardinality(hits) AS had,
        ARRAY(SELECT h FROM unnest(hits) AS h WHERE h >= $1::double precision ORDER BY h) AS kept
      FROM limit_keys WHERE hits[1] < $1::double precision FOR UPDATE
    ), emptied AS (
      DELETE FROM limit_keys USING stale
      WHERE limit_keys.key = stale.key AND cardinality(stale.kept) = 0
    ), trimmed AS (
      UPDATE limit_keys SET hits = stale.kept FROM stale
      WHERE limit_keys.key = stale.key AND cardinality(stale.kept) > 0
    ), cooled AS (
      DELETE FROM limit_cooldowns
      WHERE last_violation < $1::double precision AND until < $1::double precision
      RETURNING 1
    )
    SELECT ((SELECT coalesce(sum(had - cardinality(kept)), 0) FROM stale)
      + (SELECT count(*) FROM cooled))::int AS purged`,
});

export class PostgresLimitRepository implements LimitRepository {
  constructor(private readonly db: TxScope) {}

  async take(
    key: string,
    now: number,
    windowMs: number,
    max: number,
  ): Promise<{ allowed: boolean; oldest: number | null }> {
    const taken = await this.db.row<{ oldest: number }>(limitsSql.take, [key, now, windowMs, max]);
    if (taken !== undefined) return { allowed: true, oldest: taken.oldest };
    const row = await this.db.row<{ oldest: number | null }>(limitsSql.oldest, [
      key,
      now,
      windowMs,
    ]);
    return { allowed: false, oldest: row?.oldest ?? null };
  }

  /** Sent without waiting: it travels with the next statement, or the commit. */
  async takeBack(key: string, at: number): Promise<void> {
    this.db.later(limitsSql.takeBack, [key, at]);
  }

  async getCooldown(key: string): Promise<Cooldown | undefined> {
    const row = await this.db.row<CooldownRow>(limitsSql.getCooldown, [key]);
    return row && read.cooldown(row);
  }

  async setCooldown(key: string, cooldown: Cooldown): Promise<void> {
    this.db.later(limitsSql.setCooldown, [
      key,
      cooldown.level,
      cooldown.until,
      cooldown.lastViolation,
    ]);
  }

  async purgeBefore(before: number): Promise<number> {
    const row = await this.db.row<{ purged: number }>(limitsSql.purgeBefore, [before]);
    return row?.purged ?? 0;
  }
}
