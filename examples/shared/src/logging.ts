import type { Logger } from '@anonboard/core';
import { type DestinationStream, type Logger as PinoLogger, pino, destination as toFd } from 'pino';
import pretty from 'pino-pretty';
import { z } from 'zod';
import type { Env } from './env.js';

/** How much the bot logs, least to most severe; `silent` logs nothing. */
export type LogLevelSetting = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The log's settings, read from the environment. */
export interface LogConfig {
  readonly level: LogLevelSetting;
  /** `json`: one JSON object a line (production, log collectors); `pretty`: readable, for a terminal. */
  readonly format: 'json' | 'pretty';
}

/**
 * `LOG_LEVEL` (`info` by default) and `LOG_FORMAT` (`json` or `pretty`; by default `pretty` in a
 * terminal, `json` when the output is piped or `NODE_ENV=production`). Spread into a schema;
 * {@link logConfigFrom} reads the result.
 *
 * ```ts
 * const schema = z.object({ ...logSettings });
 * ```
 */
export const logSettings = {
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'must be debug, info, warn, error or silent',
    })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
};

/**
 * The log's settings from the parsed {@link logSettings}: JSON unless a person reads the output.
 *
 * ```ts
 * logConfigFrom({ LOG_LEVEL: 'info' }, process.env, false); // { level: 'info', format: 'json' }
 * ```
 */
export function logConfigFrom(
  settings: {
    readonly LOG_LEVEL: LogLevelSetting;
    readonly LOG_FORMAT?: 'json' | 'pretty' | undefined;
  },
  env: Env,
  terminal: boolean = process.stdout.isTTY === true,
): LogConfig {
  const readable = terminal && env.NODE_ENV !== 'production';
  return {
    level: settings.LOG_LEVEL,
    format: settings.LOG_FORMAT ?? (readable ? 'pretty' : 'json'),
  };
}

/**
 * The bot's logger: pino, writing synchronously to stdout (a line written is a line kept, even
 * when the process is killed right after), JSON or readable as configured.
 *
 * ```ts
 * const logger = createLogger({ level: 'info', format: 'pretty' });
 * const board = createBoard({ storage, transport, logger });
 * ```
 */
export function createLogger(config: LogConfig, destination?: DestinationStream): Logger {
  const stream =
    destination ??
    (config.format === 'pretty'
      ? pretty({ sync: true, colorize: process.stdout.isTTY === true, ignore: 'pid,hostname' })
      : toFd({ dest: 1, sync: true }));
  return fromPino(pino({ level: config.level, base: { name: 'anonboard' } }, stream));
}

/**
 * core's {@link Logger} over a pino logger (pino takes the fields first, then the message).
 *
 * ```ts
 * const board = createBoard({ storage, transport, logger: fromPino(pino()) });
 * ```
 */
export function fromPino(log: PinoLogger): Logger {
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  };
}

/**
 * A logger for the sandbox: warnings and errors, as one transcript line each.
 *
 * ```ts
 * const logger = printLogger((line) => console.log(line));
 * ```
 */
export function printLogger(print: (line: string) => void): Logger {
  const line = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) =>
    print(`  [${level}] ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}`);
  return { debug: () => {}, info: () => {}, warn: line('warn'), error: line('error') };
}
