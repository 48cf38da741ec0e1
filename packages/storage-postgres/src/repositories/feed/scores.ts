import type { ItemScore, ScoreCacheRepository, ScoreFlag } from '@anonboard/core';
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
    const row = await this.db.row<{
      value: number;
      reason: string;
      scorer: string;
      flags: ScoreFlag[] | null;
    }>(scoresSql.get, [contentHash]);
    return (
      row && {
        value: row.value,
        reason: row.reason,
        scorer: row.scorer,
        ...(row.flags === null ? {} : { flags: row.flags }),
      }
    );
  }

  async put(contentHash: string, score: ItemScore, at: number): Promise<void> {
    const flags = score.flags === undefined || score.flags.length === 0 ? null : score.flags;
    await this.db.run(scoresSql.put, [
      contentHash,
      score.value,
      score.reason,
      score.scorer,
      at,
      flags === null ? null : JSON.stringify(flags),
    ]);
  }
}
