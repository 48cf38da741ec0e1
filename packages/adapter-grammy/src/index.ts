/**
 * `@anonboard/adapter-grammy`: the anonymous ad board as a grammY plugin, and core's Transport
 * over grammY's `Api`.
 *
 * ```ts
 * import { anonboard, createTransport, startDispatcher } from '@anonboard/adapter-grammy';
 *
 * const board = createBoard({ storage, transport: createTransport(new Api(token)) });
 * bot.use(anonboard({ board }));
 * startDispatcher(board);
 * ```
 *
 * @module @anonboard/adapter-grammy
 */
export {
  AlbumBuffer,
  type AlbumDelivery,
} from './album-buffer.js';
export {
  DEFAULT_CALLBACK_PREFIX,
  decodeCallbackData,
  decodeLocalCallbackData,
  encodeCallbackData,
  encodeLocalCallbackData,
  MAX_CALLBACK_DATA_BYTES,
} from './callback-data.js';
export { adDeepLink, adIdFromStartPayload, DEFAULT_DEEP_LINK_PREFIX } from './deep-link.js';
export {
  type DispatchTarget,
  type RunningDispatcher,
  type StartDispatcherOptions,
  startDispatcher,
} from './dispatcher.js';
export { GrammyAdapterError } from './errors.js';
export {
  type AnonboardFeedOptions,
  type AnonboardFeedPlugin,
  anonboardFeed,
  botApiPictures,
  configureTelegramFeed,
  type FeedCommand,
  type FeedCommandListOptions,
  type FeedCommandNames,
  type FetchedPicture,
  feedAdminCommands,
  feedCommandList,
  feedCommandLists,
  feedCommands,
  parseSourceArgument,
  type RegisterFeedCommandsOptions,
  registerFeedCommands,
  type SourceArgument,
  type SourceResolver,
  type StartFeedDispatcherOptions,
  startFeedDispatcher,
  type TelegramFeedSettings,
} from './feed/index.js';
export {
  type CommandListEntry,
  type CommandListOptions,
  type CommandListSlot,
  commandList,
  commandLists,
  type RegisterCommandsOptions,
  registerCommands,
} from './menu.js';
export { observeUpdates } from './observe-updates.js';
export {
  type AnonboardCommand,
  type AnonboardOptions,
  anonboardAdminCommands,
  anonboardCommands,
  type CommandNames,
} from './options.js';
export { createPacer, type SendLimits, telegramLimits } from './pace.js';
export { type AnonboardPlugin, anonboard } from './plugin.js';
export { MAX_SUMMARY_LENGTH, summaryOf } from './telegram-message.js';
export { createTransport, type GrammyTransportOptions } from './transport.js';
export { toTransportError } from './transport-errors.js';
export { AnonboardUpdateError } from './update-errors.js';
export { parseWebAppPayload, type WebAppPayload, webAppPayloadSchema } from './web-app-payload.js';
