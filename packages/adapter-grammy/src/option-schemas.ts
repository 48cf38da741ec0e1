import type { Texts } from '@anonboard/core';
import { z } from 'zod';
import { GrammyAdapterError } from './errors.js';

// Pieces of both plugins' option schemas.

/** `commands`: a new name (`a-z`, `0-9`, `_`) or `false` per command of `list`. */
export function commandNamesSchema<const C extends string>(list: readonly [C, ...C[]]) {
  const name = z
    .string()
    .regex(/^[a-z0-9_]{1,32}$/, 'command names are 1-32 characters of a-z, 0-9 and _');
  return z.partialRecord(z.enum(list), z.union([name, z.literal(false)]));
}

/** A catalogue made by `createTexts()`. */
export const textsSchema = z.custom<Texts>(
  (v) => typeof v === 'object' && v !== null && 'render' in v,
);

/** A callback for failures outside grammY's middleware. */
export const onErrorSchema = z.custom<(error: unknown) => void>((v) => typeof v === 'function');

/** Telegram user ids (positive integers), e.g. of admins. */
export const telegramIdsSchema = z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

/**
 * Checks options against `schema`; throws {@link GrammyAdapterError} naming the first bad one
 * (`invalid option "albumWaitMs": …`).
 */
export function parseOptions<T>(schema: z.ZodType<T>, options: unknown): T {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'options';
  throw new GrammyAdapterError(`invalid option "${where}": ${issue?.message ?? 'invalid'}`);
}
