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
 * What of an error may be logged: its class, stable code (a Bot API error's number), the method
 * that failed and its message with long numbers (chat and user ids) masked; never the error
 * itself (grammY's errors carry the request, with its chat id and text; pino would print all of
 * it). For the whole error, log it at `debug`, which an operator turns on knowingly.
 *
 * ```ts
 * logger.error('update failed', { error: errorSummary(error) });
 * // { name: 'GrammyError', code: '403', method: 'sendMessage', message: "Call to 'sendMessage' failed! (403: Forbidden: bot was blocked by the user)" }
 * ```
 */
export function errorSummary(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error, message: withoutIds(String(error)) };
  const fields = error as Error & Record<string, unknown>;
  const code =
    typeof fields.code === 'string'
      ? fields.code
      : typeof fields.error_code === 'number'
        ? String(fields.error_code)
        : undefined;
  const method = typeof fields.method === 'string' ? fields.method : undefined;
  const message = withoutIds(error.message.replace(/\s+/g, ' ').trim());
  return {
    name: error.name,
    ...(code === undefined ? {} : { code }),
    ...(method === undefined ? {} : { method }),
    message,
  };
}

/** An error as {@link errorSummary} lets it be logged. */
export interface ErrorSummary {
  readonly name: string;
  readonly code?: string;
  /** The platform method that failed (grammY's `GrammyError` names it). */
  readonly method?: string;
  readonly message: string;
}

// --- Internal helpers ---

/** Masks runs of 6+ digits: a Telegram user or chat id in a message is a person's identity. */
function withoutIds(text: string): string {
  return text.replace(/-?\d{6,}/g, '<id>');
}
