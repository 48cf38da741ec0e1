import type { MediaFile } from '../effects.js';
import type { ItemId, SourceId, UserId } from '../ids.js';
import type {
  DirectOffer,
  ItemOrigin,
  ItemReview,
  ItemScore,
  ModerationItem,
} from '../moderation/item.js';
import {
  enqueueItem,
  isNative,
  reopenCards,
  settingsOf,
} from '../moderation/moderation-service.js';
import { settleNatively } from '../moderation/native-decisions.js';
import type { Scorer } from '../ports/scorer.js';
import type { BoardContext } from '../shell/context.js';
import { unitOfWork } from '../shell/context.js';
import { contentHash } from './content-hash.js';
import type { MatcherCache } from './ingest-service.js';
import { scoreWithTimeout } from './score-with-timeout.js';
import type { IngestOutcome } from './source.js';

/**
 * How the channel's own direct messages feed the moderation queue: `queue` takes every suggested
 * post as it is (like a post suggested to the bot); `score` puts it through the rules of the
 * sources first (the subscriptions' keywords, the scorer, the thresholds). Plain messages (no
 * suggestion) are taken only with `plainMessages`.
 *
 * ```ts
 * const feed = createFeed({ storage, transport, directMessages: { mode: 'score' } });
 * ```
 */
export interface DirectMessagesOptions {
  /** Default `queue`. */
  readonly mode?: 'queue' | 'score';
  /** Take plain messages to the channel too (approving one publishes its text). Default false. */
  readonly plainMessages?: boolean;
}

/**
 * A message in the channel's own direct messages, as an adapter reports it: a suggested post
 * (with its offer) or a plain message. Nothing about its author: the platform tells them itself.
 *
 * ```ts
 * const message: DirectMessage = { chatRef: '-1001000000002', channelTitle: 'City news', messageId: 7, text: 'The bridge reopens', offer: { price: null, sendAt: null } };
 * ```
 */
export interface DirectMessage {
  /** The channel's direct messages chat (platform ref): decisions act there. */
  readonly chatRef: string;
  /** The channel's title, for cards. */
  readonly channelTitle: string;
  readonly messageId: number;
  /** Text or caption; may be empty for media without a caption. */
  readonly text: string;
  /** Media kind (`photo`, `video`, …), when not plain text. */
  readonly mediaKind?: string;
  /** The media's file (photo, video, animation, document, audio, voice): shown above the cards. */
  readonly files?: readonly MediaFile[];
  /** The suggestion's offer; null for a plain message. */
  readonly offer: DirectOffer | null;
}

/** What became of a direct message: an ingest outcome, or `ignored` (not taken at all). */
export interface DirectResult {
  readonly outcome: IngestOutcome | 'ignored';
  readonly itemId?: ItemId;
  readonly score?: ItemScore | null;
  readonly error?: string;
}

/**
 * Where a direct messages chat's messages are logged among ingested ones (dedup, the item of each
 * message, statistics). It is no watched source: the userbot never reads it.
 *
 * ```ts
 * directIngestId('-1001000000002'); // 'direct:-1001000000002'
 * ```
 */
export function directIngestId(chatRef: string): SourceId {
  return `direct:${chatRef}` as SourceId;
}

/** Whether a logged source id is a direct messages chat's (see {@link directIngestId}). */
export function isDirectIngestId(id: string): boolean {
  return id.startsWith('direct:');
}

/**
 * Takes a message of the channel's direct messages: a repeat of one already taken is a
 * `duplicate`; a plain message is `ignored` unless plain messages are taken; in `queue` mode it
 * becomes a moderation item at once; in `score` mode only what a subscription's keywords match
 * and the scorer puts at or above a threshold does (a scorer failure: manual review). What the
 * rules drop stays pending on the platform, where admins can still decide it.
 */
export async function ingestDirect(
  ctx: BoardContext,
  scorer: Scorer,
  cache: MatcherCache,
  options: DirectMessagesOptions,
  message: DirectMessage & { key?: string },
): Promise<DirectResult> {
  if (message.offer === null && options.plainMessages !== true) return { outcome: 'ignored' };
  if (message.text.trim() === '' && message.mediaKind === undefined) return { outcome: 'ignored' };
  const sourceId = directIngestId(message.chatRef);
  const origin: ItemOrigin = {
    kind: 'direct',
    channelTitle: message.channelTitle,
    chatRef: message.chatRef,
    messageId: message.messageId,
    offer: message.offer,
    mediaKind: message.mediaKind ?? null,
  };
  const enqueue = (
    tx: Parameters<Parameters<typeof unitOfWork>[2]>[0],
    emit: Parameters<Parameters<typeof unitOfWork>[2]>[1],
    now: number,
    score: ItemScore | null,
    interested: readonly UserId[],
    review?: ItemReview,
  ) =>
    enqueueItem(ctx, tx, emit, now, {
      origin,
      text: message.text,
      media:
        message.files === undefined || message.files.length === 0 ? null : { files: message.files },
      score,
      ...(review === undefined ? {} : { review }),
      interested,
    });

  // A person's post is no repost of a source's: only (chat, message id) deduplicates it.
  const claim = { sourceId, messageId: message.messageId, contentHash: '' };
  if (options.mode !== 'score') {
    return unitOfWork(ctx, message.key, async (tx, emit, now) => {
      if ((await tx.feed.ingest.claim({ ...claim, at: now })) !== 'new') {
        return { outcome: 'duplicate' } as DirectResult;
      }
      const item = await enqueue(tx, emit, now, null, []);
      await tx.feed.ingest.settle(sourceId, message.messageId, 'queued', item.id);
      return { outcome: 'queued', itemId: item.id } as DirectResult;
    });
  }

  const hash = contentHash(message.text);
  const first = await unitOfWork(ctx, message.key, async (tx, _emit, now) => {
    const feed = tx.feed;
    if ((await feed.ingest.claim({ ...claim, at: now })) !== 'new') {
      return { done: { outcome: 'duplicate' } as DirectResult };
    }
    const { matcher, thresholds } = await cache.get(feed);
    const interested = matcher.match(message.text, sourceId);
    if (interested.size === 0) {
      await feed.ingest.settle(sourceId, message.messageId, 'dropped_keywords', null);
      return { done: { outcome: 'dropped_keywords' } as DirectResult };
    }
    const settings = await settingsOf(feed);
    const limits = [...interested.keys()].map((id) => ({
      user: id as UserId,
      threshold: thresholds.get(id) ?? settings.defaultThreshold,
    }));
    return {
      limits,
      topic: settings.topic,
      cached: hash === '' ? undefined : await feed.scores.get(hash),
    };
  });
  if ('done' in first) return first.done;
  const { limits, topic, cached } = first;
  const scored =
    cached !== undefined
      ? { score: cached }
      : await scoreWithTimeout(
          scorer,
          message.text,
          { source: message.channelTitle, topic },
          ctx.policy.scoreTimeoutMs,
        );

  return unitOfWork(ctx, undefined, async (tx, emit, now) => {
    const feed = tx.feed;
    const score = scored.score;
    if (score !== null && cached === undefined && hash !== '')
      await feed.scores.put(hash, score, now);
    const passing = score === null ? limits : limits.filter((l) => score.value >= l.threshold);
    if (passing.length === 0) {
      await feed.ingest.settle(sourceId, message.messageId, 'dropped_score', null);
      return { outcome: 'dropped_score', score } as DirectResult;
    }
    const item = await enqueue(
      tx,
      emit,
      now,
      score,
      passing.map((l) => l.user),
      scored.score === null ? scored.review : undefined,
    );
    const outcome: IngestOutcome = score === null ? 'manual_review' : 'queued';
    await feed.ingest.settle(sourceId, message.messageId, outcome, item.id);
    return {
      outcome,
      itemId: item.id,
      score,
      ...('error' in scored ? { error: scored.error } : {}),
    } as DirectResult;
  });
}

/**
 * The author edited a message of the channel's direct messages (a pending suggestion's text,
 * caption, price or time): a waiting item takes the new text and offer, and every admin's card is
 * revised with fresh buttons (older buttons no longer approve a paid post at its old price).
 * Decided items stay as they were. Returns whether an item changed.
 */
export function ingestDirectEdit(
  ctx: BoardContext,
  edit: {
    chatRef: string;
    messageId: number;
    text: string;
    offer: DirectOffer | null;
    mediaKind?: string;
    key?: string;
  },
): Promise<boolean> {
  return unitOfWork(ctx, edit.key, async (tx, emit, now) => {
    const feed = tx.feed;
    const itemId = await feed.ingest.itemFor(directIngestId(edit.chatRef), edit.messageId);
    const item = itemId === undefined ? undefined : await feed.items.get(itemId);
    if (item === undefined || item.origin.kind !== 'direct') return false;
    if (item.status !== 'queued' && item.status !== 'claimed') return false;
    const next: ModerationItem = {
      ...item,
      text: edit.text,
      origin: {
        ...item.origin,
        // A suggestion stays one: an edit without an offer keeps the one it had.
        offer: edit.offer ?? item.origin.offer,
        mediaKind: edit.mediaKind ?? item.origin.mediaKind,
      },
      editedAt: now,
    };
    if (!(await feed.items.update(next, item.status))) return false;
    await reopenCards(ctx, tx, emit, next, now, (locale) =>
      ctx.texts.render('direct.edited', undefined, locale),
    );
    return true;
  });
}

/**
 * A suggested post was approved or declined in the platform's own UI (the platform's service
 * message): its item is settled and every admin's card revised. Returns the item as it is now,
 * or undefined when no item was queued for that post.
 */
export function directDecided(
  ctx: BoardContext,
  input: {
    chatRef: string;
    messageId: number;
    outcome: 'approved' | 'declined';
    comment?: string | null;
    key?: string;
  },
): Promise<ModerationItem | undefined> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const itemId = await tx.feed.ingest.itemFor(directIngestId(input.chatRef), input.messageId);
    const item = itemId === undefined ? undefined : await tx.feed.items.get(itemId);
    if (item === undefined || !isNative(item)) return undefined;
    return settleNatively(
      ctx,
      tx,
      emit,
      item,
      input.outcome === 'approved'
        ? { type: 'platformApproved', at: now }
        : { type: 'platformDeclined', at: now, comment: input.comment?.trim() || null },
    );
  });
}
