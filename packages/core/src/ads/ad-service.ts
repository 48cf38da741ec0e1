import { AnonboardError } from '../errors.js';
import type { AdId, UserId } from '../ids.js';
import { advance } from '../machine/machine.js';
import type { AdListing } from '../ports/ad-directory.js';
import type { AdQuery, Repositories } from '../ports/storage.js';
import { assertNotBanned, takeLimit } from '../safety/limits.js';
import { type BoardContext, checkText, found, type Refusal, unitOfWork } from '../shell/context.js';
import type { Ad } from './ad.js';
import { adMachine } from './ad-machine.js';

/** Publishes an ad by `author`. Title and text are trimmed and length-checked. */
export async function publishAd(
  ctx: BoardContext,
  input: { author: UserId; title: string; text?: string; key?: string },
): Promise<Ad> {
  const title = checkText(input.title, ctx.policy.maxAdTitleLength, 'title');
  const text =
    input.text === undefined || input.text.trim() === ''
      ? ''
      : checkText(input.text, ctx.policy.maxAdTextLength);
  return unitOfWork(ctx, input.key, async (tx, _emit, now): Promise<Ad | Refusal> => {
    found(await tx.users.get(input.author), 'user', input.author);
    await assertNotBanned(tx, input.author);
    const refused = await takeLimit(ctx, tx, input.author, 'ad', now);
    if (refused !== undefined) return refused;
    const ad: Ad = {
      id: ctx.ids.next('ad') as AdId,
      authorId: input.author,
      title,
      text,
      createdAt: now,
      status: 'open',
    };
    await tx.ads.insert(ad);
    return ad;
  });
}

/** Closes an ad; only its author may. New invites to it are refused; open chats go on. */
export function closeAd(
  ctx: BoardContext,
  input: { user: UserId; adId: AdId; key?: string },
): Promise<Ad> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const ad = found(await tx.ads.get(input.adId), 'ad', input.adId);
    const { state, effects } = advance(adMachine, ad, { type: 'close', by: input.user, at: now });
    if (!(await tx.ads.update(state, ad.status))) {
      throw new AnonboardError('invalid_state', 'the ad changed meanwhile');
    }
    emit(effects);
    return state;
  });
}

/** Lists ads, newest first (open ones unless `status` says otherwise). At most 100 a page. */
export async function listAds(ctx: BoardContext, query: Partial<AdQuery> = {}): Promise<Ad[]> {
  const limit = Math.min(Math.max(1, query.limit ?? 20), 100);
  const q: AdQuery = { status: 'open', ...query, limit };
  return ctx.storage.transaction((tx) => tx.ads.list(q));
}

/**
 * Finds an ad for the invite flow: through the embedding app's {@link AdDirectory} when one is
 * configured, otherwise in the board's own table, inside the caller's transaction.
 */
export async function findAd(
  ctx: BoardContext,
  tx: Repositories,
  id: AdId,
): Promise<AdListing | undefined> {
  if (ctx.directory !== undefined) return ctx.directory.find(id);
  const ad = await tx.ads.get(id);
  return ad && { id: ad.id, authorId: ad.authorId, title: ad.title, status: ad.status };
}
