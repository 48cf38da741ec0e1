import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdId, AnonboardError, type Board, type Locale, type UserId } from '@anonboard/core';
import { closeAdHandler, getAdHandler, listAdsHandler, publishAdHandler } from './api/ads.js';
import { type ApiRequest, adIdPattern } from './api/context.js';
import { messageHandler } from './api/message.js';
import { myAdsHandler } from './api/my-ads.js';
import { baseHeaders, sendJson } from './http.js';
import type { MiniAppTexts } from './i18n.js';
import { createJsonApi, type JsonRoute } from './json-api.js';
import type { RateLimiter } from './rate-limit.js';
import type { StaticSite } from './static.js';

/**
 * A node:http request listener. Connect/Express-style hosts may pass `next`: requests that are
 * neither the API nor a page file go there instead of getting a 404.
 *
 * ```ts
 * http.createServer(miniApp.handler).listen(8080);
 * app.use('/webapp', miniApp.handler); // Express: mounted under a prefix
 * ```
 */
export type MiniAppHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

// --- Internal helpers ---

/** Everything the router needs, options already resolved. */
export interface ServerDeps {
  readonly board: Board;
  readonly botToken: string;
  readonly defaultLocale: Locale;
  readonly texts: MiniAppTexts;
  readonly initDataMaxAgeSeconds: number;
  readonly limiter: RateLimiter | undefined;
  readonly maxBodyBytes: number;
  readonly allowAnonymousReads: boolean;
  readonly site: StaticSite;
  readonly onError: (error: unknown) => void;
  readonly now: () => number;
}

const routes: readonly JsonRoute<ApiRequest>[] = [
  { method: 'GET', path: /^\/api\/ads$/, access: 'read', handler: listAdsHandler },
  { method: 'POST', path: /^\/api\/ads$/, access: 'signed', handler: publishAdHandler },
  { method: 'GET', path: /^\/api\/ads\/([^/]+)$/, access: 'read', handler: getAdHandler },
  {
    method: 'POST',
    path: /^\/api\/ads\/([^/]+)\/close$/,
    access: 'signed',
    handler: closeAdHandler,
  },
  {
    method: 'POST',
    path: /^\/api\/ads\/([^/]+)\/message$/,
    access: 'signed',
    handler: messageHandler,
  },
  { method: 'GET', path: /^\/api\/my\/ads$/, access: 'signed', handler: myAdsHandler },
];

/** Builds the request listener: `/api/…` is the JSON API, everything else the page's files. */
export function createRequestHandler(deps: ServerDeps): MiniAppHandler {
  const answerApi = createJsonApi<ApiRequest, never>({
    routes,
    botToken: deps.botToken,
    initDataMaxAgeSeconds: deps.initDataMaxAgeSeconds,
    limiter: deps.limiter,
    maxBodyBytes: deps.maxBodyBytes,
    allowAnonymousReads: deps.allowAnonymousReads,
    defaultLocale: deps.defaultLocale,
    render: (key, params, locale) => deps.texts.render(key, params, locale),
    // The bot's wording ("this button is not for you") does not fit a page.
    explain: (error, locale) =>
      error instanceof AnonboardError && error.code === 'forbidden'
        ? deps.texts.render('api.forbidden', {}, locale)
        : deps.board.explain(error, locale),
    onError: deps.onError,
    now: deps.now,
    async prepare(call) {
      const adId = call.params[0];
      if (adId !== undefined && !adIdPattern.test(adId)) {
        throw new AnonboardError('not_found', 'no such ad');
      }
      let viewer: UserId | undefined;
      if (call.user !== undefined && call.req.method === 'GET') {
        // A read only looks: someone who browses (or sends a bad query) is stored by nobody.
        viewer = (await deps.board.findUser({ platformId: String(call.user.id) }))?.user.id;
      } else if (call.user !== undefined) {
        const languageCode = call.user.languageCode;
        const user = await deps.board.identify({
          platformId: String(call.user.id),
          ...(languageCode === undefined ? {} : { locale: call.locale }),
        });
        viewer = user.id;
      }
      return {
        board: deps.board,
        viewer,
        query: call.url.searchParams,
        adId: adId as AdId | undefined,
        body: call.body,
      };
    },
  });
  return (req, res, next) => {
    route(deps, answerApi, req, res).then(
      (handled) => {
        if (handled) return;
        if (next !== undefined) return next();
        res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not Found');
      },
      (error: unknown) => {
        deps.onError(error);
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { error: { code: 'internal', message: 'Internal error' } });
      },
    );
  };
}

async function route(
  deps: ServerDeps,
  answerApi: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://mini-app.invalid');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    await answerApi(req, res, url);
    return true;
  }
  return deps.site.serve(req, res, url.pathname, url.searchParams.get('v'));
}
