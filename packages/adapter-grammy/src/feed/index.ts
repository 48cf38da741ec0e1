// The monitoring feed's grammY plugin: suggestions, forwards, subscriptions, moderation.

export { configureTelegramFeed, type TelegramFeedSettings } from './configure.js';
export { type StartFeedDispatcherOptions, startFeedDispatcher } from './dispatcher.js';
export {
  type FeedCommandListOptions,
  feedCommandList,
  feedCommandLists,
  type RegisterFeedCommandsOptions,
  registerFeedCommands,
} from './menu.js';
export {
  type AnonboardFeedOptions,
  type FeedCommand,
  type FeedCommandNames,
  feedAdminCommands,
  feedCommands,
  type SourceResolver,
} from './options.js';
export { botApiPictures, type FetchedPicture } from './pictures.js';
export { type AnonboardFeedPlugin, anonboardFeed } from './plugin.js';
export { parseSourceArgument, type SourceArgument } from './source-input.js';
