import type { Cooldown, LimitRepository } from '@anonboard/core';
import type { CooldownRow } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/**
 * The SQL of the rate limits (exported for query-plan tests). A take is two statements over the
 * (key, at) primary key inside the caller's transaction, which holds the write lock: no other
 * take of the same key can interleave. A row counts the hits of one key in one millisecond.
 */
export const limitsSql = {
  // Hits at or before `now - windowMs` have left the window for good.
  forget: 'DELETE FROM limit_hits WHERE key = ? AND at <= ?',
  // Records the hit only while the window holds fewer than `max`; the row it returns (none when
  // refused) carries the oldest hit of the window, this one included.
  take: `INSERT INTO limit_hits (key, at, n) SELECT @key, @now, 1
    WHERE (SELECT coalesce(sum(n), 0) FROM limit_hits WHERE key = @key AND at > @from) < @max
    ON CONFLICT (key, at) DO UPDATE SET n = n + 1
    RETURNING (SELECT min(at) FROM limit_hits WHERE key = @key AND at > @from) AS oldest`,
  // Only for a refused take: the oldest hit of the full window.
  oldest: 'SELECT min(at) FROM limit_hits WHERE key = ? AND at > ?',
  // A take given back: the millisecond's row goes when it counted one hit, else counts one less.
  giveBackLast: 'DELETE FROM limit_hits WHERE key = ? AND at = ? AND n = 1',
  giveBackOne: 'UPDATE limit_hits SET n = n - 1 WHERE key = ? AND at = ? AND n > 1',
  getCooldown: 'SELECT level, until, last_violation FROM limit_cooldowns WHERE key = ?',
  setCooldown: `INSERT INTO limit_cooldowns (key, level, until, last_violation) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET level = excluded.level, until = excluded.until,
      last_violation = excluded.last_violation`,
  purgeHits: 'DELETE FROM limit_hits WHERE at < ? RETURNING n',
  purgeCooldowns: 'DELETE FROM limit_cooldowns WHERE last_violation < @before AND until < @before',
} as const;

interface TakeParams {
  readonly key: string;
  readonly now: number;
  readonly from: number;
  readonly max: number;
}

export interface LimitStatements {
  readonly forget: Statement<[string, number]>;
  readonly take: Statement<[TakeParams], { oldest: number | null }>;
  readonly oldest: Statement<[string, number], number | null>;
  readonly giveBackLast: Statement<[string, number]>;
  readonly giveBackOne: Statement<[string, number]>;
  readonly getCooldown: Statement<[string], CooldownRow>;
  readonly setCooldown: Statement<[string, number, number, number]>;
  readonly purgeHits: Statement<[number], number>;
  readonly purgeCooldowns: Statement<[{ before: number }]>;
}

export function prepareLimits(db: Database): LimitStatements {
  return {
    forget: db.prepare<[string, number]>(limitsSql.forget),
    take: db.prepare<[TakeParams], { oldest: number | null }>(limitsSql.take),
    oldest: db.prepare<[string, number], number | null>(limitsSql.oldest).pluck(),
    giveBackLast: db.prepare<[string, number]>(limitsSql.giveBackLast),
    giveBackOne: db.prepare<[string, number]>(limitsSql.giveBackOne),
    getCooldown: db.prepare<[string], CooldownRow>(limitsSql.getCooldown),
    setCooldown: db.prepare<[string, number, number, number]>(limitsSql.setCooldown),
    purgeHits: db.prepare<[number], number>(limitsSql.purgeHits).pluck(),
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
    const taken = this.s.take.get({ key, now, from, max });
    if (taken !== undefined) return { allowed: true, oldest: taken.oldest ?? now };
    return { allowed: false, oldest: this.s.oldest.get(key, from) ?? null };
  }

  async takeBack(key: string, at: number): Promise<void> {
    this.scope.check();
    if (this.s.giveBackLast.run(key, at).changes === 0) this.s.giveBackOne.run(key, at);
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
    let hits = 0;
    for (const n of this.s.purgeHits.iterate(before)) hits += n;
    return hits + this.s.purgeCooldowns.run({ before }).changes;
  }
}
