/**
 * `@anonboard/admin-app`: the monitoring feed's admin Mini App — the moderation queue (decided
 * through the same core functions as the bot's cards), live statistics drawn with Chart.js, and
 * the flow diagrams drawn with Mermaid, clickable, with live figures. Identity only from
 * validated initData; only the feed's admins.
 *
 * ```ts
 * import { createServer } from 'node:http';
 * import { createAdminApp } from '@anonboard/admin-app';
 *
 * const adminApp = createAdminApp({ feed, botToken: process.env.BOT_TOKEN ?? '' });
 * createServer(adminApp.handler).listen(Number(process.env.PORT ?? 8080));
 * ```
 *
 * @module @anonboard/admin-app
 */
export {
  type AdminApp,
  type AdminAppHandler,
  adminPublicDir,
  createAdminApp,
} from './admin-app.js';
export type { ItemView, MediaPreviewSource } from './api/context.js';
export {
  type AdminAppCatalog,
  type AdminAppTextKey,
  type AdminAppTextOverrides,
  type AdminAppTexts,
  adminAppEn,
  adminAppRu,
  createAdminAppTexts,
} from './i18n.js';
export type { AdminAppOptions } from './options.js';
export { vendorFiles } from './vendor.js';
