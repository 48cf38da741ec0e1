import type { ItemScore, ScoreCacheRepository } from '@anonboard/core';
import { type ScoreRow, scoreFlagsParam } from '@anonboard/core/sql';
import { read } from '../../rows.js';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

/** The SQL of the score cache. */
export const scoresSql = defineSql('scores', {
  get: 'SELECT value, reason, scorer, flags FROM feed_scores WHERE hash = $1',
  put: `INSERT INTO feed_scores (hash, value, reason, scorer, at, flags)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (hash) DO UPDATE SET value = EXCLUDED.value, reason = EXCLUDED.reason,
      scorer = EXCLUDED.scorer, at = EXCLUDED.at, flags = EXCLUDED.flags`,
});

export class PostgresScoreCacheRepository implements ScoreCacheRepository {
  constructor(private readonly db: TxScope) {}

  async get(contentHash: string): Promise<ItemScore | undefined> {
    const row = await this.db.row<ScoreRow>(scoresSql.get, [contentHash]);
    return row && read.score(row);
  }

  async put(contentHash: string, score: ItemScore, at: number): Promise<void> {
    await this.db.run(scoresSql.put, [
      contentHash,
      score.value,
      score.reason,
      score.scorer,
      at,
      scoreFlagsParam(score),
    ]);
  }
}
