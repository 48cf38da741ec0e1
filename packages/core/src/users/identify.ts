import type { Locale, UserId } from '../ids.js';
import type { Repositories } from '../ports/storage.js';
import { restoreTombstone } from '../safety/tombstone.js';
import type { BoardContext } from '../shell/context.js';
import { unitOfWork } from '../shell/context.js';
import type { User } from './user.js';

/** Who someone is on the platform: the only identity core ever takes in. */
export interface PlatformIdentity {
  readonly platformId: string;
  readonly locale?: Locale;
}

/**
 * The person behind a platform id inside `tx`, created on first sight (with the blocks and ban
 * of a tombstone the account left when it forgot); a message from them proves them reachable
 * again, and their locale follows the platform's.
 */
export async function ensureUserIn(
  ctx: BoardContext,
  tx: Repositories,
  input: PlatformIdentity,
  now: number,
): Promise<User> {
  // Nearly every message comes from someone the board knows: one read, no new id drawn.
  const user =
    (await tx.users.getByPlatformId(input.platformId)) ?? (await createUserIn(ctx, tx, input, now));
  const patch = {
    ...(user.reachable ? {} : { reachable: true }),
    ...(input.locale !== undefined && input.locale !== user.locale ? { locale: input.locale } : {}),
  };
  if (Object.keys(patch).length === 0) return user;
  await tx.users.update(user.id, patch);
  return { ...user, ...patch };
}

/**
 * Stores someone new to the board (or returns whoever stored them meanwhile: another instance
 * may insert the same platform id first). Someone who forgot comes back blocked and banned as
 * they were.
 */
async function createUserIn(
  ctx: BoardContext,
  tx: Repositories,
  input: PlatformIdentity,
  now: number,
): Promise<User> {
  const id = ctx.ids.next('user') as UserId;
  const ensured = await tx.users.ensure({
    id,
    platformId: input.platformId,
    locale: input.locale ?? ctx.texts.defaultLocale,
    at: now,
  });
  return ensured.id === id ? restoreTombstone(tx, ensured) : ensured;
}

/** The person behind a platform id, created on first sight (see {@link ensureUserIn}). */
export function identifyUser(ctx: BoardContext, input: PlatformIdentity): Promise<User> {
  return unitOfWork(ctx, undefined, (tx, _emit, now) => ensureUserIn(ctx, tx, input, now));
}

/** A person the board knows, and whether they are inside one of its flows. */
export interface FoundUser {
  readonly user: User;
  /** They opened an ad (their next message is its first message) or have an active chat. */
  readonly engaged: boolean;
}

/**
 * The person behind a platform id and whether they are inside a board flow, or undefined for
 * someone the board never saw (or who was forgotten). Looks only: nobody is stored.
 */
export function findUser(
  ctx: BoardContext,
  identity: { readonly platformId: string },
): Promise<FoundUser | undefined> {
  return ctx.storage.transaction(async (tx) => {
    const user = await tx.users.getByPlatformId(identity.platformId);
    if (user === undefined) return undefined;
    const engaged = user.draftAdId !== null || (await tx.chats.listActiveFor(user.id)).length > 0;
    return { user, engaged };
  });
}
