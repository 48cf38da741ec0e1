import type { Cooldown, LimitRepository } from '@anonboard/core';
import type { CooldownRow } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/**
 * The SQL of the rate limits (exported for query-plan tests). A take is three statements over
 * the (key, at) index inside the caller's transaction, which holds the write lock: no other
 * take of the same key can interleave.
 */
export const limitsSql = {
  // Hits at or before `now - windowMs` have left the window for good.
  forget: 'DELETE FROM limit_hits WHERE key = ? AND at <= ?',
  count: `SELECT count(*) AS count, min(at) AS oldest FROM limit_hits WHERE key = ? AND at > ?`,
  hit: 'INSERT INTO limit_hits (key, at) VALUES (?, ?)',
  getCooldown: 'SELECT level, until, last_violation FROM limit_cooldowns WHERE key = ?',
  setCooldown: `INSERT INTO limit_cooldowns (key, level, until, last_violation) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET level = excluded.level, until = excluded.until,
      last_violation = excluded.last_violation`,
  purgeHits: 'DELETE FROM limit_hits WHERE at < ?',
  purgeCooldowns: 'DELETE FROM limit_cooldowns WHERE last_violation < @before AND until < @before',
} as const;

export interface LimitStatements {
  readonly forget: Statement<[string, number]>;
  readonly count: Statement<[string, number], { count: number; oldest: number | null }>;
  readonly hit: Statement<[string, number]>;
  readonly getCooldown: Statement<[string], CooldownRow>;
  readonly setCooldown: Statement<[string, number, number, number]>;
  readonly purgeHits: Statement<[number]>;
  readonly purgeCooldowns: Statement<[{ before: number }]>;
}

export function prepareLimits(db: Database): LimitStatements {
  return {
    forget: db.prepare<[string, number]>(limitsSql.forget),
    count: db.prepare<[string, number], { count: number; oldest: number | null }>(limitsSql.count),
    hit: db.prepare<[string, number]>(limitsSql.hit),
    getCooldown: db.prepare<[string], CooldownRow>(limitsSql.getCooldown),
    setCooldown: db.prepare<[string, number, number, number]>(limitsSql.setCooldown),
    purgeHits: db.prepare<[number]>(limitsSql.purgeHits),
    purgeCooldowns: db.prepare<[{ before: number }]>(limitsSql.purgeCooldowns),
  };
}

export class SqliteLimitRepository implements LimitRepository {
  constructor(
    private readonly s: LimitStatements,
    private readonly scope: TxScope,
  ) {}

  async take(
    key: string,
    now: number,
    windowMs: number,
    max: number,
  ): Promise<{ allowed: boolean; oldest: number | null }> {
    this.scope.check();
    const from = now - windowMs;
    this.s.forget.run(key, from);
    const row = this.s.count.get(key, from);
    const count = row?.count ?? 0;
    const oldest = row?.oldest ?? null;
    if (count >= max) return { allowed: false, oldest };
    this.s.hit.run(key, now);
    return { allowed: true, oldest: oldest ?? now };
  }

  async getCooldown(key: string): Promise<Cooldown | undefined> {
    this.scope.check();
    const row = this.s.getCooldown.get(key);
    return row && read.cooldown(row);
  }

  async setCooldown(key: string, cooldown: Cooldown): Promise<void> {
    this.scope.check();
    this.s.setCooldown.run(key, cooldown.level, cooldown.until, cooldown.lastViolation);
  }

  async purgeBefore(before: number): Promise<number> {
    this.scope.check();
    return this.s.purgeHits.run(before).changes + this.s.purgeCooldowns.run({ before }).changes;
  }
}
