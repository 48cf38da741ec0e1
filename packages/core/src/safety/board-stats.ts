import type { AdId } from '../ids.js';
import type { Invite } from '../invites/invite.js';
import type { ReportOutcome } from '../moderation/item.js';
import type { BoardContext } from '../shell/context.js';

/** The ad board's statistics for a window. */
export interface BoardStats {
  readonly invites: {
    readonly byStatus: Partial<Record<Invite['status'], number>>;
    /** Accepted ÷ (accepted + declined); 0 without decisions. */
    readonly acceptedShare: number;
    readonly byDay: readonly { day: string; status: Invite['status']; count: number }[];
    readonly byAd: readonly { adId: AdId; status: Invite['status']; count: number }[];
  };
  readonly chats: { readonly opened: number; readonly ended: number; readonly blocked: number };
  readonly reports: Partial<Record<ReportOutcome | 'open', number>>;
}

/**
 * Invites sent/accepted/declined/expired per day and per ad, chats opened/ended/blocked, and
 * reports by outcome, since `since` (default: everything).
 */
export function boardStats(ctx: BoardContext, since = 0, topAds = 10): Promise<BoardStats> {
  return ctx.storage.transaction(async (tx) => {
    const byStatus = await tx.invites.countByStatus(since);
    const accepted = byStatus.accepted ?? 0;
    const declined = byStatus.declined ?? 0;
    const reports: Partial<Record<ReportOutcome | 'open', number>> = {};
    for (const item of await tx.feed.items.listSince(since, 100_000)) {
      if (item.origin.kind !== 'report') continue;
      const key = item.status === 'resolved' ? item.outcome : 'open';
      reports[key] = (reports[key] ?? 0) + 1;
    }
    return {
      invites: {
        byStatus,
        acceptedShare: accepted + declined === 0 ? 0 : accepted / (accepted + declined),
        byDay: await tx.invites.countByDay(since),
        byAd: await tx.invites.countByAd(since, topAds),
      },
      chats: await tx.chats.tally(since),
      reports,
    };
  });
}
