import type { Locale } from '../ids.js';
import { en } from './en.js';
import type { Catalog, TextKey, TextParams } from './keys.js';
import { ru } from './ru.js';

/** Overrides for any texts, per locale. */
export type TextOverrides = Partial<Record<Locale, Partial<Catalog>>>;

/** Renders text keys in a locale. */
export interface Texts {
  /** The locale used when a person's own is unknown. */
  readonly defaultLocale: Locale;
  render(key: TextKey, params?: TextParams, locale?: Locale): string;
}

const builtIn: Record<Locale, Catalog> = { ru, en };

/**
 * Texts with Russian as the default and English available; any string can be overridden.
 *
 * ```ts
 * const texts = createTexts({ overrides: { ru: { 'button.accept': 'Да' } } });
 * texts.render('invite.sent', { ad: 'Гараж' }); // '✉️ Сообщение отправлено автору объявления «Гараж»…'
 * ```
 */
export function createTexts(
  options: { defaultLocale?: Locale; overrides?: TextOverrides } = {},
): Texts {
  const defaultLocale = options.defaultLocale ?? 'ru';
  const catalogs: Record<Locale, Catalog> = {
    ru: { ...builtIn.ru, ...options.overrides?.ru },
    en: { ...builtIn.en, ...options.overrides?.en },
  };
  return {
    defaultLocale,
    render(key, params, locale = defaultLocale) {
      const template = catalogs[locale][key];
      if (params === undefined) return template;
      // Unknown placeholders stay visible rather than silently vanishing.
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
    },
  };
}

/** Narrows a platform language code (`ru`, `en-US`, …) to a supported locale. */
export function localeFrom(languageCode: string | undefined, fallback: Locale = 'ru'): Locale {
  const base = languageCode?.slice(0, 2).toLowerCase();
  return base === 'ru' || base === 'en' ? base : fallback;
}
