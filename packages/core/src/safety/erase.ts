import type { Effect } from '../effects.js';
import type { ItemId, UserId } from '../ids.js';
import type { ModerationItem } from '../moderation/item.js';
import { reopenCards, reviseCards } from '../moderation/moderation-service.js';
import type { Repositories } from '../ports/storage.js';
import type { BoardContext, Emit } from '../shell/context.js';
import { renameReported } from './tombstone.js';

/**
 * Forgetting a person, beyond their history: what else holds their words goes too. Their buttons
 * (a chooser's message summaries, a report reason, a suggestion's draft), the undelivered or dead
 * deliveries to them or carrying their words (the outbox), and their ads (all closed by now: the
 * Mini App would still serve them). A report they made or were the subject of keeps its place in
 * the queue, with its reason and their lines of evidence replaced by a neutral placeholder, and
 * every admin's card of it revised; one still waiting about them names `ghost` instead (their
 * tombstone's), so a ban decided later waits for the account's return. Returns how many reports
 * still waiting were about them.
 */
export async function eraseWordsOf(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  ghost: UserId,
): Promise<number> {
  await tx.tokens.deleteFor(user);
  const { changed, waiting } = await scrubReportsAbout(ctx, tx, emit, now, user, ghost);
  await removeDeliveries(tx, (entry) => carries(entry.effect, user, changed));
  await tx.ads.deleteBy(user);
  return waiting;
}

/**
 * Retention: deletes deliveries written before `before`, delivered or not (a dead letter keeps
 * its text; a delivery that old is stale). Returns how many.
 */
export function purgeDeliveriesBefore(tx: Repositories, before: number): Promise<number> {
  return removeDeliveries(tx, (entry) => entry.createdAt < before, before);
}

// --- Internal helpers ---

/** Replaces the forgotten person's words in reports about them; returns the items changed. */
async function scrubReportsAbout(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  ghost: UserId,
): Promise<{ changed: Set<ItemId>; waiting: number }> {
  const placeholder = ctx.texts.render('forget.placeholder', undefined, ctx.texts.defaultLocale);
  const changed = new Set<ItemId>();
  let waiting = 0;
  for (const item of await tx.feed.items.listReportsAbout(user, 10_000)) {
    if (item.origin.kind !== 'report') continue;
    const side = item.origin.reporter === user ? 'reporter' : 'reported';
    // The reason is the reporter's, but it is about the reported side: it may quote either.
    const scrubbed: ModerationItem = {
      ...item,
      text: placeholder,
      origin: {
        ...item.origin,
        evidence: item.origin.evidence.map((line) =>
          line.side === side ? { ...line, summary: placeholder } : line,
        ),
      },
    };
    const next = renameReported(scrubbed, user, ghost) ?? scrubbed;
    if (!(await tx.feed.items.update(next, item.status))) continue;
    if (next !== scrubbed) waiting++;
    changed.add(item.id);
    if (next.status === 'queued' || next.status === 'claimed')
      await reopenCards(ctx, tx, emit, next, now);
    else emit(await reviseCards(ctx, tx, next, now));
  }
  return { changed, waiting };
}

/** Whether a delivery is for the person, or carries their words (or a report quoting them). */
function carries(effect: Effect, user: UserId, reports: ReadonlySet<ItemId>): boolean {
  if ('to' in effect && effect.to === user) return true;
  switch (effect.type) {
    case 'copy':
      return effect.from === user;
    case 'edit':
      return effect.author === user;
    case 'notify':
      return effect.author === user || (effect.card !== undefined && reports.has(effect.card));
    default:
      return false;
  }
}

/**
 * Removes the outbox entries `drop` picks, in pages, through `complete` (which keeps each lane's
 * order). With `until`, stops at the first entry written at or after it (ids follow time).
 */
async function removeDeliveries(
  tx: Repositories,
  drop: (entry: { effect: Effect; createdAt: number }) => boolean,
  until?: number,
): Promise<number> {
  let removed = 0;
  for (let after = 0; ; ) {
    const page = await tx.outbox.list(after, 500);
    for (const entry of page) {
      if (until !== undefined && entry.createdAt >= until) return removed;
      if (!drop(entry)) continue;
      await tx.outbox.complete(entry.id);
      removed++;
    }
    const last = page.at(-1);
    if (last === undefined || page.length < 500) return removed;
    after = last.id;
  }
}
