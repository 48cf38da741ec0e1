import { AnonboardError } from '../errors.js';
import type { UserId } from '../ids.js';
import type { Cooldown } from '../ports/safety-storage.js';
import type { Repositories } from '../ports/storage.js';
import { type BoardContext, type LimitedAction, Refusal } from '../shell/context.js';

/**
 * Counts an action of `user` against its sliding-window limit. Within it: undefined. Past it, or
 * while a cooldown holds: a {@link Refusal} (return it from the unit of work, so the escalation
 * commits). Each excess raises the cooldown a step (1 min, 10 min, 1 h, 24 h by default); a
 * step is forgiven per `cooldownDecayMs` without excess.
 */
export async function takeLimit(
  ctx: BoardContext,
  tx: Repositories,
  user: UserId,
  action: LimitedAction,
  now: number,
  /** What the caller asked already ({@link askLimit}); by default the cooldown, then the take. */
  asked: AskedLimit = { key: limitKey(action, user), cooldown: readCooldown(tx, user, action) },
): Promise<Refusal | undefined> {
  const { key } = asked;
  const { cooldownStepsMs: steps, cooldownDecayMs: decay } = ctx.policy;
  const cooldown = await asked.cooldown;
  if (cooldown !== undefined && cooldown.until > now) {
    await giveBackLimit(tx, asked, now);
    return refusal(action, cooldown.until, cooldown.level);
  }
  const { max, windowMs } = ctx.policy.rateLimits[action];
  const taken = await (asked.take ?? tx.limits.take(key, now, windowMs, max));
  if (taken.allowed) return undefined;
  const forgiven = cooldown === undefined ? 0 : Math.floor((now - cooldown.lastViolation) / decay);
  const level = Math.min(Math.max(0, (cooldown?.level ?? 0) - forgiven) + 1, steps.length);
  const step = steps[level - 1] ?? 0;
  const until = Math.max(now + step, (taken.oldest ?? now) + windowMs);
  await tx.limits.setCooldown(key, { level, until, lastViolation: now });
  return refusal(action, until, level);
}

/** What {@link takeLimit} reads and writes, asked before it runs ({@link askLimit}). */
export interface AskedLimit {
  readonly key: string;
  readonly cooldown: Promise<Cooldown | undefined>;
  /** The take itself, asked before knowing it counts; given back when it does not. */
  readonly take?: Promise<{ allowed: boolean; oldest: number | null }>;
}

/**
 * Asks for what {@link takeLimit} needs of `user`'s `action`: the cooldown and, on a storage that
 * can give a take back, the take too. Asked together with other reads, they share their round trip
 * on a storage that has them (a relay: one round trip for the reads and the take, one for the
 * writes and the commit). A caller that does not reach `takeLimit` (the message was a first
 * message, not a relay) calls {@link giveBackLimit}: a take asked ahead counts only when the
 * domain says it does, so the rules are the same on every storage.
 */
export function askLimit(
  ctx: BoardContext,
  tx: Repositories,
  user: UserId,
  action: LimitedAction,
  now: number,
): AskedLimit {
  const key = limitKey(action, user);
  const cooldown = readCooldown(tx, user, action);
  cooldown.catch(() => undefined);
  if (tx.limits.takeBack === undefined) return { key, cooldown };
  const { max, windowMs } = ctx.policy.rateLimits[action];
  const take = tx.limits.take(key, now, windowMs, max);
  take.catch(() => undefined);
  return { key, cooldown, take };
}

/** Gives back a take {@link askLimit} asked ahead that does not count (when it was allowed). */
export async function giveBackLimit(
  tx: Repositories,
  asked: AskedLimit,
  now: number,
): Promise<void> {
  if (asked.take === undefined || !(await asked.take).allowed) return;
  await tx.limits.takeBack?.(asked.key, now);
}

/**
 * Asks for the cooldown of `user`'s `action`, for {@link takeLimit}: asked together with other
 * reads, it shares their round trip on a storage that has them.
 */
export function readCooldown(
  tx: Repositories,
  user: UserId,
  action: LimitedAction,
): Promise<Cooldown | undefined> {
  return tx.limits.getCooldown(limitKey(action, user));
}

function limitKey(action: LimitedAction, user: UserId): string {
  return `${action}:${user}`;
}

function refusal(action: LimitedAction, retryAt: number, level: number): Refusal {
  return new Refusal(
    new AnonboardError('rate_limited', `too many ${action} actions`, { action, retryAt, level }),
  );
}

/** Throws `banned` when the person was banned from the board. */
export async function assertNotBanned(tx: Repositories, user: UserId): Promise<void> {
  if ((await tx.users.get(user))?.banned === true) {
    throw new AnonboardError('banned', 'banned from the board');
  }
}

const LINK = /(https?:\/\/|www\.|\bt\.me\/|\btelegram\.me\/|(^|[^\w])@[a-z0-9_]{4,})/i;

/**
 * The text of a message summary: the summary itself, or '' for a media placeholder in square
 * brackets (`[фото]`, `[voice]`), which says what kind of message it was, not what it said.
 */
export function textOf(summary: string | undefined): string {
  const trimmed = summary?.trim() ?? '';
  return /^\[[^\]\n]{1,40}\]$/.test(trimmed) ? '' : trimmed;
}

/** True when text carries a link or an @mention. */
export function hasLink(text: string): boolean {
  return LINK.test(text);
}

/**
 * True when text carries a Telegram app link (`tg://…`): in a first message any of them, since
 * `tg://user?id=` opens a person's profile and the others open chats much like an @mention.
 * Adapters write the address behind a formatted link, and behind a mention of a person by name
 * (Telegram's `text_mention`: `tg://user?id=<id>`), into the summary, so this sees them too.
 */
export function hasTelegramLink(text: string): boolean {
  return /tg:\/\//i.test(text);
}

/** True when text carries a link that opens a person's Telegram profile (`tg://user?id=`, …). */
export function hasProfileLink(text: string): boolean {
  return /tg:\/\/(user|openmessage)\?/i.test(text);
}

/**
 * Throws `profile_link` when a relayed (or edited) message would hand the other side a link to a
 * person's profile: a relay is a copy, and a copy keeps its mentions clickable.
 */
export function refuseProfileLink(summary: string): void {
  if (hasProfileLink(summary)) {
    throw new AnonboardError('profile_link', 'a message may not link a Telegram profile');
  }
}
