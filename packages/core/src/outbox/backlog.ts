import type { BoardContext } from '../shell/context.js';

/**
 * What is waiting, for an operator's gauges: read at each scrape, not kept.
 *
 * ```ts
 * const { outboxPending, outboxOldestAt } = await board.backlog();
 * ```
 */
export interface Backlog {
  /** Outbox entries still to deliver. */
  readonly outboxPending: number;
  /** Outbox entries given up on (kept for inspection). */
  readonly outboxDead: number;
  /** When the oldest entry still to deliver was written; null when none waits. */
  readonly outboxOldestAt: number | null;
  /** Moderation items waiting for a decision (a feed's only; at most 10 000 are counted). */
  readonly moderationQueue?: number;
}

/** Reads the outbox's backlog (and the moderation queue's, for a feed) in one transaction. */
export function readBacklog(ctx: BoardContext, withQueue: boolean): Promise<Backlog> {
  return ctx.storage.transaction(async (tx) => {
    const { pending, dead } = await tx.outbox.stats();
    const oldest = await tx.outbox.oldestPendingAt();
    const base = { outboxPending: pending, outboxDead: dead, outboxOldestAt: oldest };
    if (!withQueue) return base;
    return { ...base, moderationQueue: (await tx.feed.items.listOpen(10_000)).length };
  });
}
