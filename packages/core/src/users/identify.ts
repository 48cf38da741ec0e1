import type { BoardContext } from '../board/context.js';
import { unitOfWork } from '../board/context.js';
import type { Locale, UserId } from '../ids.js';
import type { User } from './user.js';

/** The person behind a platform id, created on first sight; a message from them proves them reachable again. */
export function identifyUser(
  ctx: BoardContext,
  input: { platformId: string; locale?: Locale },
): Promise<User> {
  return unitOfWork(ctx, undefined, async (tx, _emit, now) => {
    const user = await tx.users.ensure({
      id: ctx.ids.next('user') as UserId,
      platformId: input.platformId,
      locale: input.locale ?? ctx.texts.defaultLocale,
      at: now,
    });
    const patch = {
      ...(user.reachable ? {} : { reachable: true }),
      ...(input.locale !== undefined && input.locale !== user.locale
        ? { locale: input.locale }
        : {}),
    };
    if (Object.keys(patch).length === 0) return user;
    await tx.users.update(user.id, patch);
    return { ...user, ...patch };
  });
}
