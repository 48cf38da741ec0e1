import { AnonboardError } from '../errors.js';
import type { Locale } from '../ids.js';
import type { TextKey } from './keys.js';
import type { Texts } from './texts.js';

const units: Record<Locale, { h: string; min: string }> = {
  ru: { h: 'ч', min: 'мин' },
  en: { h: 'h', min: 'min' },
};

/** A duration as people say it: "3 ч 20 мин", "5 min" (rounded up to a minute). */
export function formatWait(ms: number, locale: Locale): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const u = units[locale];
  return [h > 0 ? `${h} ${u.h}` : '', m > 0 ? `${m} ${u.min}` : ''].filter(Boolean).join(' ');
}

/**
 * The user-facing sentence for an error: `error.<code>` rendered with its details (and the
 * wait until `retryAt`, when there is one). Anything that is not an {@link AnonboardError} is
 * explained as a temporary failure, without internals.
 *
 * ```ts
 * catch (error) { await ctx.reply(explainError(board.texts, error, 'ru', Date.now())); }
 * ```
 */
export function explainError(texts: Texts, error: unknown, locale: Locale, now: number): string {
  if (!(error instanceof AnonboardError)) return texts.render('error.storage', undefined, locale);
  const { retryAt, ...rest } = error.details;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rest)) params[k] = typeof v === 'boolean' ? String(v) : v;
  if (typeof retryAt === 'number') params.wait = formatWait(retryAt - now, locale);
  if (params.reason === undefined) params.reason = error.message.replace(/^\[anonboard\] /, '');
  return texts.render(`error.${error.code}` as TextKey, params, locale);
}
