import type { IncomingMessage, ServerResponse } from 'node:http';
import { AnonboardError, type ErrorCode, type Locale, localeFrom } from '@anonboard/core';
import type { z } from 'zod';
import { type InitDataUser, initDataFromHeader, verifyInitData } from './auth.js';
import { ApiError, type WebApiTextKey } from './errors.js';
import { readJsonBody, sendJson } from './http.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * One checked API call as the app sees it, before its own preparation: the person comes only
 * from validated initData.
 *
 * ```ts
 * const prepare = async (call: JsonApiCall) => ({ user: call.user, itemId: call.params[0] });
 * ```
 */
export interface JsonApiCall {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** The route's captured path segments, in order. */
  readonly params: readonly string[];
  /** The person of validated initData; undefined only for an anonymous read. */
  readonly user: InitDataUser | undefined;
  /** The person's language (initData's `language_code`, else `Accept-Language`, else the default). */
  readonly locale: Locale;
  /** Reads and parses the JSON body (bounded; 413 beyond the limit). */
  body(): Promise<unknown>;
}

/**
 * What a route's handler answers with.
 *
 * ```ts
 * const answer: ApiResponse = { status: 200, body: { ok: true } };
 * ```
 */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A route of a JSON API: method, path pattern (its groups become `params`), who may call it.
 *
 * ```ts
 * const route: JsonRoute<JsonApiCall> = {
 *   method: 'GET', path: /^\/api\/ping$/, access: 'signed',
 *   handler: async () => ({ status: 200, body: { pong: true } }),
 * };
 * ```
 */
export interface JsonRoute<Q> {
  readonly method: 'GET' | 'POST';
  readonly path: RegExp;
  /** `read`: anyone, when the API allows anonymous reads; `signed`: valid initData only. */
  readonly access: 'read' | 'signed';
  readonly handler: (request: Q) => Promise<ApiResponse>;
}

/**
 * What {@link createJsonApi} needs. `K` is the app's own text keys besides {@link WebApiTextKey}.
 *
 * ```ts
 * const options: JsonApiOptions<JsonApiCall, never> = { routes, botToken, …, prepare: async (call) => call };
 * ```
 */
export interface JsonApiOptions<Q, K extends string> {
  readonly routes: readonly JsonRoute<Q>[];
  readonly botToken: string;
  readonly initDataMaxAgeSeconds: number;
  readonly limiter: RateLimiter | undefined;
  readonly maxBodyBytes: number;
  /** Whether `read` routes answer callers without initData. */
  readonly allowAnonymousReads: boolean;
  readonly defaultLocale: Locale;
  /** The app's sentence for one of its keys. */
  readonly render: (
    key: K | WebApiTextKey,
    params: Readonly<Record<string, string | number>>,
    locale: Locale,
  ) => string;
  /**
   * Core's refusal in the person's language (e.g. `feed.explain`); anything that is not an
   * `AnonboardError` must come out as a generic sentence, without internals.
   */
  readonly explain: (error: unknown, locale: Locale) => string;
  /** Where unexpected failures go (the client only gets a generic sentence). */
  readonly onError: (error: unknown) => void;
  readonly now: () => number;
  /** Turns a checked call into what the handlers take (identifies the person, checks ids). */
  readonly prepare: (call: JsonApiCall) => Promise<Q>;
}

/**
 * Answers `/api/…` requests: matches the route (404, 405 with `Allow`), validates initData
 * (401, `WWW-Authenticate: tma`), applies the per-person rate limit (429 with `Retry-After`),
 * runs the handler and writes JSON. Refusals become `{ error: { code, message } }` with a
 * localised message: the app's own ({@link ApiError}), core's ({@link AnonboardError}, with the
 * HTTP status of its code), or a generic sentence for anything else (which goes to `onError`).
 *
 * ```ts
 * const answer = createJsonApi({ routes, botToken, …, prepare: async (call) => call });
 * http.createServer((req, res) => void answer(req, res, new URL(req.url ?? '/', 'http://x')));
 * ```
 */
export function createJsonApi<Q, K extends string>(
  o: JsonApiOptions<Q, K>,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return async (req, res, url) => {
    let locale = acceptLanguage(req, o.defaultLocale);
    try {
      const matched = match(o.routes, req.method ?? 'GET', url.pathname);
      if (matched.kind === 'none') throw new ApiError(404, 'not_found', 'api.notFound');
      if (matched.kind === 'method') {
        throw new ApiError(
          405,
          'method_not_allowed',
          'api.methodNotAllowed',
          {},
          { allow: matched.allow.join(', ') },
        );
      }

      // Identity comes from here only: a validated initData; nothing in the query or the body.
      const auth = verifyInitData(initDataFromHeader(req.headers.authorization), o.botToken, {
        maxAgeSeconds: o.initDataMaxAgeSeconds,
        now: o.now,
      });
      // Only a request with no initData at all may read anonymously; a bad one is always refused.
      const anonymous =
        !auth.ok &&
        auth.reason === 'missing' &&
        matched.route.access === 'read' &&
        o.allowAnonymousReads;
      if (!auth.ok && !anonymous) {
        const key = auth.reason === 'expired' ? 'api.expired' : 'api.unauthorized';
        throw new ApiError(401, 'unauthorized', key, {}, { 'www-authenticate': 'tma' });
      }
      const languageCode = auth.ok ? auth.user.languageCode : undefined;
      if (languageCode !== undefined) locale = localeFrom(languageCode, locale);

      const verdict = o.limiter?.hit(
        auth.ok ? `tg:${auth.user.id}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`,
      );
      if (verdict !== undefined && !verdict.ok) {
        const seconds = verdict.retryAfterSeconds;
        throw new ApiError(
          429,
          'rate_limited',
          'api.rateLimited',
          { seconds },
          { 'retry-after': String(seconds) },
        );
      }

      const request = await o.prepare({
        req,
        url,
        params: matched.params,
        user: auth.ok ? auth.user : undefined,
        locale,
        body: () => readJsonBody(req, o.maxBodyBytes),
      });
      const response = await matched.route.handler(request);
      sendJson(res, response.status, response.body);
    } catch (error) {
      sendError(o, res, error, locale);
    }
  };
}

/**
 * Parses `value` with `schema`, or refuses with 400 `invalid_input` naming the fields at fault.
 *
 * ```ts
 * const body = parseOr400(z.object({ reason: z.string().max(500) }), await call.body());
 * ```
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = [
    ...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || 'body')),
  ];
  throw new ApiError(400, 'invalid_input', 'api.badRequest', { fields: fields.join(', ') });
}

/**
 * The HTTP status of each of core's refusal codes.
 *
 * ```ts
 * httpStatusOf.claimed; // 409
 * ```
 */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  not_found: 404,
  forbidden: 403,
  invalid_input: 400,
  invalid_options: 500,
  text_too_long: 400,
  text_empty: 400,
  text_invalid: 400,
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
  profile_link: 400,
  recipient_busy: 429,
  no_moderators: 503,
  storage: 503,
};

// --- Internal helpers ---

function sendError<Q, K extends string>(
  o: JsonApiOptions<Q, K>,
  res: ServerResponse,
  error: unknown,
  locale: Locale,
): void {
  if (error instanceof ApiError) {
    const message = o.render(error.key as K | WebApiTextKey, error.params, locale);
    sendJson(res, error.status, { error: { code: error.code, message } }, error.headers);
    return;
  }
  if (error instanceof AnonboardError) {
    const status = httpStatusOf[error.code];
    if (status >= 500) o.onError(error);
    const retryAt = error.details.retryAt;
    const headers =
      typeof retryAt === 'number'
        ? { 'retry-after': String(Math.max(1, Math.ceil((retryAt - o.now()) / 1000))) }
        : {};
    sendJson(
      res,
      status,
      { error: { code: error.code, message: o.explain(error, locale) } },
      headers,
    );
    return;
  }
  // Anything else is a bug or an outage: logged in full here, never shown to the client.
  o.onError(error);
  sendJson(res, 500, { error: { code: 'internal', message: o.explain(error, locale) } });
}

type Match<Q> =
  | { readonly kind: 'route'; readonly route: JsonRoute<Q>; readonly params: string[] }
  | { readonly kind: 'method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

function match<Q>(routes: readonly JsonRoute<Q>[], method: string, pathname: string): Match<Q> {
  const allow: string[] = [];
  for (const candidate of routes) {
    const found = candidate.path.exec(pathname);
    if (found === null) continue;
    if (candidate.method === method) {
      return { kind: 'route', route: candidate, params: found.slice(1).map((p) => p ?? '') };
    }
    allow.push(candidate.method);
  }
  return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
}

function acceptLanguage(req: IncomingMessage, fallback: Locale): Locale {
  const first = req.headers['accept-language']?.split(',')[0]?.trim();
  return first === undefined || first === '' ? fallback : localeFrom(first, fallback);
}
