import {
  type FeedSettings,
  type FeedStats,
  formatPrice,
  formatWait,
  type Locale,
  MAX_KEYWORD_LENGTH,
  MAX_KEYWORDS,
  type ModerationItem,
  parseKeywords,
  readKeyword,
  type Source,
  type Subscription,
} from '@anonboard/core';
import type { Say } from '../handlers/turn.js';

/** A score or threshold as people read it: `0.6`, `0.75`. */
export function formatThreshold(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Longest piece of someone's input quoted back in a refusal. */
const NEAR_CHARS = 60;

/**
 * Keywords as understood, one line for what is looked for and one for what is left out:
 * "• ищу: «собрание», «отключение воды»\n• кроме сообщений, где есть: «реклама»".
 */
export function describeKeywords(say: Say, keywords: readonly string[]): string {
  const { wanted, excluded } = splitKeywords(say, keywords);
  return [
    wanted === ''
      ? say('feed.keywords.wantedAny')
      : say('feed.keywords.wanted', { keywords: wanted }),
    ...(excluded === '' ? [] : [say('feed.keywords.excluded', { keywords: excluded })]),
  ].join('\n');
}

/** Keywords on one line: "«собрание», «отключение воды»; кроме: «реклама»". */
export function formatKeywords(say: Say, keywords: readonly string[]): string {
  const { wanted, excluded } = splitKeywords(say, keywords);
  const shown = wanted === '' ? say('feed.subscription.anyKeyword') : wanted;
  return excluded === '' ? shown : say('feed.keywords.except', { wanted: shown, excluded });
}

/**
 * Keywords as people type them (see core's `parseKeywords`: commas, quotes, `-` to exclude), or
 * the localised sentence saying what could not be read.
 *
 * ```ts
 * readKeywordInput(say, 'собрание, -реклама'); // { keywords: ['собрание', '-реклама'] }
 * readKeywordInput(say, '"собрание'); // { refusal: 'не закрыта кавычка в «"собрание»' }
 * ```
 */
export function readKeywordInput(
  say: Say,
  input: string,
): { readonly keywords: string[] } | { readonly refusal: string } {
  const parsed = parseKeywords(input);
  if (parsed.ok) return { keywords: parsed.keywords };
  const near =
    parsed.problem === 'too_many'
      ? parsed.near
      : quoted(
          say,
          parsed.near.length > NEAR_CHARS
            ? `${parsed.near.slice(0, NEAR_CHARS - 1)}…`
            : parsed.near,
        );
  const max = parsed.problem === 'too_many' ? MAX_KEYWORDS : MAX_KEYWORD_LENGTH;
  return { refusal: say(`feed.keywords.problem.${parsed.problem}`, { near, max }) };
}

function quoted(say: Say, keyword: string): string {
  return say('feed.keywords.quoted', { keyword });
}

function splitKeywords(say: Say, keywords: readonly string[]) {
  const read = keywords.map(readKeyword).filter((k) => k.phrase !== '');
  const list = (exclude: boolean) =>
    read
      .filter((k) => k.exclude === exclude)
      .map((k) => quoted(say, k.phrase))
      .join(', ');
  return { wanted: list(false), excluded: list(true) };
}

/** A threshold as people type it (`0.6`, `0,6`); undefined unless a number from 0 to 1. */
export function parseThreshold(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^(?:0|1|0?\.\d+|1\.0*)$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

/** The person's subscription: keywords, threshold (theirs or the default) and sources. */
export function describeSubscription(
  say: Say,
  subscription: Subscription | undefined,
  settings: FeedSettings,
  sources: readonly Source[],
): string {
  const keywords = subscription?.keywords ?? [];
  const own = subscription?.threshold ?? null;
  const titles = (subscription?.sources ?? []).map(
    (id) => sources.find((s) => s.id === id)?.title ?? id,
  );
  return say('feed.subscription', {
    keywords: formatKeywords(say, keywords),
    threshold:
      own === null
        ? say('feed.subscription.defaultThreshold', {
            threshold: formatThreshold(settings.defaultThreshold),
          })
        : formatThreshold(own),
    sources: titles.length === 0 ? say('feed.subscription.allSources') : titles.join(', '),
  });
}

/** The watched sources, one line each (with the public link when there is one). */
export function describeSources(say: Say, sources: readonly Source[]): string {
  return sources
    .map((s) =>
      s.link === null
        ? say('feed.sources.item', { title: s.title })
        : say('feed.sources.itemWithLink', { title: s.title, link: s.link }),
    )
    .join('\n');
}

/** Longest excerpt of an item's text in the `/queue` list. */
const EXCERPT_CHARS = 120;

/** ` · <where it came from>`: the channel of a monitored item, the chat of a report. */
function sourceOf(item: ModerationItem): string {
  switch (item.origin.kind) {
    case 'suggestion':
      return '';
    case 'report':
      return ` · «${item.origin.chatLabel}»`;
    case 'direct':
      return ` · ${item.origin.channelTitle}`;
    default:
      return ` · ${item.origin.sourceTitle}`;
  }
}

/** ` · 💰 <price>` for a paid post suggested in the channel's direct messages. */
function priceOf(say: Say, item: ModerationItem): string {
  const price = item.origin.kind === 'direct' ? (item.origin.offer?.price ?? null) : null;
  return price === null ? '' : say('feed.queue.direct', { price: formatPrice(price) });
}

/** The `/queue` list: kind, source, age, score and an excerpt of each item, oldest first. */
export function describeQueue(
  say: Say,
  items: readonly ModerationItem[],
  shown: number,
  locale: Locale,
  now: number,
): string {
  if (items.length === 0) return say('feed.queue.empty');
  const lines = items.slice(0, shown).map((item, i) => {
    const text = item.text.replace(/\s+/g, ' ').trim();
    return say('feed.queue.item', {
      n: i + 1,
      kind: say(
        item.origin.kind === 'direct' && item.origin.offer === null
          ? 'feed.kind.directMessage'
          : `feed.kind.${item.origin.kind}`,
      ),
      source: sourceOf(item),
      age: formatWait(now - item.createdAt, locale),
      score: `${
        item.score !== null
          ? say('feed.queue.score', { score: item.score.value.toFixed(2) }) +
            (item.score.flags?.includes('injection') === true ? say('feed.queue.injection') : '')
          : item.origin.kind === 'monitored' || item.origin.kind === 'forwarded'
            ? say('feed.queue.notScored')
            : ''
      }${priceOf(say, item)}`,
      text: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text,
    });
  });
  if (items.length > shown) lines.push(say('feed.queue.more', { count: items.length - shown }));
  return say('feed.queue.list', { count: items.length, items: lines.join('\n\n') });
}

/** The `/stats` text: shares filtered, share approved, decision times. */
export function describeStats(say: Say, stats: FeedStats, locale: Locale): string {
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  // formatWait rounds up to a minute; quicker decisions say so rather than "1 min".
  const duration = (ms: number | null) =>
    ms === null ? '—' : ms < 60_000 ? say('feed.stats.underMinute') : formatWait(ms, locale);
  const { suggestions, decisionMs } = stats;
  return say('feed.stats', {
    ingested: stats.ingested,
    byKeywords: percent(stats.droppedByKeywords),
    byScore: percent(stats.droppedByScore),
    suggestions: suggestions.total,
    approvedShare: percent(suggestions.approvedShare),
    approved: suggestions.approved,
    decided: suggestions.approved + suggestions.rejected,
    median: duration(decisionMs.median),
    p90: duration(decisionMs.p90),
    decisions: decisionMs.count,
    open: stats.openItems,
  });
}
