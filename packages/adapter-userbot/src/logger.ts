/**
 * Where the userbot writes its log lines (each one line, starting `[anonboard] [userbot]`).
 * `console` fits; so does pino or any logger with `info` and `warn`.
 *
 * ```ts
 * const logger: UserbotLogger = { info: (line) => pino.info(line), warn: (line) => pino.warn(line) };
 * ```
 */
export interface UserbotLogger {
  info(line: string): void;
  warn(line: string): void;
}

// --- Internal helpers ---

/** The logger used when none is given. */
export const consoleLogger: UserbotLogger = {
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
};

/** Prefixes a log line. */
export function line(message: string): string {
  return `[anonboard] [userbot] ${message}`;
}

/** A short description of an unknown error, for log lines. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\s+/g, ' ').trim();
  return String(error);
}
