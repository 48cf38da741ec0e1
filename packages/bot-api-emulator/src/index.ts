/**
 * `@anonboard/bot-api-emulator`: a local Telegram Bot API server for tests, benchmarks and an
 * offline sandbox, plus a typed API to act as Telegram users.
 *
 * ```ts
 * import { startEmulator } from '@anonboard/bot-api-emulator';
 *
 * const emu = await startEmulator();
 * const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
 * ```
 *
 * @module @anonboard/bot-api-emulator
 */
export type { CallbackAnswer } from './callbacks.js';
export type { ChannelBotRights, ScheduledPost } from './direct-messages/registry.js';
export {
  type ChatRef,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from './emulator.js';
export { EmulatorError } from './errors.js';
export type { Fault } from './faults.js';
export type { UploadedFile } from './http/multipart.js';
export type { RateLimits } from './limits.js';
export { supportedMethods } from './methods/index.js';
export type { ApiCall, EmulatorStats } from './runtime.js';
export type { ChannelInit, SimulatedChannel } from './simulation/channels.js';
export type {
  SimulatedDirectMessages,
  SuggestedMedia,
  SuggestionOptions,
  Writer,
} from './simulation/direct-messages.js';
export type {
  AlbumItem,
  ForwardInit,
  MediaOptions,
  MessageRef,
  SimulatedUser,
  UserInit,
} from './simulation/users.js';
export type * from './telegram.js';
export type { WaitOptions } from './waiting.js';
