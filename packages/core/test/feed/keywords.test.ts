import { MAX_KEYWORDS, parseKeywords, readKeyword } from '@anonboard/core';
import { describe, expect, it } from 'vitest';

describe('parseKeywords', () => {
  it('reads keywords and phrases separated by commas, semicolons and new lines', () => {
    expect(parseKeywords('собрание,  отключение   воды; встреча\nмитинг')).toEqual({
      ok: true,
      keywords: ['собрание', 'отключение воды', 'встреча', 'митинг'],
    });
  });

  it('reads a minus as an exclusion, not as a keyword (/keywords -реклама)', () => {
    expect(parseKeywords('-реклама')).toEqual({ ok: true, keywords: ['-реклама'] });
    expect(parseKeywords('собрание -реклама -спам')).toEqual({
      ok: true,
      keywords: ['собрание', '-реклама', '-спам'],
    });
    expect(parseKeywords('собрание, −реклама')).toEqual({
      ok: true,
      keywords: ['собрание', '-реклама'],
    });
  });

  it('reads phrases in quotes, wanted or excluded', () => {
    expect(
      parseKeywords('"общее собрание" -"продам гараж", «отключение воды» -“купи слона”'),
    ).toEqual({
      ok: true,
      keywords: ['общее собрание', '-продам гараж', 'отключение воды', '-купи слона'],
    });
    expect(parseKeywords('-продам гараж, собрание')).toEqual({
      ok: true,
      keywords: ['-продам гараж', 'собрание'],
    });
  });

  it('keeps hyphenated words and dashes as they are', () => {
    expect(parseKeywords('Нью-Йорк, собрание — важно')).toEqual({
      ok: true,
      keywords: ['Нью-Йорк', 'собрание — важно'],
    });
  });

  it('keeps repeats once, ignoring case, inflection-free spelling and look-alikes', () => {
    expect(parseKeywords('Собрание, собрание, СОБРAНИЕ, -спам, -Спам')).toEqual({
      ok: true,
      keywords: ['Собрание', '-спам'],
    });
  });

  it('refuses what it cannot read, saying where', () => {
    expect(parseKeywords('собрание, "отключение воды')).toEqual({
      ok: false,
      problem: 'unclosed_quote',
      near: '"отключение воды',
    });
    expect(parseKeywords('собрание, -')).toEqual({
      ok: false,
      problem: 'empty_exclusion',
      near: '-',
    });
    expect(parseKeywords('собрание, !!!')).toEqual({ ok: false, problem: 'no_word', near: '!!!' });
    expect(parseKeywords('""')).toEqual({ ok: false, problem: 'no_word', near: '""' });
    expect(parseKeywords('собрание, -собрание')).toEqual({
      ok: false,
      problem: 'conflict',
      near: 'собрание',
    });
    expect(parseKeywords('а'.repeat(101))).toMatchObject({ ok: false, problem: 'too_long' });
    const many = Array.from({ length: MAX_KEYWORDS + 1 }, (_, i) => `слово${i}`).join(',');
    expect(parseKeywords(many)).toMatchObject({ ok: false, problem: 'too_many' });
  });

  it('reads stored keywords back', () => {
    expect(readKeyword('-продам гараж')).toEqual({ phrase: 'продам гараж', exclude: true });
    expect(readKeyword(' собрание ')).toEqual({ phrase: 'собрание', exclude: false });
  });
});
