import {
  AnonboardError,
  createTexts,
  en,
  explainError,
  formatWait,
  localeFrom,
  ru,
} from '@anonboard/core';
import { describe, expect, it } from 'vitest';

describe('texts', () => {
  it('both catalogues have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    const holes = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[])
      expect(holes(en[key]), key).toEqual(holes(ru[key]));
  });

  it('renders Russian by default, English on request, and overrides win', () => {
    const texts = createTexts({
      overrides: { ru: { 'button.accept': 'Да' }, en: { 'button.accept': 'Yes' } },
    });
    expect(texts.render('button.accept')).toBe('Да');
    expect(texts.render('button.accept', undefined, 'en')).toBe('Yes');
    expect(texts.render('button.decline')).toBe('❌ Отклонить');
    expect(texts.render('invite.sent', { ad: 'Гараж' }, 'en')).toContain('“Гараж”');
    expect(createTexts({ defaultLocale: 'en' }).render('button.decline')).toBe('❌ Decline');
  });

  it('leaves an unknown placeholder visible', () => {
    expect(createTexts().render('invite.sent', {})).toContain('{ad}');
  });

  it('maps platform language codes to a locale', () => {
    expect(localeFrom('en-US')).toBe('en');
    expect(localeFrom('ru')).toBe('ru');
    expect(localeFrom('de')).toBe('ru');
    expect(localeFrom(undefined, 'en')).toBe('en');
  });

  it('explains errors with their details and the wait', () => {
    const texts = createTexts();
    const now = 1_000_000;
    const limit = new AnonboardError('invite_limit', 'x', {
      limit: 20,
      retryAt: now + 3 * 3600_000 + 20 * 60_000,
    });
    expect(explainError(texts, limit, 'ru', now)).toBe(
      'Лимит сообщений на сегодня исчерпан (20). Попробуйте через 3 ч 20 мин.',
    );
    expect(explainError(texts, limit, 'en', now)).toBe(
      'Daily message limit reached (20). Try again in 3 h 20 min.',
    );
    expect(
      explainError(texts, new AnonboardError('text_too_long', 'x', { max: 10 }), 'ru', now),
    ).toContain('не больше 10');
    expect(explainError(texts, new Error('SQLITE_BUSY at /secret/path'), 'en', now)).toBe(
      'A temporary error. Please try again.',
    );
    expect(formatWait(30_000, 'en')).toBe('1 min');
  });
});
