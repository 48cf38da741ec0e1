import { type Effect, laneOf } from '../effects.js';
import { AnonboardError } from '../errors.js';
import type { AdDirectory } from '../ports/ad-directory.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { Repositories, Storage } from '../ports/storage.js';
import type { Telemetry, TelemetryEvent } from '../ports/telemetry.js';
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
  /** Longest suggested post. Default 4096, the longest message Telegram lets a person send. */
  readonly maxPostLength: number;
  /**
   * The platform's limits (Telegram's by default: 4096 characters of text, 1024 of caption).
   * Everything the bot builds fits them: cards and previews are shortened with a way to read the
   * whole, channel posts are split into ordered parts.
   */
  readonly maxMessageLength: number;
  readonly maxCaptionLength: number;
  /**
   * Longest comment a declined suggested post carries to its author (Telegram: 128). A longer
   * rejection reason for such a post is refused, so the author never gets a cut one.
   */
  readonly maxDeclineCommentLength: number;
  /** How far ahead an approved suggested post may be scheduled. Default 2678400 s, Telegram's. */
  readonly maxScheduleAheadMs: number;
  /** Sliding-window limits per person and action; exceeding one earns a cooldown. */
  readonly rateLimits: Readonly<Record<LimitedAction, RateLimit>>;
  /** Cooldowns for repeated excess: first short, then longer. Default 1 min, 10 min, 1 h, 24 h. */
  readonly cooldownStepsMs: readonly number[];
  /** A cooldown level is forgiven per this long without a new excess. Default 24 h. */
  readonly cooldownDecayMs: number;
  /** First messages one person may receive in any 24 hours. Default 50. */
  readonly invitesPerRecipientPerDay: number;
  /** The same first-message text may go to this many ads in any 24 hours. Default 3. */
  readonly sameTextInvitesPerDay: number;
  /** Whether first messages may carry links and @mentions. Default false. */
  readonly firstMessageLinks: boolean;
  /** How long relayed messages are kept (summaries and refs). Default 30 days. */
  readonly historyRetentionMs: number;
  /** How many last messages of a chat a report carries as evidence. Default 10. */
  readonly reportEvidence: number;
  /**
   * How long a button works (its token may hold a message summary, a report reason or a draft).
   * An older press is refused and changes nothing; `maintain()` deletes tokens past it, or past
   * `historyRetentionMs` when that is shorter. Default 30 days.
   */
  readonly actionTokenTtlMs: number;
}

/** What people do that is rate-limited. */
export type LimitedAction = 'relay' | 'invite' | 'ad' | 'report';

/** At most `max` in any `windowMs`. */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const defaultPolicy: BoardPolicy = {
  invitesPerDay: 20,
  inviteTtlMs: 7 * 24 * 60 * 60 * 1000,
  maxInviteTextLength: 3500,
  maxAdTitleLength: 100,
  maxAdTextLength: 3000,
  claimLeaseMs: 10 * 60 * 1000,
  scoreTimeoutMs: 15_000,
  maxPostLength: 4096,
  maxMessageLength: 4096,
  maxCaptionLength: 1024,
  maxDeclineCommentLength: 128,
  maxScheduleAheadMs: 2_678_400_000,
  rateLimits: {
    relay: { max: 60, windowMs: MINUTE },
    invite: { max: 5, windowMs: 10 * MINUTE },
    ad: { max: 5, windowMs: HOUR },
    report: { max: 3, windowMs: HOUR },
  },
  cooldownStepsMs: [MINUTE, 10 * MINUTE, HOUR, DAY],
  cooldownDecayMs: DAY,
  invitesPerRecipientPerDay: 50,
  sameTextInvitesPerDay: 3,
  firstMessageLinks: false,
  historyRetentionMs: 30 * DAY,
  reportEvidence: 10,
  actionTokenTtlMs: 30 * DAY,
};

/**
 * A refusal that must still commit what it wrote (an escalated cooldown, a claimed update key):
 * return it from a unit of work and its error is thrown after the commit.
 */
export class Refusal {
  constructor(readonly error: AnonboardError) {}
}

/** What every service function works with. */
export interface BoardContext {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly texts: Texts;
  readonly policy: BoardPolicy;
  /** The embedding app's ad directory; the board's own ad table when undefined. */
  readonly directory: AdDirectory | undefined;
  /** The admins' IANA time zone, for times on cards. */
  readonly timeZone: string;
  /** Called after a transaction that wrote effects has committed (wakes the dispatcher). */
  readonly onEffects: () => void;
  /**
   * Called inside a transaction that wrote `count` effects, after writing them: the running
   * dispatcher leases what is due among them in that very transaction and returns what delivers
   * them once it commits (a relay then costs no transaction of the dispatcher's to find it).
   * Undefined when nothing was taken: `onEffects` wakes the dispatcher instead.
   */
  readonly handOff?: (
    tx: Repositories,
    now: number,
    count: number,
  ) => Promise<(() => void) | undefined>;
  /**
   * Called at the start of a unit of work's transaction: the running dispatcher records there the
   * deliveries it made since the last one, instead of a transaction of its own per delivery (a
   * relay then costs one transaction, not two). Told how the transaction ended. Undefined, not
   * a promise, when nothing waits (most transactions: no await spent on it).
   */
  readonly recordDeliveries?: (tx: Repositories) => Promise<HandOff | undefined> | undefined;
  /** Where the library reports what an operator may need to know. */
  readonly logger: Logger;
  /** Hears what happened, for metrics; never throws (see {@link observe}). */
  readonly telemetry: Telemetry;
}

/** What a transaction recorded for the dispatcher, told how that transaction ended. */
export interface HandOff {
  committed(): void;
  /** It rolled back (or runs again): what it recorded was not recorded after all. */
  rolledBack(): void;
}

/** Collects what a unit of work produces: effects for the outbox, and events for metrics. */
export interface Emit {
  (effects: readonly Effect[]): void;
  /** An event for metrics, told once the unit of work has committed (never when it rolls back). */
  note(event: TelemetryEvent): void;
}

/**
 * An {@link Emit} over two lists, for code that collects effects outside `unitOfWork`.
 *
 * ```ts
 * const effects: Effect[] = [];
 * await applyDecision(ctx, tx, collector(effects, []), item, event, null);
 * ```
 */
export function collector(effects: Effect[], notes: TelemetryEvent[]): Emit {
  return Object.assign((more: readonly Effect[]) => void effects.push(...more), {
    note: (event: TelemetryEvent) => void notes.push(event),
  });
}

/**
 * Tells `telemetry` about `event`, dropping what it throws: metrics never break the bot.
 *
 * ```ts
 * observe(ctx.telemetry, { type: 'relay' });
 * ```
 */
export function observe(telemetry: Telemetry, event: TelemetryEvent): void {
  try {
    telemetry(event);
  } catch {
    // A failing metrics sink must not fail a delivery or an update.
  }
}

/**
 * The one way services change state: inside a storage transaction, after claiming the update's
 * idempotency key (a replayed update throws `duplicate_update` and changes nothing), writing
 * every emitted effect to the outbox in the same transaction.
 */
export async function unitOfWork<T>(
  ctx: Pick<
    BoardContext,
    'storage' | 'clock' | 'onEffects' | 'handOff' | 'recordDeliveries' | 'telemetry'
  >,
  key: string | undefined,
  fn: (tx: Repositories, emit: Emit, now: number) => Promise<T>,
): Promise<Exclude<T, Refusal>> {
  const now = ctx.clock.now();
  let wrote = false;
  let notes: TelemetryEvent[] = [];
  let recorded: HandOff | undefined;
  let deliver: (() => void) | undefined;
  // A storage may run `fn` again (a serialization failure): the last run's record is void.
  const abandon = () => {
    recorded?.rolledBack();
    recorded = undefined;
  };
  let result: T;
  try {
    result = await ctx.storage.transaction(async (tx) => {
      abandon();
      deliver = undefined;
      // The claim's answer is awaited once `fn` is done, so that `fn`'s first reads travel with
      // the claim on a storage with round trips. A replay changes nothing all the same: it throws
      // `duplicate_update` (whatever `fn` did or threw), which rolls back whatever `fn` wrote.
      const replay =
        key === undefined
          ? undefined
          : tx.inbox.claim(key, now).then((fresh) =>
              fresh
                ? undefined
                : new AnonboardError('duplicate_update', `update ${key} was already processed`, {
                    key,
                  }),
            );
      replay?.catch(() => undefined);
      const recording = ctx.recordDeliveries?.(tx);
      if (recording !== undefined) recorded = await recording;
      const effects: Effect[] = [];
      // Only the last run's notes count.
      notes = [];
      let value: T;
      try {
        value = await fn(tx, collector(effects, notes), now);
      } catch (error) {
        throw (await replay) ?? error;
      }
      const replayed = await replay;
      if (replayed !== undefined) throw replayed;
      if (effects.length > 0) {
        await tx.outbox.add(
          effects.map((effect) => ({ lane: laneOf(effect), effect })),
          now,
        );
        wrote = true;
        deliver = await ctx.handOff?.(tx, now, effects.length);
      }
      return value;
    });
  } catch (error) {
    abandon();
    throw error;
  }
  for (const event of notes) observe(ctx.telemetry, event);
  recorded?.committed();
  if (deliver !== undefined) deliver();
  else if (wrote) ctx.onEffects();
  if (result instanceof Refusal) throw result.error;
  return result as Exclude<T, Refusal>;
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
