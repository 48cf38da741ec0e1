import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AdId,
  AnonboardError,
  type Board,
  type ErrorCode,
  type Locale,
  localeFrom,
  type UserId,
} from '@anonboard/core';
import { closeAdHandler, getAdHandler, listAdsHandler, publishAdHandler } from './api/ads.js';
import { type ApiHandler, adIdPattern } from './api/context.js';
import { messageHandler } from './api/message.js';
import { myAdsHandler } from './api/my-ads.js';
import { initDataFromHeader, verifyInitData } from './auth.js';
import { ApiError } from './errors.js';
import { baseHeaders, readJsonBody, sendJson } from './http.js';
import type { MiniAppTexts } from './i18n.js';
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

/** `read`: anyone may call it (when anonymous reads are on); `signed`: valid initData only. */
type Access = 'read' | 'signed';

interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  readonly access: Access;
  readonly handler: ApiHandler;
}

const routes: readonly Route[] = [
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

/** What the board's refusals mean in HTTP. */
const statusOfCode: Readonly<Record<ErrorCode, number>> = {
  not_found: 404,
  forbidden: 403,
  invalid_input: 400,
  invalid_options: 500,
  text_too_long: 400,
  text_empty: 400,
  self_invite: 403,
  ad_closed: 409,
  blocked: 403,
  already_invited: 409,
  invite_limit: 429,
  invalid_state: 409,
  no_active_chat: 409,
  duplicate_update: 409,
  claimed: 409,
  not_admin: 403,
  banned: 403,
  rate_limited: 429,
  duplicate_text: 409,
  links_refused: 400,
  recipient_busy: 429,
  no_moderators: 503,
  storage: 503,
};

/** Builds the request listener: `/api/…` is the JSON API, everything else the page's files. */
export function createRequestHandler(deps: ServerDeps): MiniAppHandler {
  return (req, res, next) => {
    route(deps, req, res).then(
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
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://mini-app.invalid');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    await answerApi(deps, req, res, url);
    return true;
  }
  return deps.site.serve(req, res, url.pathname, url.searchParams.get('v'));
}

async function answerApi(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  let locale = acceptLanguage(req, deps.defaultLocale);
  try {
    const matched = match(req.method ?? 'GET', url.pathname);
    if (matched.kind === 'none') throw new ApiError(404, 'not_found', 'api.notFound');
    if (matched.kind === 'method') {
      throw new ApiError(
        405,
        'method_not_allowed',
        'api.methodNotAllowed',
        {},
        {
          allow: matched.allow.join(', '),
        },
      );
    }

    // Identity comes from here only: a validated initData; nothing in the query or the body.
    const auth = verifyInitData(initDataFromHeader(req.headers.authorization), deps.botToken, {
      maxAgeSeconds: deps.initDataMaxAgeSeconds,
      now: deps.now,
    });
    // Only a request with no initData at all may read anonymously; a bad one is always refused.
    const anonymous =
      !auth.ok &&
      auth.reason === 'missing' &&
      matched.route.access === 'read' &&
      deps.allowAnonymousReads;
    if (!auth.ok && !anonymous) {
      const key = auth.reason === 'expired' ? 'api.expired' : 'api.unauthorized';
      throw new ApiError(401, 'unauthorized', key, {}, { 'www-authenticate': 'tma' });
    }
    const languageCode = auth.ok ? auth.user.languageCode : undefined;
    if (languageCode !== undefined) locale = localeFrom(languageCode, locale);

    const verdict = deps.limiter?.hit(
      auth.ok ? `tg:${auth.user.id}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`,
    );
    if (verdict !== undefined && !verdict.ok) {
      const seconds = verdict.retryAfterSeconds;
      throw new ApiError(
        429,
        'rate_limited',
        'api.rateLimited',
        { seconds },
        {
          'retry-after': String(seconds),
        },
      );
    }

    if (matched.adId !== undefined && !adIdPattern.test(matched.adId)) {
      throw new AnonboardError('not_found', 'no such ad');
    }
    let viewer: UserId | undefined;
    if (auth.ok) {
      const user = await deps.board.identify({
        platformId: String(auth.user.id),
        ...(languageCode === undefined ? {} : { locale }),
      });
      viewer = user.id;
    }
    const response = await matched.route.handler({
      board: deps.board,
      viewer,
      query: url.searchParams,
      adId: matched.adId as AdId | undefined,
      body: () => readJsonBody(req, deps.maxBodyBytes),
    });
    sendJson(res, response.status, response.body);
  } catch (error) {
    sendError(deps, res, error, locale);
  }
}

function sendError(deps: ServerDeps, res: ServerResponse, error: unknown, locale: Locale): void {
  if (error instanceof ApiError) {
    const message = deps.texts.render(error.key, error.params, locale);
    sendJson(res, error.status, { error: { code: error.code, message } }, error.headers);
    return;
  }
  if (error instanceof AnonboardError) {
    const status = statusOfCode[error.code];
    if (status >= 500) deps.onError(error);
    const retryAt = error.details.retryAt;
    const headers =
      typeof retryAt === 'number'
        ? { 'retry-after': String(Math.max(1, Math.ceil((retryAt - deps.now()) / 1000))) }
        : {};
    // The bot's wording ("this button is not for you") does not fit a page.
    const message =
      error.code === 'forbidden'
        ? deps.texts.render('api.forbidden', {}, locale)
        : deps.board.explain(error, locale);
    sendJson(res, status, { error: { code: error.code, message } }, headers);
    return;
  }
  // Anything else is a bug or an outage: logged in full here, never shown to the client.
  deps.onError(error);
  sendJson(res, 500, { error: { code: 'internal', message: deps.board.explain(error, locale) } });
}

type Match =
  | { readonly kind: 'route'; readonly route: Route; readonly adId: string | undefined }
  | { readonly kind: 'method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

function match(method: string, pathname: string): Match {
  const allow: string[] = [];
  for (const candidate of routes) {
    const found = candidate.path.exec(pathname);
    if (found === null) continue;
    if (candidate.method === method) return { kind: 'route', route: candidate, adId: found[1] };
    allow.push(candidate.method);
  }
  return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
}

function acceptLanguage(req: IncomingMessage, fallback: Locale): Locale {
  const first = req.headers['accept-language']?.split(',')[0]?.trim();
  return first === undefined || first === '' ? fallback : localeFrom(first, fallback);
}
