import { AnonboardError } from '../errors.js';
import type { SourceId } from '../ids.js';
import type { ModerationItem } from '../moderation/item.js';
import type { IngestTally } from '../ports/feed-storage.js';
import type { BoardContext } from '../shell/context.js';
import { directIngestId, isDirectIngestId } from './direct-service.js';
import type { OverviewFigures } from './flow-diagrams.js';
import type { IngestOutcome, Source } from './source.js';
import { percentile } from './stats.js';

/**
 * The periods a report covers: the last 24 hours by the hour, or the last 7 or 30 days by the
 * day (days of the reader's time zone).
 *
 * ```ts
 * const period: ReportPeriod = 'week';
 * ```
 */
export type ReportPeriod = 'day' | 'week' | 'month';

/**
 * The steps of the feed's funnel: messages from sources are ingested, matched by keywords, scored,
 * queued; suggestions join at the queue; then approved and published.
 *
 * ```ts
 * const stage: FunnelStage = 'queued';
 * ```
 */
export type FunnelStage = 'ingested' | 'matched' | 'scored' | 'queued' | 'approved' | 'published';

/** Upper bounds of the decision-time histogram's bins, in minutes (the last bin is open). */
export const DECISION_BINS_MINUTES: readonly number[] = [1, 5, 15, 30, 60, 120, 360, 1440];

/**
 * Live statistics of a period, for charts: the funnel, the shares the seed asks for (filtered by
 * the scorer, approved, decision times), a series over time, a histogram of decision times and
 * the figures of each source. Counts only; no text of any message, no person.
 *
 * ```ts
 * const report: FeedReport = await feed.report({ period: 'week', timeZone: 'Europe/Moscow' });
 * console.log(report.shares.filteredByScore, report.decisionTime.medianMs);
 * ```
 */
export interface FeedReport {
  readonly period: ReportPeriod;
  readonly timeZone: string;
  /** The window, ms since the epoch: [since, until). */
  readonly since: number;
  readonly until: number;
  /** How many reached each stage: messages from sources, and suggestions (from `queued` on). */
  readonly funnel: Readonly<
    Record<FunnelStage, { readonly sources: number; readonly suggestions: number }>
  >;
  readonly shares: {
    /** Of ingested messages, the share no subscription's keywords matched. */
    readonly filteredByKeywords: number;
    /** Of messages the scorer answered for, the share below every threshold. */
    readonly filteredByScore: number;
    /** Of decided content items (sources and suggestions), the share approved. */
    readonly approved: number;
    /** Of decided suggestions, the share approved (the seed's "90 % approved"). */
    readonly suggestionsApproved: number;
  };
  readonly counts: {
    readonly ingested: number;
    readonly scored: number;
    /** Items queued because the scorer failed or timed out. */
    readonly manualReview: number;
    readonly approved: number;
    readonly rejected: number;
    readonly suggestionsApproved: number;
    readonly suggestionsRejected: number;
    /** Items waiting for a decision now (whenever they were queued). */
    readonly open: number;
  };
  /** Time from queueing to an admin's decision, for decisions in the window. */
  readonly decisionTime: {
    readonly count: number;
    readonly medianMs: number | null;
    readonly p90Ms: number | null;
    /** Decisions per bin of {@link DECISION_BINS_MINUTES} (one more: longer than the last bound). */
    readonly histogram: readonly number[];
  };
  /** One point per hour (`day`) or per day of the time zone (`week`, `month`), oldest first. */
  readonly series: readonly {
    /** The bucket's start, ms since the epoch. */
    readonly at: number;
    readonly ingested: number;
    readonly queued: number;
    readonly approved: number;
    readonly rejected: number;
  }[];
  /** Items queued in the window (reports included), by their status now. */
  readonly statuses: Readonly<Partial<Record<ModerationItem['status'], number>>>;
  /**
   * Per source (and suggestions as `source: null`), most ingested first. The channel's own direct
   * messages count as a source marked `direct`, titled with the channel's title.
   */
  readonly bySource: readonly {
    /** Null for suggestions; a removed source keeps its id and has no title. */
    readonly source: {
      readonly id: string;
      readonly title: string | null;
      readonly direct?: true;
    } | null;
    readonly ingested: number;
    readonly matched: number;
    readonly queued: number;
    readonly approved: number;
  }[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const periods: Readonly<
  Record<ReportPeriod, { readonly buckets: number; readonly daily: boolean }>
> = {
  day: { buckets: 24, daily: false },
  week: { buckets: 7, daily: true },
  month: { buckets: 30, daily: true },
};

/**
 * The report of `period` ending now, with days of `timeZone` (an IANA name such as
 * `Europe/Moscow`; default UTC). An unknown time zone is refused with `invalid_input`.
 *
 * ```ts
 * const report = await feedReport(ctx, { period: 'day', timeZone: 'Asia/Yekaterinburg' });
 * ```
 */
export async function feedReport(
  ctx: BoardContext,
  input: { period: ReportPeriod; timeZone?: string },
): Promise<FeedReport> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new AnonboardError('invalid_input', `unknown time zone ${timeZone}`, {
      reason: 'unknown time zone',
    });
  }
  const now = ctx.clock.now();
  const starts = bucketStarts(input.period, now, timeZone);
  const since = starts[0] ?? now;
  const until = starts.at(-1) === undefined ? now : nextStart(input.period, starts, timeZone);
  // Storage counts per UTC hour, or per quarter hour where the zone is not a whole hour off UTC.
  const tallyMs = zoneOffsetMs(now, timeZone) % HOUR === 0 ? HOUR : 15 * MINUTE;
  const { tally, items, sources, open } = await ctx.storage.transaction(async (tx) => ({
    tally: await tx.feed.ingest.tally({ since, until, bucketMs: tallyMs }),
    items: (await tx.feed.items.listSince(since, 100_000)).filter((item) => item.createdAt < until),
    sources: await tx.feed.sources.list(),
    open: (await tx.feed.items.listOpen(10_000)).length,
  }));
  return summarize({
    period: input.period,
    timeZone,
    since,
    until,
    starts,
    tally,
    items,
    sources,
    open,
  });
}

/**
 * The overview diagram's live figures from a report.
 *
 * ```ts
 * flowToMermaid(overviewFlow, { locale: 'en', figures: overviewFigures(report) });
 * ```
 */
export function overviewFigures(report: FeedReport): OverviewFigures {
  return {
    filteredByKeywords: report.shares.filteredByKeywords,
    filteredByScore: report.shares.filteredByScore,
    medianMs: report.decisionTime.medianMs,
    p90Ms: report.decisionTime.p90Ms,
    approved: report.shares.approved,
  };
}

// --- Internal helpers ---

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};
const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const isApproved = (status: ModerationItem['status'] | null) =>
  status === 'approved' || status === 'published';

const matchedOutcomes: ReadonlySet<string> = new Set(['dropped_score', 'queued', 'manual_review']);
const scoredOutcomes: ReadonlySet<string> = new Set(['dropped_score', 'queued']);
const queuedOutcomes: ReadonlySet<string> = new Set(['queued', 'manual_review']);

function summarize(input: {
  period: ReportPeriod;
  timeZone: string;
  since: number;
  until: number;
  starts: readonly number[];
  tally: readonly IngestTally[];
  items: readonly ModerationItem[];
  sources: readonly Source[];
  open: number;
}): FeedReport {
  const { tally, starts } = input;
  const statuses: Partial<Record<ModerationItem['status'], number>> = {};
  for (const item of input.items) statuses[item.status] = (statuses[item.status] ?? 0) + 1;
  // Reports are decided, never published: the funnel and the shares count content only.
  const items = input.items.filter((item) => item.origin.kind !== 'report');
  const count = (accept: (row: IngestTally) => boolean) =>
    sum(tally.filter(accept).map((row) => row.count));
  const outcome = (name: IngestOutcome) => count((row) => row.outcome === name);

  const ingested = count(() => true);
  const scored = count((row) => scoredOutcomes.has(row.outcome));
  const suggestions = items.filter((item) => item.origin.kind === 'suggestion');
  const decidedOf = (list: readonly ModerationItem[]) => ({
    approved: list.filter((item) => isApproved(item.status)).length,
    rejected: list.filter((item) => item.status === 'rejected').length,
  });
  const all = decidedOf(items);
  const suggested = decidedOf(suggestions);

  const times = items
    .map((item) =>
      isApproved(item.status) || item.status === 'rejected'
        ? (item as { decidedAt: number }).decidedAt - item.createdAt
        : null,
    )
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  const histogram = DECISION_BINS_MINUTES.map(() => 0).concat(0);
  for (const ms of times) {
    const bin = DECISION_BINS_MINUTES.findIndex((bound) => ms < bound * MINUTE);
    const index = bin === -1 ? DECISION_BINS_MINUTES.length : bin;
    histogram[index] = (histogram[index] ?? 0) + 1;
  }

  const bucketOf = (at: number) => {
    let index = -1;
    for (let i = 0; i < starts.length && (starts[i] ?? Infinity) <= at; i++) index = i;
    return index;
  };
  const series = starts.map((at) => ({ at, ingested: 0, queued: 0, approved: 0, rejected: 0 }));
  const bump = (at: number, field: 'ingested' | 'queued' | 'approved' | 'rejected', by = 1) => {
    const point = series[bucketOf(at)];
    if (point !== undefined && at < input.until) point[field] += by;
  };
  for (const row of tally) bump(row.bucket, 'ingested', row.count);
  for (const item of items) {
    bump(item.createdAt, 'queued');
    if (isApproved(item.status)) bump((item as { decidedAt: number }).decidedAt, 'approved');
    if (item.status === 'rejected') bump(item.decidedAt, 'rejected');
  }

  const titles = new Map(input.sources.map((source) => [source.id as string, source.title]));
  for (const item of items) {
    if (item.origin.kind === 'direct')
      titles.set(directIngestId(item.origin.chatRef), item.origin.channelTitle);
  }
  const perSource = new Map<
    SourceId,
    { ingested: number; matched: number; queued: number; approved: number }
  >();
  for (const row of tally) {
    const figures = perSource.get(row.sourceId) ?? {
      ingested: 0,
      matched: 0,
      queued: 0,
      approved: 0,
    };
    figures.ingested += row.count;
    if (matchedOutcomes.has(row.outcome)) figures.matched += row.count;
    if (queuedOutcomes.has(row.outcome)) figures.queued += row.count;
    if (isApproved(row.itemStatus)) figures.approved += row.count;
    perSource.set(row.sourceId, figures);
  }
  const bySource = [
    ...[...perSource].map(([id, figures]) => ({
      source: {
        id: id as string,
        title: titles.get(id) ?? null,
        ...(isDirectIngestId(id) ? { direct: true as const } : {}),
      },
      ...figures,
    })),
    ...(suggestions.length === 0
      ? []
      : [
          {
            source: null,
            ingested: 0,
            matched: 0,
            queued: suggestions.length,
            approved: suggested.approved,
          },
        ]),
  ].sort((a, b) => b.ingested - a.ingested || b.queued - a.queued);

  const fromSources = (accept: (row: IngestTally) => boolean) => count(accept);
  return {
    period: input.period,
    timeZone: input.timeZone,
    since: input.since,
    until: input.until,
    funnel: {
      ingested: { sources: ingested, suggestions: 0 },
      matched: { sources: fromSources((row) => matchedOutcomes.has(row.outcome)), suggestions: 0 },
      scored: { sources: scored, suggestions: 0 },
      queued: {
        sources: fromSources((row) => queuedOutcomes.has(row.outcome)),
        suggestions: suggestions.length,
      },
      approved: {
        sources: fromSources((row) => isApproved(row.itemStatus)),
        suggestions: suggested.approved,
      },
      published: {
        sources: fromSources((row) => row.itemStatus === 'published'),
        suggestions: suggestions.filter((item) => item.status === 'published').length,
      },
    },
    shares: {
      filteredByKeywords: share(outcome('dropped_keywords'), ingested),
      filteredByScore: share(outcome('dropped_score'), scored),
      approved: share(all.approved, all.approved + all.rejected),
      suggestionsApproved: share(suggested.approved, suggested.approved + suggested.rejected),
    },
    counts: {
      ingested,
      scored,
      manualReview: outcome('manual_review'),
      approved: all.approved,
      rejected: all.rejected,
      suggestionsApproved: suggested.approved,
      suggestionsRejected: suggested.rejected,
      open: input.open,
    },
    decisionTime: {
      count: times.length,
      medianMs: percentile(times, 50),
      p90Ms: percentile(times, 90),
      histogram,
    },
    series,
    statuses,
    bySource,
  };
}

/** The start of each bucket of the period ending now: hours, or days of the time zone. */
function bucketStarts(period: ReportPeriod, now: number, timeZone: string): number[] {
  const { buckets, daily } = periods[period];
  if (!daily) {
    const current = Math.floor(now / HOUR) * HOUR;
    return Array.from({ length: buckets }, (_, i) => current - (buckets - 1 - i) * HOUR);
  }
  const starts = [dayStart(now, timeZone)];
  while (starts.length < buckets) starts.unshift(dayStart((starts[0] ?? now) - 1, timeZone));
  return starts;
}

/** Where the period's last bucket ends. */
function nextStart(period: ReportPeriod, starts: readonly number[], timeZone: string): number {
  const last = starts.at(-1) ?? 0;
  // 26 hours from a midnight always lands in the next day, whatever daylight saving does.
  return periods[period].daily ? dayStart(last + 26 * HOUR, timeZone) : last + HOUR;
}

/** Midnight of the day `at` falls in, in `timeZone`. */
function dayStart(at: number, timeZone: string): number {
  const offset = zoneOffsetMs(at, timeZone);
  const local = Math.floor((at + offset) / DAY) * DAY;
  // The offset at midnight may differ from the one at `at` on a daylight-saving day.
  return local - zoneOffsetMs(local - offset, timeZone);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

function isTimeZone(name: string): boolean {
  if (name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
