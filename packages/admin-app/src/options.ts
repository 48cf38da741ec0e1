import { errorSummary, type Feed, type Locale } from '@anonboard/core';
import {
  parseWebAppOptions,
  type RateLimitOptions,
  webAppOptionFields,
} from '@anonboard/mini-app/web';
import { z } from 'zod';
import type { MediaPreviewSource } from './api/context.js';
import { type AdminAppTextOverrides, adminAppRu } from './i18n.js';

/**
 * Options of {@link createAdminApp}. Only `feed` and `botToken` are required.
 *
 * ```ts
 * const options: AdminAppOptions = {
 *   feed,
 *   botToken: process.env.BOT_TOKEN ?? '',
 *   rateLimit: { max: 60, windowMs: 60_000 },
 *   texts: { en: { 'page.title': 'Newsroom' } },
 * };
 * ```
 */
export interface AdminAppOptions {
  /** The feed whose queue, statistics and flows the page shows (the one the bot uses). */
  readonly feed: Feed;
  /** The bot's token: initData is signed with it. Never sent to the page. */
  readonly botToken: string;
  /** The page's and the errors' language when the admin's own is unknown. Default `'ru'`. */
  readonly locale?: Locale;
  /** How old initData (`auth_date`) may be, in seconds. Default 86 400 (24 h). */
  readonly initDataMaxAgeSeconds?: number;
  /** Per-person sliding window over all API calls, or `false`. Default 60 requests a minute. */
  readonly rateLimit?: RateLimitOptions | false;
  /** Largest request body, in bytes; larger ones get 413. Default 16 384. */
  readonly maxBodyBytes?: number;
  /** The telegram-web-app.js URL put in the page, or `false` to leave it out. */
  readonly telegramWebAppScript?: string | false;
  /** How many waiting items the queue shows at once (oldest first). Default 50, at most 200. */
  readonly queueSize?: number;
  /** Longest rejection reason, in characters (the author receives it). Default 1000. */
  readonly maxReasonLength?: number;
  /** Replace any string of the page or of the API's own errors, per locale. */
  readonly texts?: AdminAppTextOverrides;
  /**
   * Fetches a file of an item's media for its preview in the queue (photos), by its file id;
   * without it the queue names the media's kinds only. The monitor bot passes `getFile` through
   * the Bot API.
   */
  readonly mediaPreview?: MediaPreviewSource;
  /** Where unexpected failures go (the client only gets a generic sentence). Default: an error line in the feed's logger. */
  readonly onError?: (error: unknown) => void;
  /** The clock for initData expiry, rate limits and statistics windows (tests). Default `Date.now`. */
  readonly now?: () => number;
}

// --- Internal helpers ---

/** {@link AdminAppOptions} checked, with every default filled in. */
export interface ResolvedAdminAppOptions {
  readonly feed: Feed;
  readonly botToken: string;
  readonly locale: Locale;
  readonly initDataMaxAgeSeconds: number;
  readonly rateLimit: RateLimitOptions | false;
  readonly maxBodyBytes: number;
  readonly telegramWebAppScript: string | false;
  readonly queueSize: number;
  readonly maxReasonLength: number;
  readonly texts: AdminAppTextOverrides;
  readonly mediaPreview: MediaPreviewSource | undefined;
  readonly onError: (error: unknown) => void;
  readonly now: () => number;
}

const textKeys = Object.keys(adminAppRu) as [
  keyof typeof adminAppRu,
  ...(keyof typeof adminAppRu)[],
];
const catalogOverride = z.partialRecord(z.enum(textKeys), z.string());

const schema = z.strictObject({
  ...webAppOptionFields,
  feed: z.custom<Feed>(
    (v) => typeof v === 'object' && v !== null && 'decide' in v && 'queue' in v,
    'feed must be a Feed made by createFeed()',
  ),
  // Admins refresh the queue and the statistics: a little more room than the board's readers.
  rateLimit: webAppOptionFields.rateLimit.removeDefault().default({ max: 60, windowMs: 60_000 }),
  queueSize: z.number().int().min(1).max(200).default(50),
  maxReasonLength: z.number().int().min(1).max(3000).default(1000),
  texts: z.partialRecord(z.enum(['ru', 'en']), catalogOverride).default({}),
  mediaPreview: z
    .custom<MediaPreviewSource>((v) => typeof v === 'function', 'mediaPreview must be a function')
    .optional(),
});

/** Checks the options; a bad one throws a `MiniAppError` naming it. */
export function resolveAdminAppOptions(options: AdminAppOptions): ResolvedAdminAppOptions {
  const o = parseWebAppOptions(schema, options);
  return {
    ...o,
    mediaPreview: o.mediaPreview,
    // By default an error line in the feed's logger: the error's class, code and message only.
    onError:
      o.onError ??
      ((error) =>
        o.feed.logger.error('an admin Mini App request failed', {
          component: 'admin-app',
          error: errorSummary(error),
        })),
  };
}
