import { z } from 'zod';
import { AnonboardError } from '../errors.js';
import { defaultBackoff } from '../outbox/backoff.js';
import { type BoardPolicy, defaultPolicy, type LimitedAction } from '../shell/context.js';

// The boundary of `createBoard` / `createFeed`: options may come from JavaScript or a config
// file, so a typo or a wrong value is a clear error at creation, not a crash on the first update.

/**
 * Checks the options of `createBoard` / `createFeed` against the ports they must implement and
 * the policy's ranges; throws `AnonboardError('invalid_options')` naming the first bad one.
 *
 * ```ts
 * checkRuntimeOptions({ storage, policy: { invitesPerDay: 0 } }, 'createBoard');
 * // AnonboardError: [anonboard] createBoard: invalid option "policy.invitesPerDay": …
 * ```
 */
export function checkRuntimeOptions(options: unknown, where: 'createBoard' | 'createFeed'): void {
  const schema = where === 'createBoard' ? boardOptionsSchema : feedOptionsSchema;
  const parsed = schema.safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const at = issue?.path.map(String) ?? [];
  if (issue?.code === 'unrecognized_keys') {
    const option = [...at, issue.keys[0]].join('.');
    throw new AnonboardError('invalid_options', `${where}: unknown option "${option}"`, {
      option,
    });
  }
  const option = at.join('.') || 'options';
  throw new AnonboardError(
    'invalid_options',
    `${where}: invalid option "${option}": ${issue?.message ?? 'invalid'}`,
    { option },
  );
}

// --- Internal helpers ---

/** A time zone the platform's `Intl` knows. */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** An object with these methods (a port implemented by the caller). */
function port<T>(name: string, methods: readonly string[]) {
  return z.custom<T>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      methods.every((m) => typeof (v as Record<string, unknown>)[m] === 'function'),
    `${name} must implement ${methods.map((m) => `${m}()`).join(', ')}`,
  );
}

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const positive = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const rateLimit = z.strictObject({ max: positive, windowMs: positive });
const limitedActions = Object.keys(defaultPolicy.rateLimits) as [LimitedAction, ...LimitedAction[]];

/** Every policy key, typed by its default: a new policy key is checked without touching this. */
const policySchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(defaultPolicy).map(([key, value]) => {
        if (key === 'rateLimits') return [key, z.partialRecord(z.enum(limitedActions), rateLimit)];
        if (typeof value === 'boolean') return [key, z.boolean()];
        if (Array.isArray(value)) return [key, z.array(positive).min(1)];
        return [key, key.startsWith('max') || key.endsWith('Ms') ? positive : count];
      }),
    ) as Record<keyof BoardPolicy, z.ZodType>,
  )
  .partial();

const dispatcherSchema = z
  .strictObject({
    batchSize: z.number().int().min(1).max(1000),
    leaseMs: positive,
    maxHoldMs: positive,
    pollIntervalMs: positive,
    // A timer's longest wait.
    rideWaitMs: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    backoff: z
      .strictObject({
        baseMs: positive,
        maxMs: positive,
        maxAttempts: z.number().int().min(1).max(1000),
      })
      .partial()
      .refine(
        (b) => (b.baseMs ?? defaultBackoff.baseMs) <= (b.maxMs ?? defaultBackoff.maxMs),
        'baseMs must not exceed maxMs',
      ),
  })
  .partial();

const runtimeShape = {
  storage: port('storage', ['transaction', 'close']),
  transport: port('transport', ['sendText', 'copy', 'edit', 'publish', 'sendMedia']),
  clock: port('clock', ['now']),
  ids: port('ids', ['next']),
  texts: port('texts', ['render']),
  policy: policySchema,
  dispatcher: dispatcherSchema,
  logger: port('logger', ['debug', 'info', 'warn', 'error']),
  telemetry: z.custom<unknown>((v) => typeof v === 'function', 'telemetry must be a function'),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow'),
};

const optional = {
  transport: true,
  clock: true,
  ids: true,
  texts: true,
  policy: true,
  dispatcher: true,
  logger: true,
  telemetry: true,
  timeZone: true,
} as const;

const boardOptionsSchema = z
  .strictObject({ ...runtimeShape, adDirectory: port('adDirectory', ['find']) })
  .partial({ ...optional, adDirectory: true });

const directMessagesSchema = z
  .strictObject({ mode: z.enum(['queue', 'score']), plainMessages: z.boolean() })
  .partial();

const feedOptionsSchema = z
  .strictObject({
    ...runtimeShape,
    scorer: port('scorer', ['score']),
    directMessages: directMessagesSchema,
  })
  .partial({ ...optional, scorer: true, directMessages: true });
