import type { ModerationItem } from '../moderation/item.js';
import type { BoardContext } from '../shell/context.js';
import type { IngestOutcome } from './source.js';

/** Live statistics of the feed, computed from stored data. */
export interface FeedStats {
  /** Messages ingested in the window (unwatched ones are not recorded). */
  readonly ingested: number;
  readonly outcomes: Partial<Record<IngestOutcome | 'pending', number>>;
  /** Share of ingested messages dropped by keywords, and by the score (of those scored). */
  readonly droppedByKeywords: number;
  readonly droppedByScore: number;
  readonly suggestions: {
    readonly total: number;
    readonly approved: number;
    readonly rejected: number;
    readonly approvedShare: number;
  };
  /** Time from queueing to an admin's decision, in ms (null without decisions). */
  readonly decisionMs: {
    readonly median: number | null;
    readonly p90: number | null;
    readonly count: number;
  };
  readonly openItems: number;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Nearest-rank percentile of sorted values (null for none).
 *
 * ```ts
 * percentile([1, 2, 3, 4], 50); // 2
 * ```
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

const decided = (item: ModerationItem): number | null =>
  item.status === 'approved' || item.status === 'published' || item.status === 'rejected'
    ? item.decidedAt - item.createdAt
    : null;

/** Statistics of the window starting at `since` (default: everything). */
export async function feedStats(ctx: BoardContext, since = 0): Promise<FeedStats> {
  return ctx.storage.transaction(async (tx) => {
    const feed = tx.feed;
    const outcomes = await feed.ingest.outcomes(since);
    const count = (k: IngestOutcome | 'pending') => outcomes[k] ?? 0;
    const ingested = Object.values(outcomes).reduce((a, b) => a + (b ?? 0), 0);
    const scored = count('dropped_score') + count('queued');
    const items = await feed.items.listSince(since, 100_000);
    const suggestions = items.filter((i) => i.origin.kind === 'suggestion');
    const approved = suggestions.filter(
      (i) => i.status === 'approved' || i.status === 'published',
    ).length;
    const rejected = suggestions.filter((i) => i.status === 'rejected').length;
    const times = items
      .map(decided)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    return {
      ingested,
      outcomes,
      droppedByKeywords: share(count('dropped_keywords'), ingested),
      droppedByScore: share(count('dropped_score'), scored),
      suggestions: {
        total: suggestions.length,
        approved,
        rejected,
        approvedShare: share(approved, approved + rejected),
      },
      decisionMs: {
        median: percentile(times, 50),
        p90: percentile(times, 90),
        count: times.length,
      },
      openItems: items.filter((i) => i.status === 'queued' || i.status === 'claimed').length,
    };
  });
}
