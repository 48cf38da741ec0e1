/**
 * `@anonboard/mini-app`: the ad board's Telegram Mini App — a small page (plain ES modules) and
 * a JSON API over a core `Board`, with identity only from validated initData.
 *
 * ```ts
 * import { createServer } from 'node:http';
 * import { createMiniApp, menuButtonFor } from '@anonboard/mini-app';
 *
 * const miniApp = createMiniApp({ board, botToken: process.env.BOT_TOKEN ?? '' });
 * createServer(miniApp.handler).listen(Number(process.env.PORT ?? 8080));
 * if (process.env.WEBAPP_URL) await bot.api.setChatMenuButton(menuButtonFor(process.env.WEBAPP_URL));
 * ```
 *
 * @module @anonboard/mini-app
 */
export type { AdView } from './api/context.js';
export {
  type InitDataFailure,
  type InitDataResult,
  type InitDataUser,
  initDataFromHeader,
  MAX_INIT_DATA_LENGTH,
  verifyInitData,
} from './auth.js';
export { type ApiErrorBody, MiniAppError } from './errors.js';
export {
  createMiniAppTexts,
  type MiniAppCatalog,
  type MiniAppTextKey,
  type MiniAppTextOverrides,
  type MiniAppTexts,
  miniAppEn,
  miniAppRu,
} from './i18n.js';
export { type MenuButtonParams, menuButtonFor } from './menu-button.js';
export { createMiniApp, type MiniApp } from './mini-app.js';
export type { MiniAppOptions } from './options.js';
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
export type { MiniAppHandler } from './server.js';
export { defaultPublicDir, TELEGRAM_WEB_APP_SCRIPT } from './static.js';
