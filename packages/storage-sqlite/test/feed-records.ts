import type {
  ChatId,
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

/** A queued report about chat `c1`: u2 reports u1, with two lines of evidence. */
export function reportItem(id: string): ModerationItem {
  return {
    id: id as ItemId,
    origin: {
      kind: 'report',
      chatId: 'c1' as ChatId,
      chatLabel: 'Гараж',
      reporter: 'u2' as UserId,
      reported: 'u1' as UserId,
      evidence: [
        { side: 'reporter', summary: 'Сколько?', at: 40 },
        { side: 'reported', summary: '[фото]', at: 41 },
      ],
    },
    text: 'грубит',
    media: null,
    score: null,
    interested: [],
    createdAt: 55,
    status: 'queued',
  };
}
