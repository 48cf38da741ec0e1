import type { LogFields, Logger, LogLevel } from '../ports/logger.js';

const rank: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A {@link Logger} on `console` that drops lines below `level` (default `warn`): what the library
 * uses when it is given no logger. Lines read `[anonboard] message {fields}`.
 *
 * ```ts
 * const board = createBoard({ storage, transport, logger: consoleLogger('info') });
 * ```
 */
export function consoleLogger(level: LogLevel = 'warn'): Logger {
  const at =
    (lineLevel: LogLevel, write: (...data: unknown[]) => void) =>
    (message: string, fields?: LogFields) => {
      if (rank[lineLevel] < rank[level]) return;
      if (fields === undefined || Object.keys(fields).length === 0) write(`[anonboard] ${message}`);
      else write(`[anonboard] ${message}`, fields);
    };
  return {
    debug: at('debug', console.debug),
    info: at('info', console.info),
    warn: at('warn', console.warn),
    error: at('error', console.error),
  };
}

/**
 * A {@link Logger} that says nothing (tests, scripts).
 *
 * ```ts
 * const board = createBoard({ storage, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * A logger that adds `fields` to every line (e.g. which part of the library speaks).
 *
 * ```ts
 * const log = withFields(logger, { component: 'outbox' });
 * log.warn('delivery failed', { entry: 12 }); // { component: 'outbox', entry: 12 }
 * ```
 */
export function withFields(logger: Logger, fields: LogFields): Logger {
  const merged = (more: LogFields | undefined): LogFields =>
    more === undefined ? fields : { ...fields, ...more };
  return {
    debug: (message, more) => logger.debug(message, merged(more)),
    info: (message, more) => logger.info(message, merged(more)),
    warn: (message, more) => logger.warn(message, merged(more)),
    error: (message, more) => logger.error(message, merged(more)),
  };
}

/**
 * What of an error may be logged: its class, stable code and message, never the error itself
 * (grammY's errors carry the request, with its chat id and text; pino would print all of it).
 *
 * ```ts
 * logger.error('update failed', { error: errorSummary(error) });
 * ```
 */
export function errorSummary(error: unknown): { name: string; code?: string; message: string } {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error.message.replace(/\s+/g, ' ').trim();
  return code === undefined ? { name: error.name, message } : { name: error.name, code, message };
}
