import { stemEnglish } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { disagreements, snowballVocabulary } from './vocabulary.js';

describe('stemEnglish', () => {
  it("stems every word of Snowball's English test vocabulary like the reference", () => {
    const vocabulary = snowballVocabulary('english');
    expect(vocabulary.length).toBeGreaterThan(42_000);
    expect(disagreements(vocabulary, stemEnglish)).toEqual([]);
  });

  it('follows the current Porter2: -ogist, the inter- and emerg- regions, dying', () => {
    expect(stemEnglish('geologists')).toBe('geolog');
    expect(stemEnglish('international')).toBe('internat');
    expect(stemEnglish('emergency')).toBe('emergenc');
    expect(stemEnglish('dying')).toBe('die');
    expect(stemEnglish('proceeding')).toBe('proceed');
  });

  it('conflates meeting and meetings, urgent and urgently', () => {
    expect(stemEnglish('meeting')).toBe('meet');
    expect(stemEnglish('meetings')).toBe('meet');
    expect(stemEnglish('urgently')).toBe(stemEnglish('urgent'));
  });

  it('leaves words of one or two letters alone', () => {
    expect(stemEnglish('is')).toBe('is');
    expect(stemEnglish('a')).toBe('a');
  });
});
