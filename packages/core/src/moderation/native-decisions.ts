import type { Effect } from '../effects.js';
import type { Repositories } from '../ports/storage.js';
import type { BoardContext, Emit } from '../shell/context.js';
import { collector } from '../shell/context.js';
import { shortenText } from '../texts/fit.js';
import type { ModerationEvent, ModerationItem } from './item.js';
import { applyDecision, isNative, reopenCards } from './moderation-service.js';

/** Longest platform error shown on a reopened card. */
const MAX_ERROR_ON_CARD = 200;

/**
 * A decision about a suggested post made in the platform's own UI (the platform's service
 * message): the item takes it, whatever it was, and every admin's card is revised. A decision it
 * already shows changes nothing. Returns the item as it is now, or undefined when it is no
 * suggested post of the channel's direct messages.
 *
 * ```ts
 * await settleNatively(ctx, tx, emit, now, item, { type: 'platformDeclined', at: now, comment: 'Off topic' });
 * ```
 */
export async function settleNatively(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  item: ModerationItem,
  event: Extract<ModerationEvent, { type: 'platformApproved' | 'platformDeclined' }>,
): Promise<ModerationItem | undefined> {
  if (!isNative(item)) return undefined;
  const already =
    event.type === 'platformApproved' ? item.status === 'published' : item.status === 'rejected';
  if (already) return item;
  // A published post stays published: the platform does not decline what it published.
  if (item.status === 'published' || item.status === 'resolved') return item;
  return applyDecision(ctx, tx, emit, item, event, null);
}

/**
 * The platform refused the bot's native decision for good (the post was decided meanwhile in its
 * UI, the bot lacks a right, the proposed time is long gone): unless the platform's own decision
 * settled the item meanwhile, it waits again and every admin's card says why, with fresh buttons.
 * Runs in the dispatcher's settling transaction; returns the effects to deliver.
 */
export async function nativeDecisionRefused(
  ctx: BoardContext,
  tx: Repositories,
  effect: Extract<Effect, { type: 'approveSuggestion' | 'declineSuggestion' }>,
  error: string,
  now: number,
): Promise<Effect[]> {
  const item = await tx.feed.items.get(effect.itemId);
  const expected = effect.type === 'approveSuggestion' ? 'approved' : 'rejected';
  if (item === undefined || item.status !== expected) return [];
  const effects: Effect[] = [];
  const emit = collector(effects, []);
  const reopened = await applyDecision(
    ctx,
    tx,
    emit,
    item,
    { type: 'refused', at: now, error },
    null,
  );
  const shown = shortenText(error, MAX_ERROR_ON_CARD);
  await reopenCards(ctx, tx, emit, reopened, now, (locale) =>
    ctx.texts.render('direct.refused', { error: shown }, locale),
  );
  ctx.logger.warn('the platform refused a decision about a suggested post: it waits again', {
    item: item.id,
    effect: effect.type,
    error: shown,
  });
  return effects;
}
