import { expect, it } from 'vitest';
import type { IngestOutcome } from '../feed/source.js';
import type { ItemId, SourceId, UserId } from '../ids.js';
import type { ModerationItem } from '../moderation/item.js';
import type { FeedRepositories } from '../ports/feed-storage.js';
import type { Repositories, Storage } from '../ports/storage.js';

const u = (s: string) => s as UserId;

/** A valid moderation item for storage tests. */
export function item(id: string, over: Partial<ModerationItem> = {}): ModerationItem {
  return {
    id: id as ItemId,
    origin: { kind: 'monitored', sourceTitle: 'Городской чат', link: null },
    text: `text of ${id}`,
    media: null,
    score: { value: 0.9, reason: 'срочность', scorer: 'offline' },
    interested: [u('u1'), u('u2')],
    createdAt: 100,
    status: 'queued',
    ...over,
  } as ModerationItem;
}

/** The feed part of the storage contract; `storageContract` runs it. */
export function feedContract(get: () => Storage): void {
  const tx = <T>(fn: (f: FeedRepositories, r: Repositories) => Promise<T>) =>
    get().transaction((r) => fn(r.feed, r));

  it('sources: add is idempotent by ref; get, list and remove', async () => {
    const source = {
      id: 's1' as SourceId,
      ref: '-1001',
      title: 'Чат',
      link: 'https://t.me/c',
      addedBy: u('u1'),
      createdAt: 5,
    };
    expect(await tx((f) => f.sources.add(source))).toEqual(source);
    expect(
      await tx((f) => f.sources.add({ ...source, id: 's2' as SourceId, title: 'Другое' })),
    ).toEqual(source);
    expect(await tx((f) => f.sources.getByRef('-1001'))).toEqual(source);
    expect(await tx((f) => f.sources.get('s2' as SourceId))).toBeUndefined();
    await tx((f) =>
      f.sources.add({ ...source, id: 's3' as SourceId, ref: '@news', link: null, addedBy: null }),
    );
    expect((await tx((f) => f.sources.list())).map((s) => s.id).sort()).toEqual(['s1', 's3']);
    expect(await tx((f) => f.sources.remove('s1' as SourceId))).toBe(true);
    expect(await tx((f) => f.sources.remove('s1' as SourceId))).toBe(false);
    expect(await tx((f) => f.sources.getByRef('-1001'))).toBeUndefined();
  });

  it('subscriptions: one per person, round-trip, and a version that grows on every change', async () => {
    const v0 = await tx((f) => f.subscriptions.version());
    const sub = {
      userId: u('u1'),
      sources: ['s1' as SourceId],
      keywords: ['собрание', 'общее собрание'],
      threshold: 0.7,
      updatedAt: 3,
    };
    await tx((f) => f.subscriptions.put(sub));
    const v1 = await tx((f) => f.subscriptions.version());
    expect(v1).toBeGreaterThan(v0);
    await tx((f) => f.subscriptions.put({ ...sub, threshold: null, keywords: [] }));
    expect(await tx((f) => f.subscriptions.version())).toBeGreaterThan(v1);
    expect(await tx((f) => f.subscriptions.get(u('u1')))).toEqual({
      ...sub,
      threshold: null,
      keywords: [],
    });
    await tx((f) => f.subscriptions.put({ ...sub, userId: u('u2') }));
    expect((await tx((f) => f.subscriptions.list())).map((s) => s.userId).sort()).toEqual([
      'u1',
      'u2',
    ]);
  });

  it('settings: a single row', async () => {
    expect(await tx((f) => f.settings.get())).toBeUndefined();
    const settings = {
      channel: '@news',
      admins: [u('a1'), u('a2')],
      defaultThreshold: 0.6,
      topic: 'город',
    };
    await tx((f) => f.settings.put(settings));
    await tx((f) => f.settings.put({ ...settings, channel: null }));
    expect(await tx((f) => f.settings.get())).toEqual({ ...settings, channel: null });
  });

  it('ingest: claims by (source, message id), detects reposts by content, settles and counts', async () => {
    const claim = (sourceId: string, messageId: number, contentHash: string, at = 10) =>
      tx((f) => f.ingest.claim({ sourceId: sourceId as SourceId, messageId, contentHash, at }));
    expect(await claim('s1', 1, 'h1')).toBe('new');
    expect(await claim('s1', 1, 'h1')).toBe('duplicate');
    expect(await claim('s2', 1, 'h1')).toBe('repost');
    expect(await claim('s2', 2, '')).toBe('new');
    expect(await claim('s2', 3, '')).toBe('new'); // empty content has no identity
    const many = await Promise.all([
      claim('s3', 9, 'h9'),
      claim('s3', 9, 'h9'),
      claim('s3', 9, 'h9'),
    ]);
    expect(many.filter((r) => r === 'new')).toHaveLength(1);
    await tx((f) => f.ingest.settle('s1' as SourceId, 1, 'queued', 'i1' as ItemId));
    await tx((f) => f.ingest.settle('s2' as SourceId, 2, 'dropped_keywords', null));
    expect(await tx((f) => f.ingest.itemFor('s1' as SourceId, 1))).toBe('i1');
    expect(await tx((f) => f.ingest.itemFor('s2' as SourceId, 2))).toBeUndefined();
    expect(await tx((f) => f.ingest.outcomes(0))).toEqual({
      queued: 1,
      dropped_keywords: 1,
      repost: 1,
      pending: 2,
    });
    await claim('s4', 1, 'late', 50);
    expect(await tx((f) => f.ingest.outcomes(50))).toEqual({ pending: 1 });
  });

  it('ingest: tallies a window per source, bucket, outcome and queued item status', async () => {
    const claim = (sourceId: string, messageId: number, at: number) =>
      tx((f) =>
        f.ingest.claim({
          sourceId: sourceId as SourceId,
          messageId,
          contentHash: `t${sourceId}${messageId}`,
          at,
        }),
      );
    const settle = (
      sourceId: string,
      messageId: number,
      outcome: IngestOutcome,
      itemId: string | null,
    ) =>
      tx((f) => f.ingest.settle(sourceId as SourceId, messageId, outcome, itemId as ItemId | null));
    await claim('s1', 1, 1_000);
    await claim('s1', 2, 1_500);
    await claim('s1', 3, 2_100);
    await claim('s2', 1, 1_999);
    await claim('s2', 2, 3_000); // outside [1000, 3000)
    await claim('s2', 3, 999); // before the window
    await settle('s1', 1, 'queued', 'ti1');
    await settle('s1', 2, 'dropped_keywords', null);
    await settle('s1', 3, 'queued', 'ti2');
    await tx((f) =>
      f.items.insert(
        item('ti1', { status: 'rejected', decidedBy: u('a1'), decidedAt: 5, reason: null }),
      ),
    );
    await tx((f) => f.items.insert(item('ti2')));
    const rows = await tx((f) => f.ingest.tally({ since: 1_000, until: 3_000, bucketMs: 1_000 }));
    const sorted = [...rows].sort((a, b) =>
      `${a.sourceId}${a.bucket}${a.outcome}`.localeCompare(`${b.sourceId}${b.bucket}${b.outcome}`),
    );
    expect(sorted).toEqual([
      { sourceId: 's1', bucket: 1_000, outcome: 'dropped_keywords', itemStatus: null, count: 1 },
      { sourceId: 's1', bucket: 1_000, outcome: 'queued', itemStatus: 'rejected', count: 1 },
      { sourceId: 's1', bucket: 2_000, outcome: 'queued', itemStatus: 'queued', count: 1 },
      { sourceId: 's2', bucket: 1_000, outcome: 'pending', itemStatus: null, count: 1 },
    ]);
    expect(
      await tx((f) => f.ingest.tally({ since: 4_000, until: 9_000, bucketMs: 1_000 })),
    ).toEqual([]);
  });

  it('scores: cached by content hash, with their flags', async () => {
    const score = { value: 0.25, reason: 'продажа', scorer: 'offline' };
    expect(await tx((f) => f.scores.get('h'))).toBeUndefined();
    await tx((f) => f.scores.put('h', score, 1));
    await tx((f) => f.scores.put('h', score, 2));
    expect(await tx((f) => f.scores.get('h'))).toEqual(score);
    const flagged = { value: 0.2, reason: 'гараж', scorer: 'llm', flags: ['injection'] as const };
    await tx((f) => f.scores.put('hi', flagged, 3));
    expect(await tx((f) => f.scores.get('hi'))).toEqual(flagged);
    // An empty list of flags is no flags.
    await tx((f) => f.scores.put('hi', { ...flagged, flags: [] }, 4));
    expect(await tx((f) => f.scores.get('hi'))).toEqual({
      value: 0.2,
      reason: 'гараж',
      scorer: 'llm',
    });
  });

  it('items: round-trip every status and origin, compare-and-set, open ones oldest first', async () => {
    const all: ModerationItem[] = [
      item('i1', { createdAt: 1 }),
      item('i2', {
        createdAt: 2,
        origin: { kind: 'suggestion', authorId: u('u9') },
        score: null,
        media: {
          files: [
            { kind: 'photo', fileId: 'AgAC-photo' },
            { kind: 'video', fileId: 'BAAC-video' },
          ],
        },
      }),
      item('i3', {
        createdAt: 3,
        status: 'claimed',
        claimedBy: u('a1'),
        claimedAt: 4,
      } as Partial<ModerationItem>),
      item('i4', {
        createdAt: 4,
        status: 'rejected',
        decidedBy: u('a1'),
        decidedAt: 9,
        reason: 'спам',
      } as Partial<ModerationItem>),
      item('i5', {
        createdAt: 5,
        status: 'published',
        decidedBy: u('a2'),
        decidedAt: 6,
        publishedAt: 7,
      } as Partial<ModerationItem>),
      item('i6', {
        createdAt: 6,
        status: 'expired',
        decidedAt: 8,
        origin: { kind: 'forwarded', sourceTitle: 'X', link: 'https://t.me/x/1' },
      } as Partial<ModerationItem>),
      // Forwarded by a person, scored with a warning, edited in its source.
      item('i7', {
        createdAt: 7,
        status: 'rejected',
        decidedBy: u('a1'),
        decidedAt: 9,
        reason: null,
        origin: { kind: 'forwarded', sourceTitle: 'X', link: null, forwardedBy: u('u7') },
        score: { value: 0.2, reason: 'гараж', scorer: 'llm', flags: ['injection'] },
        editedAt: 8,
      } as Partial<ModerationItem>),
      // In manual review, with the scorer's error kept.
      item('i8', {
        createdAt: 8,
        status: 'expired',
        decidedAt: 9,
        score: null,
        review: { reason: 'timeout', error: 'scorer llm took longer than 10 ms' },
      } as Partial<ModerationItem>),
    ];
    for (const i of all) await tx((f) => f.items.insert(i));
    for (const i of all) expect(await tx((f) => f.items.get(i.id))).toEqual(i);
    expect((await tx((f) => f.items.listOpen(10))).map((i) => i.id)).toEqual(['i1', 'i2', 'i3']);
    expect((await tx((f) => f.items.listOpen(2))).map((i) => i.id)).toEqual(['i1', 'i2']);
    expect((await tx((f) => f.items.listSince(4, 10))).map((i) => i.id)).toEqual([
      'i4',
      'i5',
      'i6',
      'i7',
      'i8',
    ]);
    const approved = {
      ...all[0],
      status: 'approved',
      decidedBy: u('a1'),
      decidedAt: 10,
    } as ModerationItem;
    const raced = await Promise.all([
      tx((f) => f.items.update(approved, 'queued')),
      tx((f) =>
        f.items.update(
          { ...approved, status: 'rejected', reason: null } as ModerationItem,
          'queued',
        ),
      ),
    ]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect((await tx((f) => f.items.get('i1' as ItemId)))?.status).toMatch(/approved|rejected/);
  });

  it("items of the channel's direct messages: offers round-trip; a platform decision has no admin", async () => {
    const direct = (
      id: string,
      offer: Extract<ModerationItem['origin'], { kind: 'direct' }>['offer'],
      mediaKind: string | null = null,
    ): ModerationItem['origin'] => ({
      kind: 'direct',
      channelTitle: 'Городские новости',
      chatRef: '-1001000000002',
      messageId: Number(id.slice(1)),
      offer,
      mediaKind,
    });
    const all: ModerationItem[] = [
      item('d1', {
        createdAt: 1,
        origin: direct('d1', {
          price: { currency: 'XTR', amount: 100 },
          sendAt: 1_800_000_000_000,
        }),
        score: null,
        interested: [],
      }),
      item('d2', {
        createdAt: 2,
        origin: direct(
          'd2',
          { price: { currency: 'TON', amount: 1_500_000_000 }, sendAt: null },
          'photo',
        ),
        status: 'published',
        decidedBy: null,
        decidedAt: 3,
        publishedAt: 3,
      } as Partial<ModerationItem>),
      item('d3', {
        createdAt: 3,
        origin: direct('d3', null),
        status: 'rejected',
        decidedBy: null,
        decidedAt: 4,
        reason: 'Не по теме',
      } as Partial<ModerationItem>),
      item('d4', {
        createdAt: 4,
        origin: direct('d4', { price: null, sendAt: null }),
        status: 'approved',
        decidedBy: u('a1'),
        decidedAt: 5,
      } as Partial<ModerationItem>),
    ];
    for (const i of all) await tx((f) => f.items.insert(i));
    for (const i of all) expect(await tx((f) => f.items.get(i.id))).toEqual(i);
    // Back to the queue (the platform refused), then settled in the platform's UI.
    const [, , , approved] = all as [
      ModerationItem,
      ModerationItem,
      ModerationItem,
      ModerationItem,
    ];
    const {
      decidedBy: _,
      decidedAt: __,
      ...rest
    } = approved as Extract<ModerationItem, { status: 'approved' }>;
    const queued = { ...rest, status: 'queued' } as ModerationItem;
    expect(await tx((f) => f.items.update(queued, 'approved'))).toBe(true);
    const declined = {
      ...rest,
      status: 'rejected',
      decidedBy: null,
      decidedAt: 6,
      reason: null,
    } as ModerationItem;
    expect(await tx((f) => f.items.update(declined, 'queued'))).toBe(true);
    expect(await tx((f) => f.items.get('d4' as ItemId))).toEqual(declined);
    for (const action of ['refused', 'platformApproved', 'platformDeclined'] as const) {
      await tx((f) =>
        f.audit.add({ itemId: 'd4' as ItemId, action, by: null, at: 7, reason: 'why' }),
      );
    }
    expect((await tx((f) => f.audit.list('d4' as ItemId))).map((a) => a.action)).toEqual([
      'refused',
      'platformApproved',
      'platformDeclined',
    ]);
    // Their messages are logged under the chat's own id, not a watched source's.
    const log = 'direct:-1001000000002' as SourceId;
    const claim = { sourceId: log, messageId: 4, contentHash: '', at: 1 };
    expect(await tx((f) => f.ingest.claim(claim))).toBe('new');
    expect(await tx((f) => f.ingest.claim(claim))).toBe('duplicate');
    await tx((f) => f.ingest.settle(log, 4, 'queued', 'd4' as ItemId));
    expect(await tx((f) => f.ingest.itemFor(log, 4))).toBe('d4');
  });

  it('audit and cards: appended in order per item', async () => {
    await tx((f) =>
      f.audit.add({ itemId: 'i1' as ItemId, action: 'claim', by: u('a1'), at: 1, reason: null }),
    );
    await tx((f) =>
      f.audit.add({ itemId: 'i1' as ItemId, action: 'reject', by: u('a1'), at: 2, reason: 'спам' }),
    );
    await tx((f) =>
      f.audit.add({ itemId: 'i2' as ItemId, action: 'publish', by: null, at: 3, reason: null }),
    );
    expect(await tx((f) => f.audit.list('i1' as ItemId))).toEqual([
      { itemId: 'i1', action: 'claim', by: 'a1', at: 1, reason: null },
      { itemId: 'i1', action: 'reject', by: 'a1', at: 2, reason: 'спам' },
    ]);
    await tx((f) => f.cards.put('i1' as ItemId, u('a1'), 10));
    await tx((f) => f.cards.put('i1' as ItemId, u('a2'), 20));
    await tx((f) => f.cards.put('i1' as ItemId, u('a1'), 11)); // redelivered: replaces
    expect(await tx((f) => f.cards.list('i1' as ItemId))).toEqual([
      { admin: 'a1', messageId: 11 },
      { admin: 'a2', messageId: 20 },
    ]);
    expect(await tx((f) => f.cards.list('i9' as ItemId))).toEqual([]);
  });

  it('feed writes roll back with the transaction', async () => {
    await expect(
      tx(async (f) => {
        await f.sources.add({
          id: 's1' as SourceId,
          ref: '-1',
          title: 't',
          link: null,
          addedBy: null,
          createdAt: 1,
        });
        await f.subscriptions.put({
          userId: u('u1'),
          sources: [],
          keywords: ['x'],
          threshold: null,
          updatedAt: 1,
        });
        await f.settings.put({ channel: '@c', admins: [], defaultThreshold: 0.5, topic: '' });
        await f.ingest.claim({ sourceId: 's1' as SourceId, messageId: 1, contentHash: 'h', at: 1 });
        await f.scores.put('h', { value: 1, reason: '', scorer: 'x' }, 1);
        await f.items.insert(item('i1'));
        await f.audit.add({
          itemId: 'i1' as ItemId,
          action: 'claim',
          by: null,
          at: 1,
          reason: null,
        });
        await f.cards.put('i1' as ItemId, u('a1'), 1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await tx((f) => f.sources.list())).toEqual([]);
    expect(await tx((f) => f.subscriptions.list())).toEqual([]);
    expect(await tx((f) => f.settings.get())).toBeUndefined();
    expect(
      await tx((f) =>
        f.ingest.claim({ sourceId: 's1' as SourceId, messageId: 1, contentHash: 'h', at: 2 }),
      ),
    ).toBe('new');
    expect(await tx((f) => f.scores.get('h'))).toBeUndefined();
    expect(await tx((f) => f.items.get('i1' as ItemId))).toBeUndefined();
    expect(await tx((f) => f.audit.list('i1' as ItemId))).toEqual([]);
    expect(await tx((f) => f.cards.list('i1' as ItemId))).toEqual([]);
  });
}
