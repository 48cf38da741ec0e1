import { createHmac, randomBytes } from 'node:crypto';
import type { BoardContext } from '../board/context.js';
import type { UserId } from '../ids.js';
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
 * Forgetting `user`: their blocks move to a fresh ghost id and, when they had any or were
 * banned, a tombstone keyed by their platform identity remembers the ghost and the ban, so the
 * account comes back blocked by the same people and banned (see {@link restoreTombstone}).
 * Someone neither blocked nor banned leaves nothing behind.
 */
export async function leaveTombstone(
  ctx: BoardContext,
  tx: Repositories,
  user: User,
  now: number,
): Promise<void> {
  const ghost = ctx.ids.next('user') as UserId;
  const key = await tombstoneKey(tx, user.platformId);
  // A tombstone left before (the account forgot, came back and forgot again) joins this one.
  const prior = await tx.tombstones.take(key);
  if (prior !== undefined) await tx.blocks.repoint(prior.ghost, ghost);
  const moved = await tx.blocks.repoint(user.id, ghost);
  const banned = user.banned || prior?.banned === true;
  if (moved === 0 && !banned && prior === undefined) return;
  await tx.tombstones.put({ key, ghost, banned, at: now });
}

/**
 * A person new to the board who was forgotten before: their blocks come back to them, and their
 * ban. Returns the person as they now are.
 */
export async function restoreTombstone(tx: Repositories, user: User): Promise<User> {
  const tombstone = await tx.tombstones.take(await tombstoneKey(tx, user.platformId));
  if (tombstone === undefined) return user;
  await tx.blocks.repoint(tombstone.ghost, user.id);
  if (!tombstone.banned) return user;
  await tx.users.update(user.id, { banned: true });
  return { ...user, banned: true };
}
