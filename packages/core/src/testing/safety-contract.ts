import { expect, it } from 'vitest';
import type { AdId, ChatId, UserId } from '../ids.js';
import type { Repositories, Storage } from '../ports/storage.js';
import { records } from './records.js';

const u = (s: string) => s as UserId;
const c = (s: string) => s as ChatId;

/** Rate limits, history, bans, forgetting and statistics; `storageContract` runs it. */
export function safetyContract(get: () => Storage): void {
  const tx = <T>(fn: (r: Repositories) => Promise<T>) => get().transaction(fn);

  it('limits: a sliding window allows `max` hits, reports the oldest, and frees room as hits age', async () => {
    const take = (now: number) => tx((r) => r.limits.take('relay:u1', now, 1000, 2));
    expect(await take(100)).toEqual({ allowed: true, oldest: 100 });
    expect(await take(200)).toEqual({ allowed: true, oldest: 100 });
    expect(await take(300)).toEqual({ allowed: false, oldest: 100 });
    expect(await take(1100)).toEqual({ allowed: true, oldest: 200 }); // 100 left the window
    expect(await tx((r) => r.limits.take('relay:u2', 300, 1000, 2))).toEqual({
      allowed: true,
      oldest: 300,
    });
    const raced = await Promise.all([take(1250), take(1250), take(1250)]); // one place is free
    expect(raced.filter((t) => t.allowed)).toHaveLength(1);
  });

  it('limits: a take given back frees its place (on a storage that gives back)', async ({
    skip,
  }) => {
    const taken = (key: string, at: number, max: number) => (r: Repositories) =>
      r.limits.take(key, at, 1000, max);
    if ((await tx(async (r) => r.limits.takeBack)) === undefined) return skip();
    const back = (r: Repositories, key: string, at: number) =>
      r.limits.takeBack?.(key, at) ?? Promise.resolve();
    await tx(taken('relay:u1', 100, 2));
    const given = await tx(async (r) => {
      const t = await taken('relay:u1', 200, 2)(r);
      await back(r, 'relay:u1', 200);
      return t;
    });
    expect(given).toEqual({ allowed: true, oldest: 100 });
    expect(await tx(taken('relay:u1', 300, 2))).toEqual({ allowed: true, oldest: 100 });
    expect(await tx(taken('relay:u1', 400, 2))).toEqual({ allowed: false, oldest: 100 });
    // A key's only hit given back: the key holds nothing, and a hit not recorded changes nothing.
    await tx(async (r) => {
      await taken('relay:u2', 100, 1)(r);
      await back(r, 'relay:u2', 100);
      await back(r, 'relay:u2', 100);
      await back(r, 'relay:u3', 100);
    });
    expect(await tx(taken('relay:u2', 150, 1))).toEqual({ allowed: true, oldest: 150 });
    expect(await tx(taken('relay:u2', 160, 1))).toEqual({ allowed: false, oldest: 150 });
    // Rolled back with its transaction like any write.
    await expect(
      tx(async (r) => {
        await back(r, 'relay:u2', 150);
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(await tx(taken('relay:u2', 170, 1))).toEqual({ allowed: false, oldest: 150 });
  });

  it('limits: cooldowns round-trip; purge forgets old hits and cooldowns', async () => {
    expect(await tx((r) => r.limits.getCooldown('relay:u1'))).toBeUndefined();
    await tx((r) =>
      r.limits.setCooldown('relay:u1', { level: 2, until: 5000, lastViolation: 4000 }),
    );
    expect(await tx((r) => r.limits.getCooldown('relay:u1'))).toEqual({
      level: 2,
      until: 5000,
      lastViolation: 4000,
    });
    await tx((r) => r.limits.take('invite:u1', 10, 100_000, 5));
    expect(await tx((r) => r.limits.purgeBefore(6000))).toBe(2);
    expect(await tx((r) => r.limits.getCooldown('relay:u1'))).toBeUndefined();
    expect(await tx((r) => r.limits.take('invite:u1', 20, 100_000, 1))).toEqual({
      allowed: true,
      oldest: 20,
    });
  });

  it('history: per chat in order, last N, purge by age, delete by sender', async () => {
    const add = (chat: string, from: string, at: number) =>
      tx((r) =>
        r.history.add({
          chatId: c(chat),
          from: u(from),
          to: u(from === 'a' ? 'b' : 'a'),
          messageIds: [at],
          summary: `m${at}`,
          at,
        }),
      );
    for (const at of [1, 2, 3, 4]) await add('c1', at % 2 ? 'a' : 'b', at);
    await add('c2', 'a', 5);
    expect((await tx((r) => r.history.ofChat(c('c1'), 10))).map((m) => m.summary)).toEqual([
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
    expect(await tx((r) => r.history.lastOfChat(c('c1'), 2))).toEqual([
      { chatId: 'c1', from: 'a', to: 'b', messageIds: [3], summary: 'm3', at: 3 },
      { chatId: 'c1', from: 'b', to: 'a', messageIds: [4], summary: 'm4', at: 4 },
    ]);
    expect(await tx((r) => r.history.purgeBefore(3, 100))).toBe(2);
    expect(await tx((r) => r.history.deleteFrom(u('a')))).toBe(2);
    expect((await tx((r) => r.history.ofChat(c('c1'), 10))).map((m) => m.summary)).toEqual(['m4']);
    expect(await tx((r) => r.history.ofChat(c('c2'), 10))).toEqual([]);
  });

  it('users: ban and a new platform id (forgetting) are stored; the old platform id is free', async () => {
    await tx((r) => r.users.ensure({ id: u('u1'), platformId: '42', locale: 'ru', at: 1 }));
    await tx((r) => r.users.update(u('u1'), { banned: true, platformId: 'forgotten:u1' }));
    expect(await tx((r) => r.users.get(u('u1')))).toMatchObject({
      banned: true,
      platformId: 'forgotten:u1',
    });
    expect(await tx((r) => r.users.getByPlatformId('42'))).toBeUndefined();
    const fresh = await tx((r) =>
      r.users.ensure({ id: u('u2'), platformId: '42', locale: 'ru', at: 2 }),
    );
    expect(fresh).toMatchObject({ id: 'u2', banned: false });
  });

  it('invites: statistics per day and per ad; pending of a person; scrubbing a sender', async () => {
    const day = 24 * 3600_000;
    await tx(async (r) => {
      await r.invites.insert(records.invite('i1', 'u1', 'u2', 'a1', { createdAt: 0 }));
      await r.invites.insert(
        records.invite('i2', 'u3', 'u2', 'a1', {
          createdAt: 10,
          status: 'declined',
          decidedAt: 11,
        } as never),
      );
      await r.invites.insert(records.invite('i3', 'u1', 'u4', 'a2', { createdAt: day + 5 }));
      await r.invites.insert(
        records.invite('i4', 'u4', 'u1', 'a3', {
          createdAt: day + 6,
          content: { kind: 'message', messageIds: [1] },
        }),
      );
    });
    expect(await tx((r) => r.invites.countByDay(0))).toEqual([
      { day: '1970-01-01', status: 'declined', count: 1 },
      { day: '1970-01-01', status: 'pending', count: 1 },
      { day: '1970-01-02', status: 'pending', count: 2 },
    ]);
    expect(await tx((r) => r.invites.countByAd(0, 1))).toEqual([
      { adId: 'a1', status: 'declined', count: 1 },
      { adId: 'a1', status: 'pending', count: 1 },
    ]);
    expect((await tx((r) => r.invites.listPendingFor(u('u1'), 10))).map((i) => i.id)).toEqual([
      'i1',
      'i3',
      'i4',
    ]);
    expect(await tx((r) => r.invites.scrubFrom(u('u1')))).toBe(2);
    expect((await tx((r) => r.invites.get('i1' as never)))?.content).toEqual({
      kind: 'text',
      text: '',
    });
    expect((await tx((r) => r.invites.get('i4' as never)))?.content).toEqual({
      kind: 'message',
      messageIds: [1],
    });
    void ('a1' as AdId);
  });

  it('chats: every chat of a person whatever its status; opened/ended/blocked since', async () => {
    await tx(async (r) => {
      await r.chats.insert(records.chat('c1', 'i1', 'u1', 'u2', { openedAt: 1 }));
      await r.chats.insert(
        records.chat('c2', 'i2', 'u3', 'u1', {
          openedAt: 2,
          status: 'ended',
          endedAt: 30,
          endedBy: null,
          reason: 'moderated',
        } as never),
      );
      await r.chats.insert(
        records.chat('c3', 'i3', 'u1', 'u4', {
          openedAt: 20,
          status: 'blocked',
          endedAt: 40,
          endedBy: u('u1'),
          reason: 'blocked',
        } as never),
      );
    });
    expect((await tx((r) => r.chats.listFor(u('u1'), 10))).map((x) => x.id)).toEqual([
      'c1',
      'c2',
      'c3',
    ]);
    expect((await tx((r) => r.chats.listFor(u('u1'), 2))).map((x) => x.id)).toEqual(['c1', 'c2']);
    expect(
      (await tx((r) => r.chats.get(c('c2'))))?.status === 'ended' &&
        (await tx((r) => r.chats.get(c('c2')))),
    ).toMatchObject({ reason: 'moderated' });
    expect(await tx((r) => r.chats.tally(0))).toEqual({ opened: 3, ended: 1, blocked: 1 });
    expect(await tx((r) => r.chats.tally(25))).toEqual({ opened: 0, ended: 1, blocked: 1 });
  });

  it('inbox keys and subscriptions can be forgotten', async () => {
    await tx((r) => r.inbox.claim('old', 1));
    await tx((r) => r.inbox.claim('new', 100));
    expect(await tx((r) => r.inbox.purgeBefore(50))).toBe(1);
    expect(await tx((r) => r.inbox.claim('old', 101))).toBe(true);
    expect(await tx((r) => r.inbox.claim('new', 101))).toBe(false);
    await tx((r) =>
      r.feed.subscriptions.put({
        userId: u('u1'),
        sources: [],
        keywords: ['x'],
        threshold: null,
        updatedAt: 1,
      }),
    );
    const before = await tx((r) => r.feed.subscriptions.version());
    expect(await tx((r) => r.feed.subscriptions.remove(u('u1')))).toBe(true);
    expect(await tx((r) => r.feed.subscriptions.remove(u('u1')))).toBe(false);
    expect(await tx((r) => r.feed.subscriptions.version())).toBeGreaterThan(before);
    expect(await tx((r) => r.feed.subscriptions.get(u('u1')))).toBeUndefined();
  });

  it('safety writes roll back with the transaction', async () => {
    await expect(
      tx(async (r) => {
        await r.limits.take('k', 1, 100, 1);
        await r.limits.setCooldown('k', { level: 1, until: 2, lastViolation: 1 });
        await r.history.add({
          chatId: c('c1'),
          from: u('a'),
          to: u('b'),
          messageIds: [1],
          summary: 's',
          at: 1,
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await tx((r) => r.limits.take('k', 1, 100, 1))).toEqual({ allowed: true, oldest: 1 });
    expect(await tx((r) => r.limits.getCooldown('k'))).toBeUndefined();
    expect(await tx((r) => r.history.ofChat(c('c1'), 10))).toEqual([]);
  });
}
