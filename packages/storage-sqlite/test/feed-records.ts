import type {
  FeedRepositories,
  ItemId,
  ModerationItem,
  Repositories,
  UserId,
} from '@anonboard/core';

/** A queued moderation item from a monitored source, with `over` applied. */
export function feedItem(id: string, over: Partial<ModerationItem> = {}): ModerationItem {
  return {
    id: id as ItemId,
    origin: { kind: 'monitored', sourceTitle: 'Городской чат', link: null },
    text: `text of ${id}`,
    media: null,
    score: { value: 0.9, reason: 'срочность', scorer: 'offline' },
    interested: ['u1' as UserId],
    createdAt: 100,
    status: 'queued',
    ...over,
  } as ModerationItem;
}

/** The feed repositories of `tx`; this storage always has them. */
export function feedOf(tx: Repositories): FeedRepositories {
  if (tx.feed === undefined) throw new Error('no feed repositories');
  return tx.feed;
}
