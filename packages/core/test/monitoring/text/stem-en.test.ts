import { stemEnglish } from '@anonboard/core';
import { describe, expect, it } from 'vitest';

// Pairs from the Porter2 reference output (snowballstem.org, English sample vocabulary).
const REFERENCE: ReadonlyArray<readonly [string, string]> = [
  ['consign', 'consign'],
  ['consigned', 'consign'],
  ['consignment', 'consign'],
  ['consistency', 'consist'],
  ['consistently', 'consist'],
  ['consolation', 'consol'],
  ['consolatory', 'consolatori'],
  ['consoled', 'consol'],
  ['consolidating', 'consolid'],
  ['consolingly', 'consol'],
  ['consonant', 'conson'],
  ['conspicuously', 'conspicu'],
  ['conspiracy', 'conspiraci'],
  ['conspirators', 'conspir'],
  ['constable', 'constabl'],
  ['constancy', 'constanc'],
  ['knackeries', 'knackeri'],
  ['knave', 'knave'],
  ['kneaded', 'knead'],
  ['kneeling', 'kneel'],
  ['knees', 'knee'],
  ['knightly', 'knight'],
  ['knitting', 'knit'],
  ['knives', 'knive'],
  ['knockers', 'knocker'],
  ['generously', 'generous'],
  ['hoping', 'hope'],
  ['hopping', 'hop'],
  ['cries', 'cri'],
  ['ties', 'tie'],
  ['gas', 'gas'],
  ['gaps', 'gap'],
  ['agreed', 'agre'],
  ['happy', 'happi'],
  ['skies', 'sky'],
  ['news', 'news'],
];

describe('stemEnglish', () => {
  it.each(REFERENCE)('%s → %s (Porter2 reference)', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
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
