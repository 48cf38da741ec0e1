/**
 * `@anonboard/adapter-userbot`: a GramJS user account that watches sources and feeds core ingest.
 * It only reads: publishing stays with the bot (Bot API).
 *
 * @module @anonboard/adapter-userbot
 */

export { type CursorStore, fetchMissed, MemoryCursorStore } from './catch-up.js';
export { type CliDeps, cliUsage, runCli } from './cli.js';
export {
  monitoringOffReason,
  parseApiHash,
  parseApiId,
  type UserbotConfig,
  userbotConfigFromEnv,
  userbotEnvNames,
} from './env.js';
export {
  SourceUnreadableError,
  type UnreadableReason,
  UserbotError,
  type UserbotErrorCode,
} from './errors.js';
export {
  defaultFloodPolicy,
  type FloodPolicy,
  floodWaitSeconds,
  withFloodWait,
} from './flood.js';
export type { UserbotLogger } from './logger.js';
export {
  createTerminalPrompter,
  type LoginClient,
  type LoginOptions,
  type LoginPrompter,
  login,
} from './login.js';
export {
  mediaKindOf,
  messageLink,
  sourceRefOf,
  toSourceMessage,
  usernameOfChat,
  usernameOfLink,
} from './map-message.js';
export {
  parseSourceInput,
  type ResolvedSource,
  type ResolveOptions,
  resolveSource,
  type SourceInput,
  watchSource,
} from './resolve.js';
export {
  createUserbotClient,
  type StartUserbotOptions,
  startUserbot,
  type Userbot,
} from './start.js';
export {
  type CatchUpReport,
  createSourceWatcher,
  type IngestReport,
  type SourceWatcher,
  type WatcherFeed,
  type WatcherOptions,
} from './watcher.js';
