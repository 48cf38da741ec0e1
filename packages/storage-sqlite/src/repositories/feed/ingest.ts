import type {
  IngestOutcome,
  IngestRepository,
  IngestTally,
  ItemId,
  ModerationItem,
  SourceId,
} from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

/** The SQL of the ingest log (exported for query-plan tests). */
export const ingestSql = {
  // One statement decides: the primary key rejects a seen (source, message id) (no row
  // returned: duplicate); else the row is a repost when its content hash was seen before.
  claim: `INSERT INTO feed_ingest (source_id, message_id, content_hash, outcome, item_id, at)
    VALUES (@sourceId, @messageId, @contentHash,
      CASE WHEN EXISTS (
        SELECT 1 FROM feed_ingest WHERE content_hash = @contentHash AND content_hash <> ''
      ) THEN 'repost' ELSE 'pending' END,
      NULL, @at)
    ON CONFLICT (source_id, message_id) DO NOTHING
    RETURNING outcome`,
  settle: `UPDATE feed_ingest SET outcome = ?, item_id = ?
    WHERE source_id = ? AND message_id = ?`,
  itemFor: 'SELECT item_id FROM feed_ingest WHERE source_id = ? AND message_id = ?',
  outcomes: `SELECT outcome, count(*) AS count FROM feed_ingest WHERE at >= ?
    GROUP BY outcome`,
  // Integer division rounds `at` down to its bucket; the join reads the queued item's status.
  tally: `SELECT i.source_id AS sourceId, (CAST(i.at AS INTEGER) / CAST(@bucketMs AS INTEGER)) * CAST(@bucketMs AS INTEGER) AS bucket,
      i.outcome AS outcome, it.status AS itemStatus, count(*) AS count
    FROM feed_ingest i LEFT JOIN feed_items it ON it.id = i.item_id
    WHERE i.at >= @since AND i.at < @until
    GROUP BY i.source_id, bucket, i.outcome, it.status`,
} as const;

interface ClaimParams {
  sourceId: string;
  messageId: number;
  contentHash: string;
  at: number;
}

export interface IngestStatements {
  readonly claim: Statement<[ClaimParams], string>;
  readonly settle: Statement<[string, string | null, string, number]>;
  readonly itemFor: Statement<[string, number], string | null>;
  readonly outcomes: Statement<[number], { outcome: string; count: number }>;
  readonly tally: Statement<[TallyParams], TallyRow>;
}

interface TallyParams {
  since: number;
  until: number;
  bucketMs: number;
}

interface TallyRow {
  sourceId: string;
  bucket: number;
  outcome: string;
  itemStatus: string | null;
  count: number;
}

export function prepareIngest(db: Database): IngestStatements {
  return {
    claim: db.prepare<[ClaimParams], string>(ingestSql.claim).pluck(),
    settle: db.prepare<[string, string | null, string, number]>(ingestSql.settle),
    itemFor: db.prepare<[string, number], string | null>(ingestSql.itemFor).pluck(),
    outcomes: db.prepare<[number], { outcome: string; count: number }>(ingestSql.outcomes),
    tally: db.prepare<[TallyParams], TallyRow>(ingestSql.tally),
  };
}

export class SqliteIngestRepository implements IngestRepository {
  constructor(
    private readonly s: IngestStatements,
    private readonly scope: TxScope,
  ) {}

  async claim(input: ClaimParams): Promise<'new' | 'duplicate' | 'repost'> {
    this.scope.check();
    const { sourceId, messageId, contentHash, at } = input;
    const outcome = this.s.claim.get({ sourceId, messageId, contentHash, at });
    if (outcome === undefined) return 'duplicate';
    return outcome === 'repost' ? 'repost' : 'new';
  }

  async settle(
    sourceId: SourceId,
    messageId: number,
    outcome: IngestOutcome,
    itemId: ItemId | null,
  ): Promise<void> {
    this.scope.check();
    this.s.settle.run(outcome, itemId, sourceId, messageId);
  }

  async itemFor(sourceId: SourceId, messageId: number): Promise<ItemId | undefined> {
    this.scope.check();
    return (this.s.itemFor.get(sourceId, messageId) ?? undefined) as ItemId | undefined;
  }

  async tally(window: TallyParams): Promise<IngestTally[]> {
    this.scope.check();
    // Buckets are whole milliseconds: SQLite divides integers only when both sides are.
    const bucketMs = Math.max(1, Math.floor(window.bucketMs));
    return this.s.tally.all({ ...window, bucketMs }).map((row) => ({
      sourceId: row.sourceId as SourceId,
      bucket: row.bucket,
      outcome: row.outcome as IngestOutcome | 'pending',
      itemStatus: row.itemStatus as ModerationItem['status'] | null,
      count: row.count,
    }));
  }

  async outcomes(since: number): Promise<Partial<Record<IngestOutcome | 'pending', number>>> {
    this.scope.check();
    const counts: Partial<Record<IngestOutcome | 'pending', number>> = {};
    for (const row of this.s.outcomes.all(since)) {
      counts[row.outcome as IngestOutcome | 'pending'] = row.count;
    }
    return counts;
  }
}
