import type { IngestOutcome } from '../../../feed/source.js';
import type { SourceId } from '../../../ids.js';
import type { IngestRepository, IngestTally } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import type { FeedTables } from './tables.js';

const key = (sourceId: SourceId, messageId: number) => `${sourceId}:${messageId}`;

export function memoryIngest(t: FeedTables, j: Journal): IngestRepository {
  return {
    async claim({ sourceId, messageId, contentHash, at }) {
      if (t.ingested.has(key(sourceId, messageId))) return 'duplicate';
      const repost = contentHash !== '' && t.hashes.has(contentHash);
      j.set(t.ingested, key(sourceId, messageId), {
        at,
        outcome: repost ? 'repost' : 'pending',
        itemId: null,
      });
      if (!repost && contentHash !== '') j.set(t.hashes, contentHash, at);
      return repost ? 'repost' : 'new';
    },
    async settle(sourceId, messageId, outcome, itemId) {
      const row = t.ingested.get(key(sourceId, messageId));
      if (row !== undefined)
        j.set(t.ingested, key(sourceId, messageId), { ...row, outcome, itemId });
    },
    async itemFor(sourceId, messageId) {
      return t.ingested.get(key(sourceId, messageId))?.itemId ?? undefined;
    },
    async tally({ since, until, bucketMs }) {
      const rows = new Map<string, IngestTally>();
      for (const [id, row] of t.ingested) {
        if (row.at < since || row.at >= until) continue;
        const sourceId = id.slice(0, id.lastIndexOf(':')) as SourceId;
        const bucket = Math.floor(row.at / bucketMs) * bucketMs;
        const itemStatus = row.itemId === null ? null : (t.items.get(row.itemId)?.status ?? null);
        const k = `${sourceId}|${bucket}|${row.outcome}|${itemStatus}`;
        const seen = rows.get(k);
        rows.set(k, {
          sourceId,
          bucket,
          outcome: row.outcome,
          itemStatus,
          count: (seen?.count ?? 0) + 1,
        });
      }
      return [...rows.values()];
    },
    async outcomes(since) {
      const counts: Partial<Record<IngestOutcome | 'pending', number>> = {};
      for (const row of t.ingested.values()) {
        if (row.at >= since) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
      }
      return counts;
    },
  };
}
