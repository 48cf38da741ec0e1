import { createHmac, randomBytes } from 'node:crypto';
import type { UserId } from '../ids.js';
import type { ModerationItem } from '../moderation/item.js';
import type { Repositories } from '../ports/storage.js';
import type { User } from '../users/user.js';

/**
 * The keyed one-way name of a platform identity: HMAC-SHA256 under the installation's secret
 * (created on first use and stored with the data). Without the secret a Telegram id cannot be
 * tested against it; the id itself is never stored.
 */
export async function tombstoneKey(tx: Repositories, platformId: string): Promise<string> {
  const secret = await tx.tombstones.secret(randomBytes(32).toString('base64url'));
  return createHmac('sha256', secret).update(platformId).digest('base64url');
}

/**
 * Forgetting `user`: their blocks move to `ghost` (a fresh id no person has) and, when they had
 * any, were banned or are the subject of a report still waiting (`reported`, already pointed at
 * the ghost), a tombstone keyed by their platform identity remembers the ghost and the ban, so
 * the account comes back blocked by the same people and banned (see {@link restoreTombstone}).
 * Someone with none of these leaves nothing behind.
 */
export async function leaveTombstone(
  tx: Repositories,
  user: User,
  ghost: UserId,
  now: number,
  reported: boolean,
): Promise<void> {
  const key = await tombstoneKey(tx, user.platformId);
  // A tombstone left before (the account forgot, came back and forgot again) joins this one.
  const prior = await tx.tombstones.take(key);
  if (prior !== undefined) await tx.blocks.repoint(prior.ghost, ghost);
  const moved = await tx.blocks.repoint(user.id, ghost);
  const banned = user.banned || prior?.banned === true;
  if (moved === 0 && !banned && !reported && prior === undefined) return;
  await tx.tombstones.put({ key, ghost, banned, at: now });
}

/**
 * A person new to the board who was forgotten before: their blocks come back to them, reports
 * still waiting about them name them again (so a ban decided later reaches them), and their ban.
 * Returns the person as they now are.
 */
export async function restoreTombstone(tx: Repositories, user: User): Promise<User> {
  const tombstone = await tx.tombstones.take(await tombstoneKey(tx, user.platformId));
  if (tombstone === undefined) return user;
  await tx.blocks.repoint(tombstone.ghost, user.id);
  for (const item of await tx.feed.items.listReportsAbout(tombstone.ghost, 10_000)) {
    const next = renameReported(item, tombstone.ghost, user.id);
    if (next !== undefined) await tx.feed.items.update(next, item.status);
  }
  if (!tombstone.banned) return user;
  await tx.users.update(user.id, { banned: true });
  return { ...user, banned: true };
}

/** A waiting report about `from`, now about `to`; undefined for anything else. */
export function renameReported(
  item: ModerationItem,
  from: UserId,
  to: UserId,
): ModerationItem | undefined {
  if (item.origin.kind !== 'report' || item.origin.reported !== from) return undefined;
  if (item.status !== 'queued' && item.status !== 'claimed') return undefined;
  return { ...item, origin: { ...item.origin, reported: to } };
}
