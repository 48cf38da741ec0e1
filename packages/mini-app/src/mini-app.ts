import { createMiniAppTexts, type MiniAppTexts } from './i18n.js';
import { type MiniAppOptions, resolveOptions } from './options.js';
import { createRateLimiter } from './rate-limit.js';
import { createRequestHandler, type MiniAppHandler } from './server.js';
import { defaultPublicDir, loadStaticSite, type PageConfig } from './static.js';

/**
 * A ready Mini App: mount `handler` on any node:http server (or a framework that takes a node
 * request listener).
 *
 * ```ts
 * const miniApp: MiniApp = createMiniApp({ board, botToken });
 * http.createServer(miniApp.handler).listen(Number(process.env.PORT ?? 8080));
 * ```
 */
export interface MiniApp {
  /** Serves the page (`/`, `/style.css`, `/app.js`) and the JSON API (`/api/…`). */
  readonly handler: MiniAppHandler;
  /** The page's and the API's strings in use (built-in catalogues plus overrides). */
  readonly texts: MiniAppTexts;
}

/**
 * Creates the Mini App over a board: a small static page and a JSON API whose only source of
 * identity is the `Authorization: tma <initData>` header, validated with the bot token.
 * Throws a `MiniAppError` for bad options.
 *
 * ```ts
 * import { createServer } from 'node:http';
 * import { createMiniApp } from '@anonboard/mini-app';
 *
 * const miniApp = createMiniApp({ board, botToken: process.env.BOT_TOKEN ?? '', botUsername: 'my_board_bot' });
 * createServer(miniApp.handler).listen(8080, '127.0.0.1');
 * ```
 */
export function createMiniApp(options: MiniAppOptions): MiniApp {
  const o = resolveOptions(options);
  const texts = createMiniAppTexts(o.texts);
  const pageTexts = (locale: 'ru' | 'en') =>
    Object.fromEntries(
      Object.entries(texts.catalogs[locale]).filter(([key]) => key.startsWith('page.')),
    );
  const site = loadStaticSite({
    dir: defaultPublicDir,
    telegramScript: o.telegramWebAppScript,
    config: {
      defaultLocale: o.locale,
      botUsername: o.botUsername,
      pageSize: o.pageSize,
      texts: { ru: pageTexts('ru'), en: pageTexts('en') },
    } satisfies PageConfig,
  });
  const handler = createRequestHandler({
    board: o.board,
    botToken: o.botToken,
    defaultLocale: o.locale,
    texts,
    initDataMaxAgeSeconds: o.initDataMaxAgeSeconds,
    limiter: o.rateLimit === false ? undefined : createRateLimiter(o.rateLimit, o.now),
    maxBodyBytes: o.maxBodyBytes,
    allowAnonymousReads: o.allowAnonymousReads,
    site,
    onError: o.onError,
    now: o.now,
  });
  return { handler, texts };
}
