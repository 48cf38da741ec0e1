import { compileMatcher, type MatcherSubscription, readKeyword, stems } from '@anonboard/core';
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
  const contains = (phrase: readonly string[]) =>
    textStems.findIndex((_, start) =>
      phrase.every((stem, offset) => textStems[start + offset] === stem),
    );
  const result = new Map<string, string>();
  for (const { id, keywords, sources } of subscriptions) {
    if (sources.length > 0 && !sources.includes(sourceId)) continue;
    const read = keywords.map((keyword) => ({ keyword, ...readKeyword(keyword) }));
    if (read.some((k) => k.exclude && stems(k.phrase).length > 0 && contains(stems(k.phrase)) >= 0))
      continue;
    const phrases = read
      .filter((k) => !k.exclude)
      .map(({ keyword, phrase }) => ({ keyword, phrase: stems(phrase) }))
      .filter(({ phrase }) => phrase.length > 0);
    if (phrases.length === 0) {
      result.set(id, '');
      continue;
    }
    let best: { position: number; keyword: string } | undefined;
    for (const { keyword, phrase } of phrases) {
      const position = contains(phrase);
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

  it('sees through disguised words: Latin look-alikes, full-width digits, ligatures', () => {
    const matcher = compileMatcher([
      subscription('house', ['собрание']),
      subscription('time', ['15:00']),
      subscription('office', ['office']),
    ]);
    // «Cобрание» with a Latin C, «СОБРAНИЕ» with a Latin A.
    expect(matcher.match('Cобрание жильцов', 'any').get('house')).toBe('собрание');
    expect(matcher.match('СОБРAНИЕ!', 'any').get('house')).toBe('собрание');
    expect(matcher.match('Встреча в １５:００', 'any').get('time')).toBe('15:00');
    expect(matcher.match('The oﬃce is closed', 'any').get('office')).toBe('office');
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

  it('excludes messages with a negative keyword, also for a subscription without positives', () => {
    const matcher = compileMatcher([
      subscription('house', ['собрание', '-реклама', '-продам гараж']),
      subscription('all-but-ads', ['-реклама']),
    ]);
    expect(sorted(matcher.match('Собрание жильцов', 'any'))).toEqual([
      ['all-but-ads', ''],
      ['house', 'собрание'],
    ]);
    // Any inflection of an exclusion vetoes; a phrase only as consecutive words.
    expect(matcher.match('Собрание. Рекламы не будет', 'any').size).toBe(0);
    expect(sorted(matcher.match('Собрание: продаю гараж', 'any'))).toEqual([
      ['all-but-ads', ''],
      ['house', 'собрание'],
    ]);
    expect([...matcher.match('Собрание, продам гараж', 'any').keys()]).toEqual(['all-but-ads']);
    expect(matcher.match('РЕКЛAМА (Latin A)', 'any').size).toBe(0);
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
      fc.constantFrom('', '  ', 'ОБЩЕЕ Собрание', '-', '-кот', '-общего собрания'),
      word.map((w) => `-${w}`),
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
