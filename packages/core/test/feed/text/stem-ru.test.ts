import { stemRussian } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { disagreements, snowballVocabulary } from './vocabulary.js';

describe('stemRussian', () => {
  it("stems every word of Snowball's Russian test vocabulary like the reference", () => {
    const vocabulary = snowballVocabulary('russian');
    expect(vocabulary.length).toBeGreaterThan(49_000);
    expect(disagreements(vocabulary, stemRussian)).toEqual([]);
  });

  it('takes -нно off only after а or я, as Snowball does', () => {
    expect(stemRussian('экстренно')).toBe('экстрен');
    expect(stemRussian('экстренный')).toBe('экстрен');
    expect(stemRussian('сказанно')).toBe('сказа');
  });

  it.each([
    ['собрание', ['собрание', 'собрания', 'собраний', 'собранием', 'собраниях', 'собранию']],
    ['встреча', ['встреча', 'встречи', 'встречу', 'встречей', 'встрече', 'встречам']],
    ['гараж', ['гараж', 'гаража', 'гаражи', 'гаражей', 'гаражом']],
  ])('the forms of «%s» share one stem', (_lemma, forms) => {
    expect(new Set(forms.map(stemRussian)).size).toBe(1);
  });

  it('reads ё as е', () => {
    expect(stemRussian('ёлкой')).toBe(stemRussian('елкой'));
  });

  it('keeps apart a short word and a longer one that starts like it', () => {
    expect(stemRussian('кот')).toBe('кот');
    expect(stemRussian('который')).toBe('котор');
  });
});
