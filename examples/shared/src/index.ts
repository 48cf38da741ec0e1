/**
 * `@examples/shared`: what the example bots have in common — the process around the bot
 * (settings, signals, shutdown), the storage choice, the grammY bot's start and stop, the offline
 * sandbox's machinery, and the helpers their tests use.
 *
 * ```ts
 * import { runBotProcess } from '@examples/shared';
 *
 * runBotProcess({ loadConfig, runSandbox, createBot: createBoardBot, runningLines: () => [] });
 * ```
 *
 * @module
 */
export {
  adminIdsSetting,
  botApiSettings,
  ConfigError,
  databaseFrom,
  databaseSettings,
  type Env,
  httpSettings,
  localeSetting,
  type ProblemLayout,
  presentSettings,
  problemsOf,
  publicUrlSetting,
} from './env.js';
export { type BotApiConfig, BotApiError, createGrammyBot, type GrammyBot } from './grammy-bot.js';
export {
  DEFAULT_HTTP_LIMITS,
  type HttpLimits,
  httpLimitProblems,
  httpLimitSettings,
  httpLimitsFrom,
} from './http-limits.js';
export { createHttpServer, type HttpRoutes, type HttpServer } from './http-server.js';
export {
  type BotProcess,
  type BotServices,
  type ProcessConfig,
  runBotProcess,
  type StartableBot,
} from './lifecycle.js';
export {
  createLogger,
  fromPino,
  type LogConfig,
  type LogLevelSetting,
  logConfigFrom,
  logSettings,
  printLogger,
} from './logging.js';
export { createMetrics, type Metrics } from './metrics.js';
export { type SandboxCast, startSandboxEmulator } from './sandbox/emulator.js';
export {
  buttonNumber,
  readSandboxLine,
  type SandboxControl,
  type SandboxLine,
} from './sandbox/lines.js';
export {
  playSandbox,
  type SandboxBot,
  type SandboxOptions,
  type SandboxScript,
} from './sandbox/session.js';
export { waitUntilQuiet } from './sandbox/settle.js';
export {
  buttonsOf,
  describeMessage,
  Inbox,
  type InboxOptions,
  type MessageStyle,
} from './sandbox/view.js';
export {
  type BotStorage,
  type DatabaseConfig,
  describeDatabase,
  openStorage,
} from './storage.js';
// Test helpers use only Node's own modules, so the bots can import this index at run time.
export {
  type MainProcess,
  type MainRunner,
  type MainRunnerOptions,
  mainRunner,
} from './testing/run-main.js';
export { type SandboxRun, typeIntoSandbox } from './testing/sandbox.js';
export {
  type BoardTuning,
  boardPolicyFrom,
  boardTuningSettings,
  durationSetting,
  rateLimitSetting,
  sendLimitsFrom,
  sendRateSettings,
} from './tuning.js';
