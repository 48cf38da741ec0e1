import { foldConfusables, normalizeText, stems, stemWord, tokenize } from '@anonboard/core';
import { describe, expect, it } from 'vitest';

describe('normalizeText', () => {
  it('lower-cases without a locale and folds ё to е', () => {
    expect(normalizeText('ЁЛКА Ёлка ёлка MEETING')).toBe('елка елка елка meeting');
  });

  it('strips stress marks and soft hyphens but keeps й and decomposed ё', () => {
    expect(normalizeText('собра\u0301\u00ADние')).toBe('собрание');
    expect(normalizeText('и\u0306од е\u0308ж')).toBe('йод еж');
  });

  it('applies NFKC: full-width letters and digits, ligatures, superscripts', () => {
    expect(normalizeText('ＳＯＳ １５:００')).toBe('sos 15:00');
    expect(normalizeText('ﬁre ﬂoor')).toBe('fire floor');
    expect(normalizeText('м²')).toBe('м2');
  });

  it('removes invisible format characters: direction marks, word joiners, BOM', () => {
    expect(normalizeText('со\u200Eбра\u2060ни\u202Eе\uFEFF')).toBe('собрание');
  });

  it('folds the Turkish dotted capital to a plain i', () => {
    expect(normalizeText('İstanbul')).toBe('istanbul');
  });
});

describe('foldConfusables', () => {
  it('writes a word mixing Latin and Cyrillic look-alikes in the script that spells it', () => {
    expect(foldConfusables('cобрание')).toBe('собрание');
    expect(foldConfusables('coбpaниe')).toBe('собрание');
    expect(foldConfusables('mееting')).toBe('meeting');
    expect(foldConfusables('вoдa')).toBe('вода');
  });

  it('folds Greek look-alikes too', () => {
    expect(foldConfusables('сοбрание')).toBe('собрание');
  });

  it('takes the script most letters are in when both can spell the word', () => {
    expect(foldConfusables('сoр')).toBe('сор');
    expect(foldConfusables('coр')).toBe('cop');
  });

  it('leaves one-script words, digits and unspellable mixtures alone', () => {
    for (const word of ['собрание', 'meeting', 'covid19', '15', 'fжz', 'їжак']) {
      expect(foldConfusables(word)).toBe(word);
    }
  });
});

describe('tokenize', () => {
  it('undoes disguised words: look-alikes, full-width digits, ligatures', () => {
    expect(tokenize('Cобрание в １５:００, oﬀice')).toEqual([
      'собрание',
      'в',
      '15',
      '00',
      'office',
    ]);
  });

  it('splits on everything but letters and digits', () => {
    expect(tokenize('Встреча в 15:00! Общее-собрание, #важно (meeting.)')).toEqual([
      'встреча',
      'в',
      '15',
      '00',
      'общее',
      'собрание',
      'важно',
      'meeting',
    ]);
  });

  it('returns nothing for blank or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  ...  !!! ')).toEqual([]);
  });

  it('stays linear on long adversarial input', () => {
    const text = `${'а-'.repeat(200_000)}!`;
    const started = performance.now();
    expect(tokenize(text)).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('stemWord and stems', () => {
  it('stems Russian and English, leaves digits and mixed words', () => {
    expect(stemWord('собраниях')).toBe('собран');
    expect(stemWord('meetings')).toBe('meet');
    expect(stemWord('15')).toBe('15');
    expect(stemWord('covid19')).toBe('covid19');
    expect(stemWord('їжак')).toBe('їжак');
  });

  it('normalises, tokenises and stems a text', () => {
    expect(stems('Общее СОБРАНИЕ: meetings')).toEqual(['общ', 'собран', 'meet']);
  });
});
