import { type Board, errorSummary, type Locale } from '@anonboard/core';
import { z } from 'zod';
import { MiniAppError } from './errors.js';
import { type MiniAppTextOverrides, miniAppRu } from './i18n.js';
import type { RateLimitOptions } from './rate-limit.js';
import { TELEGRAM_WEB_APP_SCRIPT } from './static.js';

/**
 * Options of {@link createMiniApp}. Only `board` and `botToken` are required.
 *
 * ```ts
 * const options: MiniAppOptions = {
 *   board,
 *   botToken: process.env.BOT_TOKEN ?? '',
 *   botUsername: 'my_board_bot',
 *   rateLimit: { max: 30, windowMs: 60_000 },
 *   texts: { ru: { 'page.title': 'Барахолка' } },
 * };
 * ```
 */
export interface MiniAppOptions {
  /** The board the API works on (the same one the bot uses). */
  readonly board: Board;
  /** The bot's token: initData is signed with it. Never sent to the page. */
  readonly botToken: string;
  /** The bot's `@username` (without `@`): the page links to the bot when opened outside Telegram. */
  readonly botUsername?: string;
  /** The page's and the errors' language when the person's own is unknown. Default `'ru'`. */
  readonly locale?: Locale;
  /** How old initData (`auth_date`) may be, in seconds. Default 86 400 (24 h). */
  readonly initDataMaxAgeSeconds?: number;
  /**
   * Per-person sliding window over all API calls (anonymous reads count per client address), or
   * `false` for none. Default 30 requests a minute.
   */
  readonly rateLimit?: RateLimitOptions | false;
  /** Largest request body, in bytes; larger ones get 413. Default 16 384. */
  readonly maxBodyBytes?: number;
  /**
   * `GET /api/ads` and `GET /api/ads/:id` answer without initData (`mine` is then always false),
   * so a page opened from a keyboard button (no initData there) can list ads and use
   * `sendData`. Writing always needs valid initData. Default true.
   */
  readonly allowAnonymousReads?: boolean;
  /**
   * The telegram-web-app.js URL put in the page's `<head>`, or `false` to leave it out (the page
   * then uses a `window.Telegram.WebApp` defined by other means). Default
   * `https://telegram.org/js/telegram-web-app.js`.
   */
  readonly telegramWebAppScript?: string | false;
  /** Ads per page in the list. Default 20 (at most 50). */
  readonly pageSize?: number;
  /** Replace any string of the page or of the API's own errors, per locale. */
  readonly texts?: MiniAppTextOverrides;
  /**
   * Where unexpected failures go (the client only gets a generic sentence). Default: an error
   * line in the board's logger.
   */
  readonly onError?: (error: unknown) => void;
  /** The clock for initData expiry and rate limits (tests). Default `Date.now`. */
  readonly now?: () => number;
}

// --- Internal helpers ---

/** {@link MiniAppOptions} checked, with every default filled in. */
export interface ResolvedMiniAppOptions {
  readonly board: Board;
  readonly botToken: string;
  readonly botUsername: string | null;
  readonly locale: Locale;
  readonly initDataMaxAgeSeconds: number;
  readonly rateLimit: RateLimitOptions | false;
  readonly maxBodyBytes: number;
  readonly allowAnonymousReads: boolean;
  readonly telegramWebAppScript: string | false;
  readonly pageSize: number;
  readonly texts: MiniAppTextOverrides;
  readonly onError: (error: unknown) => void;
  readonly now: () => number;
}

const textKeys = Object.keys(miniAppRu) as [keyof typeof miniAppRu, ...(keyof typeof miniAppRu)[]];
const catalogOverride = z.partialRecord(z.enum(textKeys), z.string());

/**
 * The options every anonboard Mini App takes, as zod fields with their defaults: the bot token,
 * the locale, initData's age, the rate limit, the body limit, the Telegram script, the error sink
 * and the clock. An app spreads them into its own `z.strictObject`.
 *
 * ```ts
 * const schema = z.strictObject({ ...webAppOptionFields, feed: z.custom<Feed>(isFeed) });
 * ```
 */
export const webAppOptionFields = {
  botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'botToken must look like 123456:ABC-DEF…'),
  locale: z.enum(['ru', 'en']).default('ru'),
  initDataMaxAgeSeconds: z.number().int().min(1).max(31_536_000).default(86_400),
  rateLimit: z
    .union([
      z.literal(false),
      z.strictObject({
        max: z.number().int().min(1),
        windowMs: z.number().int().min(1),
      }),
    ])
    .default({ max: 30, windowMs: 60_000 }),
  maxBodyBytes: z.number().int().min(256).max(1_048_576).default(16_384),
  telegramWebAppScript: z
    .union([z.literal(false), z.url({ protocol: /^https?$/ })])
    .default(TELEGRAM_WEB_APP_SCRIPT),
  onError: z
    .custom<(error: unknown) => void>((v) => typeof v === 'function', 'onError must be a function')
    .optional(),
  now: z
    .custom<() => number>((v) => typeof v === 'function', 'now must be a function')
    .default(() => Date.now),
};

/**
 * Parses options with `schema`; a bad one throws a {@link MiniAppError} naming it.
 *
 * ```ts
 * const o = parseWebAppOptions(schema, options);
 * ```
 */
export function parseWebAppOptions<T>(schema: z.ZodType<T>, options: unknown): T {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join('.') || 'options';
  throw new MiniAppError(`bad option ${where}: ${issue?.message ?? 'invalid'}`);
}

const schema = z.strictObject({
  ...webAppOptionFields,
  board: z.custom<Board>(
    (v) => typeof v === 'object' && v !== null && 'listAds' in v && 'explain' in v,
    'board must be a Board made by createBoard()',
  ),
  botUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'botUsername is the bot’s @username without @')
    .optional(),
  allowAnonymousReads: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(50).default(20),
  texts: z.partialRecord(z.enum(['ru', 'en']), catalogOverride).default({}),
});

/** Checks the options; a bad one throws a {@link MiniAppError} naming it. */
export function resolveOptions(options: MiniAppOptions): ResolvedMiniAppOptions {
  const o = parseWebAppOptions(schema, options);
  return {
    board: o.board,
    botToken: o.botToken,
    botUsername: o.botUsername ?? null,
    locale: o.locale,
    initDataMaxAgeSeconds: o.initDataMaxAgeSeconds,
    rateLimit: o.rateLimit,
    maxBodyBytes: o.maxBodyBytes,
    allowAnonymousReads: o.allowAnonymousReads,
    telegramWebAppScript: o.telegramWebAppScript,
    pageSize: o.pageSize,
    texts: o.texts,
    // By default an error line in the board's logger: the error's class, code and message only.
    onError:
      o.onError ??
      ((error) =>
        o.board.logger.error('a Mini App request failed', {
          component: 'mini-app',
          error: errorSummary(error),
        })),
    now: o.now,
  };
}
