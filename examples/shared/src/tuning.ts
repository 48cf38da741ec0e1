import type { SendLimits } from '@anonboard/adapter-grammy';
import type { PolicyOverrides, RateLimit } from '@anonboard/core';
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const durationHint = 'a duration like 90s, 10m, 1h or 30d';

/** `90s`, `10m`, `1h`, `30d` (or `500ms`) in milliseconds; undefined when it is not one. */
function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * A duration setting (`90s`, `10m`, `1h`, `30d`), read as milliseconds, at least `minMs`. With
 * `off: true`, `off` is accepted too, read as 0.
 *
 * ```ts
 * const schema = z.object({ HISTORY_RETENTION: durationSetting(60_000).optional() });
 * schema.parse({ HISTORY_RETENTION: '30d' }).HISTORY_RETENTION; // 2592000000
 * ```
 */
export function durationSetting(minMs: number, options: { readonly off?: boolean } = {}) {
  const off = options.off === true;
  const read = (text: string) => (off && text === 'off' ? 0 : parseDuration(text));
  return z
    .string()
    .refine((text) => read(text) !== undefined, `must be ${durationHint}${off ? ' or off' : ''}`)
    .transform((text) => read(text) as number)
    .refine((ms) => (ms === 0 && off) || ms >= minMs, `must be at least ${describeMs(minMs)}`);
}

/**
 * A rate limit setting, `MAX/WINDOW` like `60/1m` (at most 60 in any minute).
 *
 * ```ts
 * z.object({ RELAY_LIMIT: rateLimitSetting }).parse({ RELAY_LIMIT: '60/1m' }); // { RELAY_LIMIT: { max: 60, windowMs: 60000 } }
 * ```
 */
export const rateLimitSetting = z
  .string()
  .regex(/^\s*\d+\s*\/\s*\d+(ms|s|m|h|d)\s*$/, `must be MAX/WINDOW like 60/1m or 5/1h`)
  .transform((text): RateLimit => {
    const [max = '', window = ''] = text.split('/');
    return { max: Number(max.trim()), windowMs: parseDuration(window) as number };
  })
  .refine((limit) => limit.max >= 1 && limit.max <= 1_000_000, 'must allow from 1 to 1000000')
  .refine((limit) => limit.windowMs >= 1000, 'must have a window of at least 1s');

/** A whole number setting from `min` to `max`. */
function countSetting(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

const cooldownsMessage = `must be durations separated by commas, shortest first, like 1m,10m,1h,24h`;

/**
 * The board's limits, cooldowns and retention, each optional (the library's default when unset).
 * Spread into a schema; {@link boardPolicyFrom} reads the result.
 *
 * ```ts
 * const schema = z.object({ ...boardTuningSettings });
 * const policy = boardPolicyFrom(schema.parse({ RELAY_LIMIT: '120/1m', COOLDOWNS: '30s,5m' }));
 * ```
 */
export const boardTuningSettings = {
  RELAY_LIMIT: rateLimitSetting.optional(),
  INVITE_LIMIT: rateLimitSetting.optional(),
  AD_LIMIT: rateLimitSetting.optional(),
  REPORT_LIMIT: rateLimitSetting.optional(),
  INVITES_PER_DAY: countSetting(1, 100_000).optional(),
  INVITES_PER_RECIPIENT_PER_DAY: countSetting(1, 100_000).optional(),
  SAME_TEXT_INVITES_PER_DAY: countSetting(1, 100_000).optional(),
  COOLDOWNS: z
    .string()
    .transform((text) => text.split(',').map((step) => parseDuration(step)))
    .refine(
      (steps): steps is number[] =>
        steps.length > 0 &&
        steps.every((ms, i) => ms !== undefined && ms >= 1000 && ms >= (steps[i - 1] ?? 0)),
      cooldownsMessage,
    )
    .optional(),
  COOLDOWN_DECAY: durationSetting(60_000).optional(),
  HISTORY_RETENTION: durationSetting(60 * 60_000).optional(),
  INVITE_TTL: durationSetting(60_000).optional(),
};

/** The parsed {@link boardTuningSettings}. */
export type BoardTuning = {
  readonly [K in keyof typeof boardTuningSettings]?: z.output<(typeof boardTuningSettings)[K]>;
};

/**
 * The board policy the parsed settings change: only what was set.
 *
 * ```ts
 * boardPolicyFrom({ RELAY_LIMIT: { max: 120, windowMs: 60_000 } }); // { rateLimits: { relay: { max: 120, windowMs: 60000 } } }
 * ```
 */
export function boardPolicyFrom(tuning: BoardTuning): PolicyOverrides {
  const rateLimits = defined({
    relay: tuning.RELAY_LIMIT,
    invite: tuning.INVITE_LIMIT,
    ad: tuning.AD_LIMIT,
    report: tuning.REPORT_LIMIT,
  });
  return defined({
    ...(Object.keys(rateLimits).length === 0 ? {} : { rateLimits }),
    invitesPerDay: tuning.INVITES_PER_DAY,
    invitesPerRecipientPerDay: tuning.INVITES_PER_RECIPIENT_PER_DAY,
    sameTextInvitesPerDay: tuning.SAME_TEXT_INVITES_PER_DAY,
    cooldownStepsMs: tuning.COOLDOWNS,
    cooldownDecayMs: tuning.COOLDOWN_DECAY,
    historyRetentionMs: tuning.HISTORY_RETENTION,
    inviteTtlMs: tuning.INVITE_TTL,
  });
}

/**
 * `SEND_RATE` (messages a second, all chats together; Telegram allows about 30) and
 * `SEND_RATE_PER_CHAT` (to one chat; none by default): how fast the outbox sends. Spread into a
 * schema; {@link sendLimitsFrom} reads the result.
 *
 * ```ts
 * const schema = z.object({ ...sendRateSettings });
 * ```
 */
export const sendRateSettings = {
  SEND_RATE: countSetting(1, 1000).optional(),
  SEND_RATE_PER_CHAT: countSetting(1, 1000).optional(),
};

/**
 * The transport's pacing from the parsed settings; undefined leaves the transport's default
 * (30 a second overall).
 *
 * ```ts
 * sendLimitsFrom({ SEND_RATE: 20 }); // { perSecond: 20, perChatPerSecond: null }
 * ```
 */
export function sendLimitsFrom(settings: {
  readonly SEND_RATE?: number | undefined;
  readonly SEND_RATE_PER_CHAT?: number | undefined;
}): SendLimits | undefined {
  if (settings.SEND_RATE === undefined && settings.SEND_RATE_PER_CHAT === undefined) {
    return undefined;
  }
  return {
    perSecond: settings.SEND_RATE ?? 30,
    perChatPerSecond: settings.SEND_RATE_PER_CHAT ?? null,
  };
}

// --- Internal helpers ---

/** The object without its undefined members (options are `exactOptionalPropertyTypes`). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function describeMs(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
