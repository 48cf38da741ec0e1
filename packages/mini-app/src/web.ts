/**
 * `@anonboard/mini-app/web`: the plumbing every anonboard Mini App shares — initData
 * validation, a JSON API runner (routes, 401/404/405/413/429, localised refusals), per-person rate
 * limits, a static page served from memory with a Content-Security-Policy, and the menu button.
 * The ad board's app and `@anonboard/admin-app` are both built on it.
 *
 * ```ts
 * import { createJsonApi, loadStaticSite, verifyInitData } from '@anonboard/mini-app/web';
 * ```
 *
 * @module @anonboard/mini-app/web
 */
export {
  type InitDataFailure,
  type InitDataResult,
  type InitDataUser,
  initDataFromHeader,
  MAX_INIT_DATA_LENGTH,
  verifyInitData,
} from './auth.js';
export { ApiError, type ApiErrorBody, MiniAppError, type WebApiTextKey } from './errors.js';
export { baseHeaders, readJsonBody, sendJson } from './http.js';
export { createWebTexts, type WebTexts } from './i18n.js';
export {
  type ApiResponse,
  createJsonApi,
  httpStatusOf,
  type JsonApiCall,
  type JsonApiOptions,
  type JsonRoute,
  parseOr400,
} from './json-api.js';
export { type MenuButtonParams, menuButtonFor } from './menu-button.js';
export { parseWebAppOptions, webAppOptionFields } from './options.js';
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
export {
  contentSecurityPolicy,
  loadStaticSite,
  type StaticSite,
  TELEGRAM_WEB_APP_SCRIPT,
  telegramPageScript,
  telegramThemeStylesheet,
} from './static.js';
