import { z } from 'zod';
import { durationSetting } from './tuning.js';

/**
 * How long the bot's HTTP server waits for a client, and how many it serves at once: a client
 * that trickles its headers (slowloris) or its body, or that opens connection after connection,
 * cannot hold the server's sockets.
 *
 * ```ts
 * const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, maxConnections: 256 };
 * ```
 */
export interface HttpLimits {
  /** The whole header block must arrive within this; else 408 and the socket is closed. */
  readonly headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this; at least `headersTimeoutMs`. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Connections open at once; one more is closed as soon as it is accepted. */
  readonly maxConnections: number;
}

/**
 * The defaults: 10 s for headers (Node's own is a minute, checked every 30 s), 30 s for a whole
 * request (a Mini App body is at most 64 KiB; Telegram's webhook posts are small), 5 s idle
 * keep-alive, 1024 connections (far above what Telegram's webhook and a board's readers need).
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
};

/**
 * The environment's overrides of {@link DEFAULT_HTTP_LIMITS}, each optional. Spread into a schema;
 * {@link httpLimitsFrom} reads the result.
 *
 * ```ts
 * const schema = z.object({ ...httpLimitSettings });
 * httpLimitsFrom(schema.parse({ HTTP_MAX_CONNECTIONS: '256' })).maxConnections; // 256
 * ```
 */
export const httpLimitSettings = {
  HTTP_HEADERS_TIMEOUT: durationSetting(100).optional(),
  HTTP_REQUEST_TIMEOUT: durationSetting(100).optional(),
  HTTP_KEEP_ALIVE_TIMEOUT: durationSetting(100).optional(),
  HTTP_MAX_CONNECTIONS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number from 1 to 100000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100_000, 'must be a whole number from 1 to 100000')
    .optional(),
};

/** Settings that only make sense together: headers cannot take longer than the whole request. */
export function httpLimitProblems(present: Readonly<Record<string, string>>): string[] {
  const parsed = z.object(httpLimitSettings).safeParse({
    HTTP_HEADERS_TIMEOUT: present.HTTP_HEADERS_TIMEOUT,
    HTTP_REQUEST_TIMEOUT: present.HTTP_REQUEST_TIMEOUT,
  });
  if (!parsed.success) return [];
  const limits = httpLimitsFrom(parsed.data);
  return limits.headersTimeoutMs > limits.requestTimeoutMs
    ? ['HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT']
    : [];
}

/**
 * The limits from the parsed settings, the defaults for those unset.
 *
 * ```ts
 * httpLimitsFrom({ HTTP_HEADERS_TIMEOUT: 5000 }); // { headersTimeoutMs: 5000, requestTimeoutMs: 30000, … }
 * ```
 */
export function httpLimitsFrom(settings: {
  readonly HTTP_HEADERS_TIMEOUT?: number | undefined;
  readonly HTTP_REQUEST_TIMEOUT?: number | undefined;
  readonly HTTP_KEEP_ALIVE_TIMEOUT?: number | undefined;
  readonly HTTP_MAX_CONNECTIONS?: number | undefined;
}): HttpLimits {
  const d = DEFAULT_HTTP_LIMITS;
  return {
    headersTimeoutMs: settings.HTTP_HEADERS_TIMEOUT ?? d.headersTimeoutMs,
    requestTimeoutMs: settings.HTTP_REQUEST_TIMEOUT ?? d.requestTimeoutMs,
    keepAliveTimeoutMs: settings.HTTP_KEEP_ALIVE_TIMEOUT ?? d.keepAliveTimeoutMs,
    maxConnections: settings.HTTP_MAX_CONNECTIONS ?? d.maxConnections,
  };
}
