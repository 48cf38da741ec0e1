import type {
  IngestOutcome,
  IngestRepository,
  IngestTally,
  ItemId,
  ModerationItem,
  SourceId,
} from '@anonboard/core';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

/** The SQL of the ingest log. */
export const ingestSql = defineSql('ingest', {
  // The (source, message) key decides `duplicate`, the content hash's key decides `repost`; the
  // hash is recorded only for a message seen for the first time, and never for empty content.
  claim: `WITH seen AS (
      INSERT INTO feed_ingested (source_id, message_id, at, outcome)
      VALUES ($1, $2, $4::double precision, 'pending')
      ON CONFLICT (source_id, message_id) DO NOTHING RETURNING 1
    ), hashed AS (
      INSERT INTO feed_content_hashes (hash, at)
      SELECT $3::text, $4::double precision FROM seen WHERE $3::text <> ''
      ON CONFLICT (hash) DO NOTHING RETURNING 1
    )
    SELECT (SELECT count(*) FROM seen)::int AS seen, (SELECT count(*) FROM hashed)::int AS hashed`,
  markRepost: `UPDATE feed_ingested SET outcome = 'repost'
    WHERE source_id = $1 AND message_id = $2`,
  settle: `UPDATE feed_ingested SET outcome = $3, item_id = $4
    WHERE source_id = $1 AND message_id = $2`,
  itemFor: 'SELECT item_id FROM feed_ingested WHERE source_id = $1 AND message_id = $2',
  outcomes: `SELECT outcome, count(*)::int AS count FROM feed_ingested
    WHERE at >= $1 GROUP BY outcome`,
  // floor() rounds `at` down to its bucket; the join reads the queued item's status.
  tally: `SELECT i.source_id, floor(i.at / $3) * $3 AS bucket, i.outcome, it.status AS item_status,
      count(*)::int AS count
    FROM feed_ingested i LEFT JOIN feed_items it ON it.id = i.item_id
    WHERE i.at >= $1 AND i.at < $2
    GROUP BY i.source_id, bucket, i.outcome, it.status`,
});

export class PostgresIngestRepository implements IngestRepository {
  constructor(private readonly db: TxScope) {}

  async claim(input: {
    sourceId: SourceId;
    messageId: number;
    contentHash: string;
    at: number;
  }): Promise<'new' | 'duplicate' | 'repost'> {
    const { sourceId, messageId, contentHash, at } = input;
    const row = await this.db.row<{ seen: number; hashed: number }>(ingestSql.claim, [
      sourceId,
      messageId,
      contentHash,
      at,
    ]);
    if (row?.seen !== 1) return 'duplicate';
    if (contentHash === '' || row.hashed === 1) return 'new';
    await this.db.run(ingestSql.markRepost, [sourceId, messageId]);
    return 'repost';
  }

  async settle(
    sourceId: SourceId,
    messageId: number,
    outcome: IngestOutcome,
    itemId: ItemId | null,
  ): Promise<void> {
    await this.db.run(ingestSql.settle, [sourceId, messageId, outcome, itemId]);
  }

  async itemFor(sourceId: SourceId, messageId: number): Promise<ItemId | undefined> {
    const row = await this.db.row<{ item_id: string | null }>(ingestSql.itemFor, [
      sourceId,
      messageId,
    ]);
    return (row?.item_id ?? undefined) as ItemId | undefined;
  }

  async tally(window: { since: number; until: number; bucketMs: number }): Promise<IngestTally[]> {
    const rows = await this.db.rows<{
      source_id: string;
      bucket: number;
      outcome: IngestOutcome | 'pending';
      item_status: ModerationItem['status'] | null;
      count: number;
    }>(ingestSql.tally, [window.since, window.until, window.bucketMs]);
    return rows.map((row) => ({
      sourceId: row.source_id as SourceId,
      bucket: Number(row.bucket),
      outcome: row.outcome,
      itemStatus: row.item_status,
      count: row.count,
    }));
  }

  async outcomes(since: number): Promise<Partial<Record<IngestOutcome | 'pending', number>>> {
    const rows = await this.db.rows<{ outcome: IngestOutcome | 'pending'; count: number }>(
      ingestSql.outcomes,
      [since],
    );
    const counts: Partial<Record<IngestOutcome | 'pending', number>> = {};
    for (const { outcome, count } of rows) counts[outcome] = count;
    return counts;
  }
}
