import { errorSummary, type Logger } from '@anonboard/core';
import { ConfigError, type Env } from './env.js';
import { createLogger, type LogConfig } from './logging.js';
import { createMetrics, type Metrics } from './metrics.js';
import { type DatabaseConfig, describeDatabase } from './storage.js';

/** The settings the process itself needs; each example's `Config` has more. */
export interface ProcessConfig {
  /** Without it the offline sandbox runs instead of the bot. */
  readonly botToken: string | undefined;
  readonly database: DatabaseConfig;
  /** `LOG_LEVEL`, `LOG_FORMAT`. */
  readonly log: LogConfig;
}

/** What the process gives the bot it runs: one logger and one set of metrics for everything. */
export interface BotServices {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** A bot the process can start and stop. */
export interface StartableBot {
  /** Resolves once updates can arrive; `onFatal` hears about polling that stopped by itself. */
  start(onFatal?: (error: unknown) => void): Promise<void>;
  stop(): Promise<void>;
}

/** What makes one example's `src/main.ts`: how to read its settings, run its sandbox or its bot. */
export interface BotProcess<C extends ProcessConfig, App extends StartableBot> {
  /** Reads the environment; throws a {@link ConfigError} for bad settings. */
  loadConfig(env: Env): C;
  /** The offline sandbox (no BOT_TOKEN); resolves with the exit code. */
  runSandbox(config: C, options: { readonly demo: boolean }): Promise<number>;
  /** Lines for the operator before the bot opens its database (what is off, and why). */
  notices?(config: C): readonly string[];
  /** Builds the bot (opening its database), not started yet. */
  createBot(config: C & { readonly botToken: string }, services: BotServices): Promise<App>;
  /** What the operator sees once the bot runs; `database` is {@link describeDatabase}'s. */
  runningLines(app: App, config: C, database: string): readonly string[];
}

/**
 * Runs an example as a process: the settings (a bad one stops it with one clear message and exit
 * code 1), then the sandbox without BOT_TOKEN (`--demo` or `SANDBOX_DEMO=1` plays the demo), or
 * the bot until SIGINT / SIGTERM stop it cleanly. The bot's lines go to its logger (pino: JSON,
 * or readable in a terminal); a failure to start is an error line and exit code 1.
 *
 * ```ts
 * runBotProcess({ loadConfig, runSandbox, createBot: createBoardBot, runningLines: () => ['running'] });
 * ```
 */
export function runBotProcess<C extends ProcessConfig, App extends StartableBot>(
  definition: BotProcess<C, App>,
): void {
  main(definition).catch((error: unknown) => fail(`[anonboard] ${errorMessage(error)}`));
}

// --- Internal helpers ---

async function main<C extends ProcessConfig, App extends StartableBot>(
  definition: BotProcess<C, App>,
): Promise<void> {
  let config: C;
  try {
    config = definition.loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const token = config.botToken;
  if (token === undefined) {
    const demo = process.argv.includes('--demo') || process.env.SANDBOX_DEMO === '1';
    process.exitCode = await definition.runSandbox(config, { demo });
    return;
  }

  const logger = createLogger(config.log);
  const metrics = createMetrics();
  const fatal: (what: string, error: unknown) => never = (what, error) => {
    logger.error(`${what}: ${errorMessage(error)}`, { error: errorSummary(error) });
    process.exit(1);
  };
  for (const line of definition.notices?.(config) ?? []) logger.info(line);
  const database = describeDatabase(config.database);
  const opening = definition.createBot({ ...config, botToken: token }, { logger, metrics });
  let stopping = false;
  const shutdown = async (signal: string) => {
    stopping = true;
    logger.info(`${signal}: stopping…`);
    const opened = await opening.catch(() => undefined);
    await opened?.stop();
    logger.info(`stopped; the state is in ${database}`);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let app: App;
  try {
    app = await opening;
  } catch (error) {
    fatal('could not open the database', error);
  }
  if (stopping) return; // a signal arrived while connecting; `shutdown` stops it
  try {
    await app.start((error) => {
      logger.error(`polling stopped: ${errorMessage(error)}`, { error: errorSummary(error) });
      void app.stop().finally(() => process.exit(1));
    });
  } catch (error) {
    if (stopping) return; // a signal arrived while connecting
    await app.stop().catch(() => {});
    fatal('could not start the bot', error);
  }
  for (const line of definition.runningLines(app, config, database)) logger.info(line);
}

/** One clear line for the operator, no stack trace. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** An error's message without its `[anonboard] ` tag (the caller adds its own). */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\[anonboard\] /, '');
}
