import type { BoardContext } from '../board/context.js';
import { unitOfWork } from '../board/context.js';
import type { ItemId, SourceId, UserId } from '../ids.js';
import type { ItemReview, ItemScore } from '../moderation/item.js';
import { enqueueItem, reviseItemText, settingsOf } from '../moderation/moderation-service.js';
import type { FeedRepositories } from '../ports/feed-storage.js';
import type { Scorer } from '../ports/scorer.js';
import { contentHash } from './content-hash.js';
import { compileMatcher, type KeywordMatcher } from './matcher.js';
import { scoreWithTimeout } from './score-with-timeout.js';
import type { IngestOutcome, SourceMessage, Subscription } from './source.js';

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

/** A message to ingest: from the userbot, or forwarded to the bot (by `forwardedBy`). */
export type IngestInput = SourceMessage & {
  via: 'userbot' | 'forward';
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
 * Ingests a message from a source (the userbot, or a message forwarded to the bot):
 * unwatched source → ends; seen (source, id) → `duplicate`; same content seen → `repost`;
 * no subscription's keywords match → `dropped_keywords`; scored once (cached by content hash,
 * outside any transaction) and compared with each interested subscription's threshold;
 * none passes → `dropped_score`; else ONE moderation item remembering who was interested.
 * A scorer failure or timeout queues it for manual review, "not scored".
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
    const { matcher, thresholds } = await cache.get(feed);
    const interested = matcher.match(message.text, source.id);
    if (interested.size === 0) {
      await feed.ingest.settle(source.id, message.messageId, 'dropped_keywords', null);
      return { done: { outcome: 'dropped_keywords' } as IngestResult };
    }
    const settings = await settingsOf(feed);
    const limits = [...interested.keys()].map((id) => ({
      user: id as UserId,
      threshold: thresholds.get(id) ?? settings.defaultThreshold,
    }));
    return {
      source,
      limits,
      topic: settings.topic,
      cached: hash === '' ? undefined : await feed.scores.get(hash),
    };
  });
  if ('done' in first) return first.done;
  const { source, limits, topic, cached } = first;

  const scored =
    cached !== undefined
      ? { score: cached }
      : await scoreWithTimeout(
          scorer,
          message.text,
          { source: source.title, topic },
          ctx.policy.scoreTimeoutMs,
        );

  return unitOfWork(ctx, undefined, async (tx, emit, now) => {
    const feed = tx.feed;
    const score = scored.score;
    if (score !== null && cached === undefined && hash !== '')
      await feed.scores.put(hash, score, now);
    const passing = score === null ? limits : limits.filter((l) => score.value >= l.threshold);
    if (passing.length === 0) {
      await feed.ingest.settle(source.id, message.messageId, 'dropped_score', null);
      return { outcome: 'dropped_score', score };
    }
    const link = message.link ?? source.link;
    const item = await enqueueItem(ctx, tx, emit, now, {
      origin:
        message.via === 'userbot'
          ? { kind: 'monitored', sourceTitle: source.title, link }
          : {
              kind: 'forwarded',
              sourceTitle: source.title,
              link,
              ...(message.forwardedBy === undefined ? {} : { forwardedBy: message.forwardedBy }),
            },
      text: message.text,
      score,
      ...(scored.score === null ? { review: scored.review } : {}),
      interested: passing.map((l) => l.user),
    });
    const outcome: IngestOutcome = score === null ? 'manual_review' : 'queued';
    await feed.ingest.settle(source.id as SourceId, message.messageId, outcome, item.id);
    return {
      outcome,
      itemId: item.id,
      score,
      ...(scored.score === null ? { review: scored.review, error: scored.error } : {}),
    };
  });
}

/**
 * A message already ingested was edited in its source: a waiting item takes the new text
 * (admins' cards are revised); otherwise nothing happens. Returns whether an item changed.
 */
export function ingestEdit(
  ctx: BoardContext,
  edit: { sourceRef: string; messageId: number; text: string; key?: string },
): Promise<boolean> {
  return unitOfWork(ctx, edit.key, async (tx, emit, now) => {
    const feed = tx.feed;
    const source = await feed.sources.getByRef(edit.sourceRef);
    if (source === undefined) return false;
    const itemId = await feed.ingest.itemFor(source.id, edit.messageId);
    if (itemId === undefined) return false;
    return reviseItemText(ctx, tx, emit, now, itemId, edit.text);
  });
}
