/** Structured context of a log line: small, flat values (counts, codes, internal ids, durations). */
export type LogFields = Readonly<Record<string, unknown>>;

/** How much a logger says, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the library reports what an operator may need to know: a message and a fields object.
 * `console` fits as it is; so does pino through a two-line adapter (pino takes the fields first).
 *
 * What the library logs at `info` and above never carries a Telegram id, a username, a name or
 * message text: people are internal ids at most, errors are summaries (`name`, `code`, `message`),
 * never the raw error with the request it failed on.
 *
 * ```ts
 * import pino from 'pino';
 *
 * const log = pino();
 * const logger: Logger = {
 *   debug: (message, fields) => log.debug(fields ?? {}, message),
 *   info: (message, fields) => log.info(fields ?? {}, message),
 *   warn: (message, fields) => log.warn(fields ?? {}, message),
 *   error: (message, fields) => log.error(fields ?? {}, message),
 * };
 * const board = createBoard({ storage, transport, logger });
 * ```
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
