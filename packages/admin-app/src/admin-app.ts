import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { ItemId, Locale, TextKey } from '@anonboard/core';
import {
  ApiError,
  baseHeaders,
  contentSecurityPolicy,
  createJsonApi,
  createRateLimiter,
  type JsonRoute,
  loadStaticSite,
  sendJson,
  telegramPageScript,
  telegramThemeStylesheet,
} from '@anonboard/mini-app/web';
import { type AdminRequest, itemIdPattern } from './api/context.js';
import { flowsHandler } from './api/flows.js';
import { mediaHandler } from './api/media.js';
import { decisionHandler, itemHandler, queueHandler } from './api/queue.js';
import { statsHandler } from './api/stats.js';
import { type AdminAppTextKey, type AdminAppTexts, createAdminAppTexts } from './i18n.js';
import { type AdminAppOptions, resolveAdminAppOptions } from './options.js';
import { vendorFiles } from './vendor.js';

/**
 * A node:http request listener; Connect/Express-style hosts may pass `next` for requests that
 * are neither the API nor a page file.
 *
 * ```ts
 * http.createServer(adminApp.handler).listen(8080);
 * app.use('/admin', adminApp.handler); // Express: mounted under a prefix
 * ```
 */
export type AdminAppHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * A ready admin app: mount `handler` on the bot's HTTP server.
 *
 * ```ts
 * const adminApp: AdminApp = createAdminApp({ feed, botToken });
 * ```
 */
export interface AdminApp {
  /** Serves the page (`/`, its scripts and styles, Chart.js, Mermaid) and the API (`/api/…`). */
  readonly handler: AdminAppHandler;
  /** The page's and the API's strings in use (built-in catalogues plus overrides). */
  readonly texts: AdminAppTexts;
}

/**
 * The page's folder. Resolved from the package root, so it is found both from `src/` and `dist/`.
 *
 * ```ts
 * console.log(adminPublicDir); // …/node_modules/@anonboard/admin-app/public
 * ```
 */
export const adminPublicDir: string = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * Creates the admin Mini App over a feed: the moderation queue with the bot's decisions, live
 * statistics and the flow diagrams. Every call needs `Authorization: tma <initData>` of one of
 * the feed's admins (validated with the bot token; anyone else gets 403 and nobody is stored);
 * every decision goes through `feed.decide`, as the bot's buttons do. Throws a `MiniAppError`
 * for bad options.
 *
 * ```ts
 * import { createServer } from 'node:http';
 * import { createAdminApp } from '@anonboard/admin-app';
 *
 * const adminApp = createAdminApp({ feed, botToken: process.env.BOT_TOKEN ?? '' });
 * createServer(adminApp.handler).listen(8080);
 * ```
 */
export function createAdminApp(options: AdminAppOptions): AdminApp {
  const o = resolveAdminAppOptions(options);
  const { feed } = o;
  const texts = createAdminAppTexts(o.texts);
  const site = loadStaticSite({
    dir: adminPublicDir,
    telegramScript: o.telegramWebAppScript,
    extraFiles: {
      'telegram-page.js': telegramPageScript,
      'telegram-theme.css': telegramThemeStylesheet,
      ...vendorFiles(),
    },
    // Attachments are fetched with the admin's initData and shown as blob: URLs.
    contentSecurityPolicy: contentSecurityPolicy.replace("img-src 'self'", "img-src 'self' blob:"),
    config: {
      defaultLocale: o.locale,
      texts: { ru: pageTexts(texts, feed.texts, 'ru'), en: pageTexts(texts, feed.texts, 'en') },
    },
  });

  const routes: readonly JsonRoute<AdminRequest>[] = [
    {
      method: 'GET',
      path: /^\/api\/me$/,
      access: 'signed',
      handler: async (request) => ({
        status: 200,
        body: { admin: true, locale: request.locale, claimLeaseMs: feed.policy.claimLeaseMs },
      }),
    },
    { method: 'GET', path: /^\/api\/queue$/, access: 'signed', handler: queueHandler(o.queueSize) },
    { method: 'GET', path: /^\/api\/items\/([^/]+)$/, access: 'signed', handler: itemHandler },
    {
      method: 'GET',
      path: /^\/api\/items\/([^/]+)\/media\/(\d{1,2})$/,
      access: 'signed',
      handler: mediaHandler,
    },
    { method: 'GET', path: /^\/api\/stats$/, access: 'signed', handler: statsHandler },
    { method: 'GET', path: /^\/api\/flows$/, access: 'signed', handler: flowsHandler(texts) },
    ...(['claim', 'release', 'approve', 'reject', 'resolve'] as const).map(
      (type): JsonRoute<AdminRequest> => ({
        method: 'POST',
        path: new RegExp(`^/api/items/([^/]+)/${type}$`),
        access: 'signed',
        handler: decisionHandler(type, o.maxReasonLength),
      }),
    ),
  ];

  const answerApi = createJsonApi<AdminRequest, AdminAppTextKey>({
    routes,
    botToken: o.botToken,
    initDataMaxAgeSeconds: o.initDataMaxAgeSeconds,
    limiter: o.rateLimit === false ? undefined : createRateLimiter(o.rateLimit, o.now),
    maxBodyBytes: o.maxBodyBytes,
    allowAnonymousReads: false,
    defaultLocale: o.locale,
    render: (key, params, locale) => texts.render(key, params, locale),
    explain: (error, locale) => feed.explain(error, locale),
    onError: o.onError,
    now: o.now,
    async prepare(call) {
      // Only the feed's admins, looked up without storing anyone else.
      const admin =
        call.user === undefined
          ? undefined
          : await feed.findAdmin({ platformId: String(call.user.id) });
      if (admin === undefined) throw new ApiError(403, 'not_admin', 'api.forbidden');
      const itemId = call.params[0];
      if (itemId !== undefined && !itemIdPattern.test(itemId)) {
        throw new ApiError(404, 'not_found', 'api.notFound');
      }
      return {
        feed,
        admin,
        locale: call.locale,
        itemId: itemId as ItemId | undefined,
        params: call.params,
        query: call.url.searchParams,
        mediaPreview: o.mediaPreview,
        now: o.now(),
        body: call.body,
      };
    },
  });

  const handler: AdminAppHandler = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://admin-app.invalid');
    const served =
      url.pathname === '/api' || url.pathname.startsWith('/api/')
        ? answerApi(req, res, url).then(() => true)
        : Promise.resolve(site.serve(req, res, url.pathname, url.searchParams.get('v')));
    served.then(
      (handled) => {
        if (handled) return;
        if (next !== undefined) return next();
        res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not Found');
      },
      (error: unknown) => {
        o.onError(error);
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { error: { code: 'internal', message: 'Internal error' } });
      },
    );
  };
  return { handler, texts };
}

// --- Internal helpers ---

/** Core's words the page shows as the bot does: item kinds, decision buttons, report roles. */
const coreKeys: readonly TextKey[] = [
  'feed.kind.suggestion',
  'feed.kind.monitored',
  'feed.kind.forwarded',
  'feed.kind.report',
  'feed.kind.direct',
  'feed.kind.directMessage',
  'direct.price.XTR',
  'direct.price.TON',
  'direct.sendAt',
  'direct.media',
  'button.approve',
  'button.approvePaid',
  'button.reject',
  'button.dismiss',
  'button.warn',
  'button.ban',
  'report.side.reporter',
  'report.side.reported',
  'feed.review.failed',
  'feed.review.timeout',
  'feed.review.invalid',
  'feed.review.no_text',
  'feed.media.photo',
  'feed.media.video',
  'feed.media.animation',
  'feed.media.document',
  'feed.media.audio',
  'feed.media.voice',
];

/** The strings that travel to the page: its own `page.*` ones and core's above. */
function pageTexts(
  texts: AdminAppTexts,
  core: { render(key: TextKey, params: undefined, locale: Locale): string },
  locale: Locale,
): Record<string, string> {
  const own = Object.entries(texts.catalogs[locale]).filter(([key]) => key.startsWith('page.'));
  return Object.fromEntries([
    ...own,
    ...coreKeys.map((key) => [key, core.render(key, undefined, locale)] as const),
  ]);
}
