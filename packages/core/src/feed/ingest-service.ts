import type { MediaFile } from '../effects.js';
import type { ItemId, UserId } from '../ids.js';
import type { ItemReview, ItemScore, ModerationItem } from '../moderation/item.js';
import { enqueueItem, reviseItem, settingsOf } from '../moderation/moderation-service.js';
import type { FeedRepositories } from '../ports/feed-storage.js';
import type { Scorer } from '../ports/scorer.js';
import type { BoardContext } from '../shell/context.js';
import { unitOfWork } from '../shell/context.js';
import { contentHash } from './content-hash.js';
import { compileMatcher, type KeywordMatcher } from './matcher.js';
import { notScored, type ScoreAttempt, scoreWithTimeout } from './score-with-timeout.js';
import type { IngestOutcome, Source, SourceMessage, Subscription } from './source.js';

/** What became of an ingested message. */
export interface IngestResult {
  readonly outcome: IngestOutcome;
  /** The queued item (outcomes `queued` and `manual_review`). */
  readonly itemId?: ItemId;
  /** The score, when the scorer was asked (null: it failed; see `review`). */
  readonly score?: ItemScore | null;
  /** Why there is no score (manual review): the reason and the scorer's error. */
  readonly review?: ItemReview;
  /** The scorer's error, when it failed (the same as `review.error`). */
  readonly error?: string;
}

/**
 * A message to ingest: seen by the userbot, posted in a source channel the bot administers
 * (`channel`), or forwarded to the bot (by `forwardedBy`).
 */
export type IngestInput = SourceMessage & {
  via: 'userbot' | 'channel' | 'forward';
  /** Who forwarded it: told what becomes of it, like a suggester. */
  forwardedBy?: UserId;
  key?: string;
};

/** The compiled matcher of all subscriptions, rebuilt when their version changes. */
export class MatcherCache {
  private version = -1;
  private matcher: KeywordMatcher = compileMatcher([]);
  private thresholds = new Map<string, number | null>();

  async get(
    feed: FeedRepositories,
  ): Promise<{ matcher: KeywordMatcher; thresholds: Map<string, number | null> }> {
    const version = await feed.subscriptions.version();
    if (version !== this.version) {
      const subscriptions: Subscription[] = await feed.subscriptions.list();
      this.matcher = compileMatcher(
        subscriptions.map((s) => ({ id: s.userId, keywords: s.keywords, sources: s.sources })),
      );
      this.thresholds = new Map(subscriptions.map((s) => [s.userId, s.threshold]));
      this.version = version;
    }
    return { matcher: this.matcher, thresholds: this.thresholds };
  }
}

/**
 * Ingests a message from a source (the userbot, a channel the bot administers, or a message
 * forwarded to the bot): unwatched source → ends; seen (source, id) → `duplicate`; same content
 * seen → `repost`; no subscription's keywords match → `dropped_keywords`; scored once (cached by
 * content hash, outside any transaction) and compared with each interested subscription's
 * threshold; none passes → `dropped_score`; else ONE moderation item remembering who was
 * interested. A scorer failure or timeout queues it for manual review, "not scored".
 */
export async function ingestMessage(
  ctx: BoardContext,
  scorer: Scorer,
  cache: MatcherCache,
  message: IngestInput,
): Promise<IngestResult> {
  const hash = contentHash(message.text);
  const first = await unitOfWork(ctx, message.key, async (tx, _emit, now) => {
    const feed = tx.feed;
    const source = await feed.sources.getByRef(message.sourceRef);
    if (source === undefined) return { done: { outcome: 'unwatched' } as IngestResult };
    const seen = await feed.ingest.claim({
      sourceId: source.id,
      messageId: message.messageId,
      contentHash: hash,
      at: now,
    });
    if (seen !== 'new') return { done: { outcome: seen } as IngestResult };
    const assessed = await assess(feed, cache, source, message.text);
    if (assessed === undefined) {
      await feed.ingest.settle(source.id, message.messageId, 'dropped_keywords', null);
      return { done: { outcome: 'dropped_keywords' } as IngestResult };
    }
    return { assessed };
  });
  if ('done' in first) return first.done;
  const { assessed } = first;
  // Media without a caption has nothing to score: admins look at it themselves.
  const scored =
    message.text.trim() === '' && (message.media !== undefined || message.files !== undefined)
      ? notScored('no_text', 'media without a caption')
      : await scoreOf(ctx, scorer, assessed, message.text);

  return unitOfWork(ctx, undefined, async (tx, emit, now) => {
    const passing = await passingOf(tx.feed, assessed, scored, now);
    const { source } = assessed;
    if (passing.length === 0) {
      await tx.feed.ingest.settle(source.id, message.messageId, 'dropped_score', null);
      return { outcome: 'dropped_score', score: scored.score };
    }
    const link = message.link ?? source.link;
    const item = await enqueueItem(ctx, tx, emit, now, {
      origin:
        message.via === 'forward'
          ? {
              kind: 'forwarded',
              sourceTitle: source.title,
              link,
              ...(message.forwardedBy === undefined ? {} : { forwardedBy: message.forwardedBy }),
            }
          : { kind: 'monitored', sourceTitle: source.title, link },
      text: message.text,
      media:
        message.files === undefined || message.files.length === 0 ? null : { files: message.files },
      score: scored.score,
      ...(scored.score === null ? { review: scored.review } : {}),
      interested: passing,
    });
    const outcome: IngestOutcome = scored.score === null ? 'manual_review' : 'queued';
    await tx.feed.ingest.settle(source.id, message.messageId, outcome, item.id);
    return {
      outcome,
      itemId: item.id,
      score: scored.score,
      ...(scored.score === null ? { review: scored.review, error: scored.error } : {}),
    };
  });
}

/** An edit of a source message, as an adapter reports it. */
export interface SourceEdit {
  readonly sourceRef: string;
  readonly messageId: number;
  /** The new text or caption. */
  readonly text: string;
  /** The message's media files (see {@link SourceMessage.files}): an item it now becomes carries them. */
  readonly files?: readonly MediaFile[];
  readonly key?: string;
}

/**
 * A message of a watched source was edited: the matcher and the scorer run again on the new text.
 * A waiting item takes the new text and score (and its review, when the scorer failed); its
 * interested people become those whose subscriptions match and pass now; every admin's card is
 * revised with fresh buttons and shows that it was edited. A message dropped before (by keywords,
 * by score, as a repost) becomes an item when the new text passes; a message the feed never saw
 * is ingested as new. An edit never withdraws a waiting item (admins decide on what they see), and
 * decided items stay as they were: a published post is not edited in the channel, a rejection
 * stands. Returns whether an item was revised or queued.
 */
export async function ingestEdit(
  ctx: BoardContext,
  scorer: Scorer,
  cache: MatcherCache,
  edit: SourceEdit,
): Promise<boolean> {
  const first = await unitOfWork(ctx, edit.key, async (tx, _emit, now) => {
    const feed = tx.feed;
    const source = await feed.sources.getByRef(edit.sourceRef);
    if (source === undefined) return undefined;
    const itemId = await feed.ingest.itemFor(source.id, edit.messageId);
    if (itemId !== undefined) {
      const item = await feed.items.get(itemId);
      if (item === undefined || !isOpen(item)) return undefined;
      const assessed = await assess(feed, cache, source, edit.text);
      // No subscription matches any more: it is still scored, for the admins who saw it.
      return { itemId, assessed: assessed ?? (await unmatched(feed, source)) };
    }
    // Seen and dropped (or never seen): it is judged again as a new message would be.
    const seen = await feed.ingest.claim({
      sourceId: source.id,
      messageId: edit.messageId,
      contentHash: contentHash(edit.text),
      at: now,
    });
    if (seen === 'repost') return undefined;
    const assessed = await assess(feed, cache, source, edit.text);
    if (assessed === undefined) {
      await feed.ingest.settle(source.id, edit.messageId, 'dropped_keywords', null);
      return undefined;
    }
    return { itemId: undefined, assessed };
  });
  if (first === undefined) return false;
  const { itemId, assessed } = first;
  const scored = await scoreOf(ctx, scorer, assessed, edit.text);

  return unitOfWork(ctx, undefined, async (tx, emit, now) => {
    const passing = await passingOf(tx.feed, assessed, scored, now);
    const review = scored.score === null ? { review: scored.review } : {};
    if (itemId !== undefined) {
      return reviseItem(ctx, tx, emit, now, itemId, {
        text: edit.text,
        score: scored.score,
        ...review,
        interested: passing,
      });
    }
    const { source } = assessed;
    if (passing.length === 0) {
      await tx.feed.ingest.settle(source.id, edit.messageId, 'dropped_score', null);
      return false;
    }
    const item = await enqueueItem(ctx, tx, emit, now, {
      origin: { kind: 'monitored', sourceTitle: source.title, link: source.link },
      text: edit.text,
      media: edit.files === undefined || edit.files.length === 0 ? null : { files: edit.files },
      score: scored.score,
      ...review,
      interested: passing,
      editedAt: now,
    });
    const outcome: IngestOutcome = scored.score === null ? 'manual_review' : 'queued';
    await tx.feed.ingest.settle(source.id, edit.messageId, outcome, item.id);
    return true;
  });
}

// --- Internal helpers ---

/** A message judged by the matcher: who is interested, with which thresholds, and any cached score. */
interface Assessed {
  readonly source: Source;
  readonly limits: readonly { readonly user: UserId; readonly threshold: number }[];
  readonly topic: string;
  readonly hash: string;
  readonly cached: ItemScore | undefined;
}

/** Runs the matcher on a message's text inside the transaction: undefined when nobody matches. */
async function assess(
  feed: FeedRepositories,
  cache: MatcherCache,
  source: Source,
  text: string,
): Promise<Assessed | undefined> {
  const { matcher, thresholds } = await cache.get(feed);
  const interested = matcher.match(text, source.id);
  if (interested.size === 0) return undefined;
  const settings = await settingsOf(feed);
  const hash = contentHash(text);
  return {
    source,
    limits: [...interested.keys()].map((id) => ({
      user: id as UserId,
      threshold: thresholds.get(id) ?? settings.defaultThreshold,
    })),
    topic: settings.topic,
    hash,
    cached: hash === '' ? undefined : await feed.scores.get(hash),
  };
}

/** An item's source with nobody interested: scored all the same. */
async function unmatched(feed: FeedRepositories, source: Source): Promise<Assessed> {
  return { source, limits: [], topic: (await settingsOf(feed)).topic, hash: '', cached: undefined };
}

/** The cached score, or the scorer's (outside any transaction: it may take seconds). */
function scoreOf(
  ctx: BoardContext,
  scorer: Scorer,
  assessed: Assessed,
  text: string,
): Promise<ScoreAttempt> {
  if (assessed.cached !== undefined) return Promise.resolve({ score: assessed.cached });
  return scoreWithTimeout(
    scorer,
    text,
    { source: assessed.source.title, topic: assessed.topic },
    ctx.policy.scoreTimeoutMs,
  );
}

/**
 * Caches a fresh score by content hash and returns the interested people whose threshold it
 * passes (everyone interested when there is no score: manual review).
 */
async function passingOf(
  feed: FeedRepositories,
  assessed: Assessed,
  scored: ScoreAttempt,
  now: number,
): Promise<UserId[]> {
  const score = scored.score;
  if (score !== null && assessed.cached === undefined && assessed.hash !== '')
    await feed.scores.put(assessed.hash, score, now);
  const passing =
    score === null ? assessed.limits : assessed.limits.filter((l) => score.value >= l.threshold);
  return passing.map((l) => l.user);
}

function isOpen(item: ModerationItem): boolean {
  return item.status === 'queued' || item.status === 'claimed';
}
