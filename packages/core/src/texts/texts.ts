import { AnonboardError } from '../errors.js';
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
 * Texts with Russian as the default and English available; any string can be overridden. An
 * unknown locale or key, or a text that is not a string, throws `AnonboardError('invalid_options')`
 * here, not when the text is shown.
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
  if (!isLocale(defaultLocale)) {
    throw invalidTexts('defaultLocale', `unknown locale ${JSON.stringify(defaultLocale)}`);
  }
  checkOverrides(options.overrides);
  const catalogs: Record<Locale, Catalog> = {
    ru: { ...builtIn.ru, ...options.overrides?.ru },
    en: { ...builtIn.en, ...options.overrides?.en },
  };
  return {
    defaultLocale,
    render(key, params, locale = defaultLocale) {
      // A locale from outside the types (plain JavaScript) falls back rather than crashing.
      const template = (catalogs[locale] ?? catalogs[defaultLocale])[key];
      if (params === undefined) return template;
      // Unknown placeholders stay visible rather than silently vanishing.
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
    },
  };
}

/** Whether `value` is a locale with a built-in catalogue. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(builtIn, value);
}

/** Narrows a platform language code (`ru`, `en-US`, …) to a supported locale. */
export function localeFrom(languageCode: string | undefined, fallback: Locale = 'ru'): Locale {
  const base = languageCode?.slice(0, 2).toLowerCase();
  return base === 'ru' || base === 'en' ? base : fallback;
}

// --- Internal helpers ---

/** Overrides name known locales and keys, with strings. */
function checkOverrides(overrides: unknown): void {
  if (overrides === undefined) return;
  if (typeof overrides !== 'object' || overrides === null) {
    throw invalidTexts('overrides', 'must be an object like { ru: { "button.accept": "Да" } }');
  }
  for (const [locale, catalog] of Object.entries(overrides)) {
    if (!isLocale(locale)) {
      const known = Object.keys(builtIn).join(', ');
      throw invalidTexts(`overrides.${locale}`, `unknown locale (known: ${known})`);
    }
    if (catalog === undefined) continue;
    if (typeof catalog !== 'object' || catalog === null) {
      throw invalidTexts(`overrides.${locale}`, 'must be an object of texts by key');
    }
    const keys: Record<string, string> = builtIn[locale];
    for (const [key, text] of Object.entries(catalog)) {
      const option = `overrides.${locale}.${key}`;
      if (!Object.hasOwn(keys, key)) throw invalidTexts(option, 'unknown text key');
      if (typeof text !== 'string') throw invalidTexts(option, 'must be a string');
    }
  }
}

function invalidTexts(option: string, message: string): AnonboardError {
  return new AnonboardError(
    'invalid_options',
    `createTexts: invalid option "${option}": ${message}`,
    {
      option,
    },
  );
}
