import { type Effect, laneOf } from '../effects.js';
import { AnonboardError } from '../errors.js';
import type { AdDirectory } from '../ports/ad-directory.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { Repositories, Storage } from '../ports/storage.js';
import type { Texts } from '../texts/texts.js';

/** Limits of the board. All have defaults; override any of them. */
export interface BoardPolicy {
  /** Invites one person may send in any 24 hours. Default 20. */
  readonly invitesPerDay: number;
  /** A pending invite expires after this long. Default 7 days. */
  readonly inviteTtlMs: number;
  /** Longest first message sent as text (the Mini App path). Default 3500, below Telegram's 4096. */
  readonly maxInviteTextLength: number;
  /** Longest ad title. Default 100. */
  readonly maxAdTitleLength: number;
  /** Longest ad text. Default 3000. */
  readonly maxAdTextLength: number;
  /** How long an admin's claim on a moderation item holds. Default 10 minutes. */
  readonly claimLeaseMs: number;
  /** How long a scorer may take before the item goes to manual review. Default 15 s. */
  readonly scoreTimeoutMs: number;
  /** Longest suggested post. Default 3500. */
  readonly maxPostLength: number;
}

export const defaultPolicy: BoardPolicy = {
  invitesPerDay: 20,
  inviteTtlMs: 7 * 24 * 60 * 60 * 1000,
  maxInviteTextLength: 3500,
  maxAdTitleLength: 100,
  maxAdTextLength: 3000,
  claimLeaseMs: 10 * 60 * 1000,
  scoreTimeoutMs: 15_000,
  maxPostLength: 3500,
};

/** What every service function works with. */
export interface BoardContext {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly texts: Texts;
  readonly policy: BoardPolicy;
  /** The embedding app's ad directory; the board's own ad table when undefined. */
  readonly directory: AdDirectory | undefined;
  /** Called after a transaction that wrote effects has committed (wakes the dispatcher). */
  readonly onEffects: () => void;
}

/** Collects the effects a unit of work produces. */
export type Emit = (effects: readonly Effect[]) => void;

/**
 * The one way services change state: inside a storage transaction, after claiming the update's
 * idempotency key (a replayed update throws `duplicate_update` and changes nothing), writing
 * every emitted effect to the outbox in the same transaction.
 */
export async function unitOfWork<T>(
  ctx: Pick<BoardContext, 'storage' | 'clock' | 'onEffects'>,
  key: string | undefined,
  fn: (tx: Repositories, emit: Emit, now: number) => Promise<T>,
): Promise<T> {
  const now = ctx.clock.now();
  let wrote = false;
  const result = await ctx.storage.transaction(async (tx) => {
    if (key !== undefined && !(await tx.inbox.claim(key, now))) {
      throw new AnonboardError('duplicate_update', `update ${key} was already processed`, { key });
    }
    const effects: Effect[] = [];
    const value = await fn(tx, (more) => effects.push(...more), now);
    if (effects.length > 0) {
      await tx.outbox.add(
        effects.map((effect) => ({ lane: laneOf(effect), effect })),
        now,
      );
      wrote = true;
    }
    return value;
  });
  if (wrote) ctx.onEffects();
  return result;
}

/** Throws `text_empty` / `text_too_long` for bad text; returns it trimmed. */
export function checkText(text: string, max: number, field = 'text'): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new AnonboardError('text_empty', `${field} is empty`, { field });
  if (trimmed.length > max) {
    throw new AnonboardError('text_too_long', `${field} is longer than ${max} characters`, {
      field,
      max,
    });
  }
  return trimmed;
}

/** Throws `not_found` when `value` is undefined. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined)
    throw new AnonboardError('not_found', `${what} ${id} not found`, { what });
  return value;
}
