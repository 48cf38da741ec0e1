import type { ItemScore, ScoreCacheRepository } from '@anonboard/core';
import { type ScoreRow, scoreFlagsParam } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

/** The SQL of the score cache (exported for query-plan tests). */
export const scoresSql = {
  get: 'SELECT value, reason, scorer, flags FROM feed_scores WHERE content_hash = ?',
  put: `INSERT INTO feed_scores (content_hash, value, reason, scorer, flags, at)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (content_hash) DO UPDATE SET value = excluded.value, reason = excluded.reason,
      scorer = excluded.scorer, flags = excluded.flags, at = excluded.at`,
} as const;

export interface ScoreStatements {
  readonly get: Statement<[string], ScoreRow>;
  readonly put: Statement<[string, number, string, string, string | null, number]>;
}

export function prepareScores(db: Database): ScoreStatements {
  return {
    get: db.prepare<[string], ScoreRow>(scoresSql.get),
    put: db.prepare<[string, number, string, string, string | null, number]>(scoresSql.put),
  };
}

export class SqliteScoreCacheRepository implements ScoreCacheRepository {
  constructor(
    private readonly s: ScoreStatements,
    private readonly scope: TxScope,
  ) {}

  async get(contentHash: string): Promise<ItemScore | undefined> {
    this.scope.check();
    const row = this.s.get.get(contentHash);
    return row && read.score(row);
  }

  async put(contentHash: string, score: ItemScore, at: number): Promise<void> {
    this.scope.check();
    this.s.put.run(
      contentHash,
      score.value,
      score.reason,
      score.scorer,
      scoreFlagsParam(score),
      at,
    );
  }
}
