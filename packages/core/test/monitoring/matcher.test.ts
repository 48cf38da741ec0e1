import { compileMatcher, type MatcherSubscription, stems } from '@anonboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function subscription(
  id: string,
  keywords: readonly string[],
  sources: readonly string[] = [],
): MatcherSubscription {
  return { id, keywords, sources };
}

/** The obvious implementation: every subscription, every keyword, for every text. */
function naiveMatch(
  subscriptions: readonly MatcherSubscription[],
  text: string,
  sourceId: string,
): Map<string, string> {
  const textStems = stems(text);
  const result = new Map<string, string>();
  for (const { id, keywords, sources } of subscriptions) {
    if (sources.length > 0 && !sources.includes(sourceId)) continue;
    const phrases = keywords
      .map((keyword) => ({ keyword, phrase: stems(keyword) }))
      .filter(({ phrase }) => phrase.length > 0);
    if (phrases.length === 0) {
      result.set(id, '');
      continue;
    }
    let best: { position: number; keyword: string } | undefined;
    for (const { keyword, phrase } of phrases) {
      const position = textStems.findIndex((_, start) =>
        phrase.every((stem, offset) => textStems[start + offset] === stem),
      );
      if (position >= 0 && (best === undefined || position < best.position)) {
        best = { position, keyword };
      }
    }
    if (best !== undefined) result.set(id, best.keyword);
  }
  return result;
}

function sorted(matches: Map<string, string>): [string, string][] {
  return [...matches].sort(([a], [b]) => a.localeCompare(b));
}

describe('compileMatcher', () => {
  it('matches Russian inflections of a keyword', () => {
    const matcher = compileMatcher([subscription('house', ['собрание'])]);
    for (const text of [
      'Собрание жильцов',
      'после собрания',
      'протоколы собраний',
      'о СОБРАНИЯХ',
    ]) {
      expect(matcher.match(text, 'any')).toEqual(new Map([['house', 'собрание']]));
    }
  });

  it('matches English plurals and ignores case', () => {
    const matcher = compileMatcher([subscription('en', ['Meeting'])]);
    expect(matcher.match('Two MEETINGS today', 'any').get('en')).toBe('Meeting');
  });

  it('treats ё and е alike', () => {
    const matcher = compileMatcher([subscription('tree', ['ёлка'])]);
    expect(matcher.match('Новогодняя елка', 'any').has('tree')).toBe(true);
  });

  it('matches whole words only', () => {
    const matcher = compileMatcher([subscription('cat', ['кот'])]);
    expect(matcher.match('Который час?', 'any').size).toBe(0);
    expect(matcher.match('Потерялся кот', 'any').get('cat')).toBe('кот');
    expect(matcher.match('Кормим котов', 'any').get('cat')).toBe('кот');
  });

  it('matches a phrase only as consecutive words', () => {
    const matcher = compileMatcher([subscription('general', ['общее собрание'])]);
    expect(matcher.match('Общего собрания не будет', 'any').get('general')).toBe('общее собрание');
    expect(matcher.match('Общее решение собрания', 'any').size).toBe(0);
    expect(matcher.match('Все общее', 'any').size).toBe(0);
  });

  it('filters by source; no sources means every source', () => {
    const matcher = compileMatcher([
      subscription('dom', ['собрание'], ['@dom', '@dom2']),
      subscription('city', ['собрание'], ['@city']),
      subscription('everywhere', ['собрание']),
    ]);
    expect(sorted(matcher.match('собрание', '@dom'))).toEqual([
      ['dom', 'собрание'],
      ['everywhere', 'собрание'],
    ]);
    expect([...matcher.match('собрание', '@other').keys()]).toEqual(['everywhere']);
  });

  it('gives every message of its sources to a subscription without keywords', () => {
    const matcher = compileMatcher([
      subscription('all-of-dom', [], ['@dom']),
      subscription('blank', ['  ', '!!!'], ['@dom']),
      subscription('all', []),
    ]);
    expect(sorted(matcher.match('что угодно', '@dom'))).toEqual([
      ['all', ''],
      ['all-of-dom', ''],
      ['blank', ''],
    ]);
    expect([...matcher.match('', '@city').keys()]).toEqual(['all']);
  });

  it('reports each subscription once, with the keyword found first in the text', () => {
    const matcher = compileMatcher([
      subscription('many', ['встреча', 'срочно', 'встреча', 'срочно'], ['@dom', '@dom']),
    ]);
    const matches = matcher.match('Срочно: встреча, встреча, срочно', '@dom');
    expect(matches).toEqual(new Map([['many', 'срочно']]));
  });

  it('counts the compiled subscriptions', () => {
    const matcher = compileMatcher(
      (function* () {
        yield subscription('a', ['x']);
        yield subscription('b', []);
      })(),
    );
    expect(matcher.subscriptionCount).toBe(2);
    expect(compileMatcher([]).match('anything', 'any').size).toBe(0);
  });

  it('agrees with the naive implementation on random texts', () => {
    const vocabulary = [
      ...['собрание', 'собрания', 'собраний', 'общее', 'общего', 'встреча', 'встречу', 'кот'],
      ...['который', 'срочно', 'ёлка', 'елки', 'гараж', 'продам', '15', '00'],
      ...['meeting', 'meetings', 'event', 'events', 'urgent'],
    ];
    const word = fc.constantFrom(...vocabulary);
    const keyword = fc.oneof(
      word,
      fc.tuple(word, word).map(([first, second]) => `${first} ${second}`),
      fc.constantFrom('', '  ', 'ОБЩЕЕ Собрание'),
    );
    const source = fc.constantFrom('a', 'b', 'c');
    const subscriptions = fc
      .array(
        fc.record({
          keywords: fc.array(keyword, { maxLength: 3 }),
          sources: fc.array(source, { maxLength: 2 }),
        }),
        { maxLength: 25 },
      )
      .map((list) => list.map((fields, index) => ({ id: `s${index}`, ...fields })));
    const separator = fc.constantFrom(' ', ', ', '! ', ':', ' — ', '\n');
    const text = fc
      .array(fc.tuple(word, separator), { maxLength: 12 })
      .map((parts) => parts.map(([w, s]) => `${w}${s}`).join(''));
    fc.assert(
      fc.property(subscriptions, text, fc.constantFrom('a', 'b', 'c', 'd'), (subs, t, from) => {
        const matcher = compileMatcher(subs);
        expect(sorted(matcher.match(t, from))).toEqual(sorted(naiveMatch(subs, t, from)));
      }),
      { seed: 20_260_101, numRuns: 500 },
    );
  });
});
