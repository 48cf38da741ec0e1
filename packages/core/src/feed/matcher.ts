import { readKeyword } from './keywords.js';
import { stems } from './text/stem.js';

/** What the matcher needs to know about one monitoring subscription. */
export interface MatcherSubscription {
  readonly id: string;
  /**
   * Words or phrases; a message matches if it contains any of them (or there are none) and none
   * of the exclusions, written with a leading `-` (see {@link readKeyword}). Blank ones are ignored.
   */
  readonly keywords: readonly string[];
  /** Source ids this subscription watches; empty = every source. */
  readonly sources: readonly string[];
}

/** All subscriptions' keywords compiled into one index. */
export interface KeywordMatcher {
  /**
   * Subscriptions interested in `text` from `sourceId`: id → the keyword that matched ('' for a
   * subscription without keywords, which takes every message of its sources). Each id at most
   * once; when several keywords match, the one found earliest in the text wins (then the one
   * listed first). A subscription whose exclusion the text contains is not interested.
   */
  match(text: string, sourceId: string): Map<string, string>;
  readonly subscriptionCount: number;
}

/**
 * Compiles every subscription's keywords into one matcher whose cost grows with the length of the
 * text (and the number of matches), not with the number of subscriptions. Comparison is on whole
 * stemmed words, case- and `ё`/`е`-insensitive, look-alike letters folded; a phrase matches
 * consecutive words. Exclusions (`-реклама`) veto a match. A subscription whose keywords are all
 * blank or exclusions counts as one without keywords (every message, less the excluded ones).
 *
 * ```ts
 * const matcher = compileMatcher([
 *   { id: 'house', keywords: ['общее собрание'], sources: ['@dom'] },
 *   { id: 'all', keywords: ['-реклама'], sources: ['@dom'] },
 * ]);
 * matcher.match('Общего собрания не будет', '@dom');
 * // Map { 'all' => '', 'house' => 'общее собрание' }
 * matcher.match('Реклама: общее собрание', '@dom');
 * // Map { 'house' => 'общее собрание' }
 * ```
 */
export function compileMatcher(subscriptions: Iterable<MatcherSubscription>): KeywordMatcher {
  const byFirstStem = new Map<string, BySource<Posting>>();
  const takeEverything: BySource<string> = { anySource: [], bySource: new Map() };
  let subscriptionCount = 0;
  for (const subscription of subscriptions) {
    subscriptionCount++;
    const postings = compilePostings(subscription);
    const sources = [...new Set(subscription.sources)];
    if (postings.every((posting) => posting.exclude)) {
      addBySource(takeEverything, sources, subscription.id);
    }
    for (const posting of postings) {
      addBySource(entryFor(byFirstStem, posting.stems[0] ?? ''), sources, posting);
    }
  }
  return {
    subscriptionCount,
    match(text, sourceId) {
      const matches = new Map<string, string>();
      for (const id of takeEverything.anySource) matches.set(id, '');
      for (const id of takeEverything.bySource.get(sourceId) ?? []) matches.set(id, '');
      const excluded = new Set<string>();
      const textStems = stems(text);
      for (let position = 0; position < textStems.length; position++) {
        // One lookup in a map of keyword stems per word; most words are not keywords.
        const entry = byFirstStem.get(textStems[position] ?? '');
        if (entry === undefined) continue;
        collectMatches(entry.anySource, textStems, position, matches, excluded);
        collectMatches(entry.bySource.get(sourceId), textStems, position, matches, excluded);
      }
      for (const id of excluded) matches.delete(id);
      return matches;
    },
  };
}

// --- Internal helpers ---

/** One keyword of one subscription, as the stems it must match in a row. */
interface Posting {
  readonly subscriptionId: string;
  readonly keyword: string;
  readonly stems: readonly string[];
  /** An exclusion: finding it vetoes the subscription. */
  readonly exclude: boolean;
}

/**
 * Items split by the source they watch, so that a text from one source never even sees the
 * subscriptions of other sources.
 */
interface BySource<T> {
  readonly anySource: T[];
  readonly bySource: Map<string, T[]>;
}

function entryFor(byFirstStem: Map<string, BySource<Posting>>, stem: string): BySource<Posting> {
  let entry = byFirstStem.get(stem);
  if (entry === undefined) {
    entry = { anySource: [], bySource: new Map() };
    byFirstStem.set(stem, entry);
  }
  return entry;
}

function addBySource<T>(index: BySource<T>, sources: readonly string[], item: T): void {
  if (sources.length === 0) index.anySource.push(item);
  for (const source of sources) {
    const list = index.bySource.get(source);
    if (list === undefined) index.bySource.set(source, [item]);
    else list.push(item);
  }
}

/** The subscription's keywords as postings, blank and repeated phrases dropped. */
function compilePostings({ id, keywords }: MatcherSubscription): Posting[] {
  const postings: Posting[] = [];
  const seen = new Set<string>();
  for (const keyword of keywords) {
    const { phrase, exclude } = readKeyword(keyword);
    const keywordStems = stems(phrase);
    const key = `${exclude ? '-' : '+'}${keywordStems.join(' ')}`;
    if (keywordStems.length === 0 || seen.has(key)) continue;
    seen.add(key);
    postings.push({ subscriptionId: id, keyword, stems: keywordStems, exclude });
  }
  return postings;
}

/**
 * Records every posting whose phrase starts at `position`: the first match of an id stays, an
 * exclusion marks the id excluded.
 */
function collectMatches(
  postings: readonly Posting[] | undefined,
  textStems: readonly string[],
  position: number,
  matches: Map<string, string>,
  excluded: Set<string>,
): void {
  if (postings === undefined) return;
  for (const posting of postings) {
    const id = posting.subscriptionId;
    if (excluded.has(id) || (!posting.exclude && matches.has(id))) continue;
    if (!phraseStartsAt(posting.stems, textStems, position)) continue;
    if (posting.exclude) excluded.add(id);
    else matches.set(id, posting.keyword);
  }
}

function phraseStartsAt(
  phrase: readonly string[],
  textStems: readonly string[],
  position: number,
): boolean {
  if (position + phrase.length > textStems.length) return false;
  for (let offset = 1; offset < phrase.length; offset++) {
    if (phrase[offset] !== textStems[position + offset]) return false;
  }
  return true;
}
