import { AnonboardError } from '../errors.js';
import type { SourceId, UserId } from '../ids.js';
import { settingsOf } from '../moderation/moderation-service.js';
import type { BoardContext } from '../shell/context.js';
import { checkText, unitOfWork } from '../shell/context.js';
import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS } from './keywords.js';
import type { FeedSettings, Source, Subscription } from './source.js';

/** Changes the feed's settings (the operator's or an admin's call: the adapter checks who). */
export function configureFeed(
  ctx: BoardContext,
  patch: Partial<FeedSettings>,
): Promise<FeedSettings> {
  if (patch.defaultThreshold !== undefined) checkThreshold(patch.defaultThreshold);
  return unitOfWork(ctx, undefined, async (tx) => {
    const feed = tx.feed;
    const next = { ...(await settingsOf(feed)), ...patch };
    await feed.settings.put(next);
    return next;
  });
}

function checkThreshold(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new AnonboardError('invalid_input', `threshold ${value} is not between 0 and 1`, {
      reason: 'threshold must be 0..1',
    });
  }
  return value;
}

/** Adds a watched source (anyone may suggest one; it is watched at once). Idempotent by ref. */
export function addSource(
  ctx: BoardContext,
  input: { ref: string; title: string; link?: string | null; addedBy?: UserId | null },
): Promise<Source> {
  const ref = input.ref.trim();
  if (ref === '')
    throw new AnonboardError('invalid_input', 'a source needs a reference', {
      reason: 'empty source',
    });
  const title = checkText(input.title, 200, 'title');
  return unitOfWork(ctx, undefined, async (tx, _emit, now) =>
    tx.feed.sources.add({
      id: ctx.ids.next('source') as SourceId,
      ref,
      title,
      link: input.link ?? null,
      addedBy: input.addedBy ?? null,
      createdAt: now,
    }),
  );
}

/** Stops watching a source. */
export function removeSource(ctx: BoardContext, id: SourceId): Promise<boolean> {
  return unitOfWork(ctx, undefined, (tx) => tx.feed.sources.remove(id));
}

/** Every watched source. */
export function listSources(ctx: BoardContext): Promise<Source[]> {
  return ctx.storage.transaction((tx) => tx.feed.sources.list());
}

/**
 * Creates or changes a person's subscription: only the given fields change. Keywords (in the
 * form `parseKeywords` returns: exclusions start with `-`) are trimmed, empty ones dropped;
 * at most 100 of at most 100 characters each (plus an exclusion's minus).
 */
export function subscribe(
  ctx: BoardContext,
  input: {
    user: UserId;
    keywords?: readonly string[];
    sources?: readonly SourceId[];
    threshold?: number | null;
    key?: string;
  },
): Promise<Subscription> {
  const keywords = input.keywords?.map((k) => k.trim()).filter((k) => k !== '');
  if (
    keywords !== undefined &&
    (keywords.length > MAX_KEYWORDS || keywords.some((k) => k.length > MAX_KEYWORD_LENGTH + 1))
  ) {
    throw new AnonboardError('invalid_input', 'too many or too long keywords', {
      reason: `at most ${MAX_KEYWORDS} keywords of ${MAX_KEYWORD_LENGTH} characters`,
    });
  }
  if (input.threshold !== undefined && input.threshold !== null) checkThreshold(input.threshold);
  return unitOfWork(ctx, input.key, async (tx, _emit, now) => {
    const feed = tx.feed;
    for (const id of input.sources ?? []) {
      if ((await feed.sources.get(id)) === undefined)
        throw new AnonboardError('not_found', `source ${id} not found`, { what: 'source' });
    }
    const current = await feed.subscriptions.get(input.user);
    const next: Subscription = {
      userId: input.user,
      keywords: keywords ?? current?.keywords ?? [],
      sources: input.sources ?? current?.sources ?? [],
      threshold: input.threshold !== undefined ? input.threshold : (current?.threshold ?? null),
      updatedAt: now,
    };
    await feed.subscriptions.put(next);
    return next;
  });
}
