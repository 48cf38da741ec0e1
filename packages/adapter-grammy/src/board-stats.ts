import type { AdId, BoardStats, TextKey } from '@anonboard/core';
import type { Say } from './handlers/turn.js';

/** How many ads `/stats` lists by the first messages they got. */
const TOP_ADS = 5;

const inviteStatuses = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
const reportOutcomes = ['open', 'dismissed', 'warned', 'banned'] as const;

/**
 * The ads `/stats` lists: most first messages first, with how many of them were accepted.
 *
 * ```ts
 * topAds(await board.stats()); // [{ adId: 'k3J9…', count: 12, accepted: 4 }, …]
 * ```
 */
export function topAds(
  stats: BoardStats,
): { readonly adId: AdId; readonly count: number; readonly accepted: number }[] {
  const perAd = new Map<AdId, { count: number; accepted: number }>();
  for (const { adId, status, count } of stats.invites.byAd) {
    const ad = perAd.get(adId) ?? { count: 0, accepted: 0 };
    ad.count += count;
    if (status === 'accepted') ad.accepted += count;
    perAd.set(adId, ad);
  }
  return [...perAd]
    .map(([adId, ad]) => ({ adId, ...ad }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_ADS);
}

/**
 * The `/stats` text of the ad board: first messages by status and the accepted share, the most
 * answered ads (by title: `titles`, from `topAds`), chats opened / ended / blocked, reports by
 * outcome. `period` says which window (`за всё время`).
 *
 * ```ts
 * const stats = await board.stats();
 * describeBoardStats(turn.say, stats, titles, turn.say('stats.period.all'));
 * ```
 */
export function describeBoardStats(
  say: Say,
  stats: BoardStats,
  titles: ReadonlyMap<AdId, string>,
  period: string,
): string {
  const { invites, chats, reports } = stats;
  const counted = <K extends string>(
    keys: readonly K[],
    counts: Partial<Record<K, number>>,
    text: (key: K) => TextKey,
  ) => {
    const parts = keys.flatMap((k) => (counts[k] ? [say(text(k), { count: counts[k] })] : []));
    return parts.length === 0 ? say('stats.none') : parts.join(' · ');
  };
  const total = Object.values<number | undefined>(invites.byStatus).reduce<number>(
    (sum, n) => sum + (n ?? 0),
    0,
  );
  const ads = topAds(stats).map(({ adId, count, accepted }, i) =>
    say('stats.topAd', { n: i + 1, ad: titles.get(adId) ?? say('stats.adGone'), count, accepted }),
  );
  return say('stats.board', {
    period,
    invites: total,
    byStatus: counted(inviteStatuses, invites.byStatus, (s) => `stats.invites.${s}`),
    acceptedShare: `${Math.round(invites.acceptedShare * 100)}%`,
    opened: chats.opened,
    ended: chats.ended,
    blocked: chats.blocked,
    reports: counted(reportOutcomes, reports, (o) => `stats.reports.${o}`),
    topAds: ads.length === 0 ? say('stats.none') : ads.join('\n'),
  });
}
