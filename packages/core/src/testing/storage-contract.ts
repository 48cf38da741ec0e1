import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Effect } from '../effects.js';
import type { ActionToken, AdId, ChatId, InviteId, UserId } from '../ids.js';
import type { Repositories, Storage } from '../ports/storage.js';
import { feedContract } from './feed-contract.js';
import { records } from './records.js';
import { safetyContract } from './safety-contract.js';

const u = (s: string) => s as UserId;
const effect = (to: string, text = 'relay.noChat'): Effect => ({
  type: 'notify',
  to: u(to),
  text: 'relay.noChat',
  params: { n: text },
});

/**
 * The storage contract: every {@link Storage} implementation runs it in one line, with a fresh
 * storage per test, and must pass it unchanged.
 *
 * ```ts
 * import { storageContract } from '@anonboard/core/testing/vitest';
 * storageContract('SqliteStorage', () => openSqliteStorage({ path: tempFile() }));
 * ```
 */
export function storageContract(name: string, factory: () => Storage | Promise<Storage>): void {
  describe(`${name} satisfies the storage contract`, () => {
    let storage: Storage;
    const tx = <T>(fn: (r: Repositories) => Promise<T>) => storage.transaction(fn);

    beforeEach(async () => {
      storage = await factory();
    });
    afterEach(async () => {
      await storage.close();
    });

    describe('users', () => {
      it('ensure creates once per platform id and returns the stored user after', async () => {
        const a = await tx((r) =>
          r.users.ensure({ id: u('u1'), platformId: '42', locale: 'ru', at: 5 }),
        );
        const b = await tx((r) =>
          r.users.ensure({ id: u('u2'), platformId: '42', locale: 'en', at: 6 }),
        );
        expect(a).toEqual({
          id: 'u1',
          platformId: '42',
          locale: 'ru',
          reachable: true,
          banned: false,
          draftAdId: null,
          createdAt: 5,
        });
        expect(b).toEqual(a);
        expect(await tx((r) => r.users.getByPlatformId('42'))).toEqual(a);
        expect(await tx((r) => r.users.get(u('u2')))).toBeUndefined();
      });

      it('update changes only the given fields', async () => {
        await tx((r) => r.users.ensure({ id: u('u1'), platformId: '42', locale: 'ru', at: 5 }));
        await tx((r) => r.users.update(u('u1'), { reachable: false, draftAdId: 'ad9' as AdId }));
        expect(await tx((r) => r.users.get(u('u1')))).toMatchObject({
          reachable: false,
          draftAdId: 'ad9',
          locale: 'ru',
        });
        await tx((r) => r.users.update(u('u1'), { draftAdId: null, locale: 'en' }));
        expect(await tx((r) => r.users.get(u('u1')))).toMatchObject({
          reachable: false,
          draftAdId: null,
          locale: 'en',
        });
      });
    });

    describe('ads', () => {
      it('round-trips, lists newest first, filters, searches and pages', async () => {
        await tx(async (r) => {
          await r.ads.insert(records.ad('a1', 'u1', { title: 'Продам гараж', createdAt: 1 }));
          await r.ads.insert(records.ad('a2', 'u2', { title: 'Куплю велосипед', createdAt: 2 }));
          await r.ads.insert(
            records.ad('a3', 'u1', {
              title: 'Сдам ГАРАЖ',
              createdAt: 3,
              status: 'closed',
              closedAt: 4,
            } as never),
          );
        });
        expect(await tx((r) => r.ads.get('a3' as AdId))).toEqual(
          records.ad('a3', 'u1', {
            title: 'Сдам ГАРАЖ',
            createdAt: 3,
            status: 'closed',
            closedAt: 4,
          } as never),
        );
        const ids = (ads: { id: string }[]) => ads.map((a) => a.id);
        expect(ids(await tx((r) => r.ads.list({ limit: 10 })))).toEqual(['a3', 'a2', 'a1']);
        expect(ids(await tx((r) => r.ads.list({ limit: 10, status: 'open' })))).toEqual([
          'a2',
          'a1',
        ]);
        expect(ids(await tx((r) => r.ads.list({ limit: 10, authorId: u('u1') })))).toEqual([
          'a3',
          'a1',
        ]);
        expect(ids(await tx((r) => r.ads.list({ limit: 10, search: 'гараж' })))).toEqual([
          'a3',
          'a1',
        ]);
        expect(ids(await tx((r) => r.ads.list({ limit: 10, search: 'text of a2' })))).toEqual([
          'a2',
        ]);
        expect(ids(await tx((r) => r.ads.list({ limit: 2 })))).toEqual(['a3', 'a2']);
        expect(ids(await tx((r) => r.ads.list({ limit: 2, after: 'a2' as AdId })))).toEqual(['a1']);
      });

      it('update is a compare-and-set on status', async () => {
        const ad = records.ad('a1', 'u1');
        await tx((r) => r.ads.insert(ad));
        const closed = { ...ad, status: 'closed', closedAt: 9 } as const;
        expect(await tx((r) => r.ads.update(closed, 'open'))).toBe(true);
        expect(await tx((r) => r.ads.update(closed, 'open'))).toBe(false);
        expect(await tx((r) => r.ads.get(ad.id))).toEqual(closed);
      });
    });

    describe('invites', () => {
      it('allows one invite per (sender, ad), ever', async () => {
        expect(await tx((r) => r.invites.insert(records.invite('i1', 'u1', 'u2', 'a1')))).toBe(
          true,
        );
        expect(await tx((r) => r.invites.insert(records.invite('i2', 'u1', 'u2', 'a1')))).toBe(
          false,
        );
        expect(await tx((r) => r.invites.insert(records.invite('i3', 'u1', 'u2', 'a2')))).toBe(
          true,
        );
        expect(await tx((r) => r.invites.get('i2' as InviteId))).toBeUndefined();
        expect((await tx((r) => r.invites.findBySenderAndAd(u('u1'), 'a1' as AdId)))?.id).toBe(
          'i1',
        );
        expect(await tx((r) => r.invites.findBySenderAndAd(u('u2'), 'a1' as AdId))).toBeUndefined();
      });

      it('of many concurrent first messages exactly one is stored', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, n) =>
            tx((r) => r.invites.insert(records.invite(`i${n}`, 'u1', 'u2', 'a1'))),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('round-trips every status and both content kinds', async () => {
        const accepted = records.invite('i1', 'u1', 'u2', 'a1', {
          status: 'accepted',
          decidedAt: 7,
          chatId: 'c1' as ChatId,
          content: { kind: 'message', messageIds: [5, 6] },
        } as never);
        await tx((r) => r.invites.insert(accepted));
        expect(await tx((r) => r.invites.get(accepted.id))).toEqual(accepted);
      });

      it('update is a compare-and-set on status', async () => {
        const invite = records.invite('i1', 'u1', 'u2', 'a1');
        await tx((r) => r.invites.insert(invite));
        const declined = { ...invite, status: 'declined', decidedAt: 3 } as const;
        expect(await tx((r) => r.invites.update(declined, 'pending'))).toBe(true);
        expect(
          await tx((r) =>
            r.invites.update({ ...invite, status: 'expired', decidedAt: 4 }, 'pending'),
          ),
        ).toBe(false);
        expect(await tx((r) => r.invites.get(invite.id))).toEqual(declined);
      });

      it('counts what a sender sent in a window and lists pending ones', async () => {
        await tx(async (r) => {
          await r.invites.insert(records.invite('i1', 'u1', 'u2', 'a1', { createdAt: 100 }));
          await r.invites.insert(records.invite('i2', 'u1', 'u3', 'a2', { createdAt: 200 }));
          await r.invites.insert(
            records.invite('i3', 'u1', 'u2', 'a3', {
              createdAt: 300,
              status: 'declined',
              decidedAt: 301,
            } as never),
          );
          await r.invites.insert(records.invite('i4', 'u2', 'u1', 'a4', { createdAt: 400 }));
        });
        expect(await tx((r) => r.invites.sentSince(u('u1'), 150))).toEqual({
          count: 2,
          oldest: 200,
        });
        expect(await tx((r) => r.invites.sentSince(u('u1'), 0))).toEqual({ count: 3, oldest: 100 });
        expect(await tx((r) => r.invites.sentSince(u('u9'), 0))).toEqual({
          count: 0,
          oldest: null,
        });
        const between = await tx((r) => r.invites.listPendingBetween(u('u2'), u('u1')));
        expect(between.map((i) => i.id).sort()).toEqual(['i1', 'i4']);
        const stale = await tx((r) => r.invites.listPendingCreatedBefore(250, 10));
        expect(stale.map((i) => i.id)).toEqual(['i1', 'i2']);
        expect(
          (await tx((r) => r.invites.listPendingCreatedBefore(250, 1))).map((i) => i.id),
        ).toEqual(['i1']);
      });
    });

    describe('chats', () => {
      it('allows one chat per invite, even under concurrent accepts', async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, n) =>
            tx((r) => r.chats.insert(records.chat(`c${n}`, 'i1', 'u1', 'u2'))),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('lists active chats of a member oldest first; update is a compare-and-set', async () => {
        await tx(async (r) => {
          await r.chats.insert(records.chat('c1', 'i1', 'u1', 'u2', { openedAt: 1 }));
          await r.chats.insert(records.chat('c2', 'i2', 'u3', 'u1', { openedAt: 2 }));
          await r.chats.insert(records.chat('c3', 'i3', 'u2', 'u3', { openedAt: 3 }));
        });
        expect((await tx((r) => r.chats.listActiveFor(u('u1')))).map((c) => c.id)).toEqual([
          'c1',
          'c2',
        ]);
        const c1 = (await tx((r) => r.chats.get('c1' as ChatId))) as never as ReturnType<
          typeof records.chat
        >;
        const ended = {
          ...c1,
          status: 'blocked',
          endedAt: 5,
          endedBy: u('u1'),
          reason: 'blocked',
        } as const;
        expect(await tx((r) => r.chats.update(ended, 'active'))).toBe(true);
        expect(await tx((r) => r.chats.update(ended, 'active'))).toBe(false);
        expect(await tx((r) => r.chats.get(c1.id))).toEqual(ended);
        expect((await tx((r) => r.chats.listActiveFor(u('u1')))).map((c) => c.id)).toEqual(['c2']);
        const lost = {
          ...records.chat('c3', 'i3', 'u2', 'u3', { openedAt: 3 }),
          status: 'ended',
          endedAt: 6,
          endedBy: null,
          reason: 'unreachable',
        } as const;
        expect(await tx((r) => r.chats.update(lost, 'active'))).toBe(true);
        expect(await tx((r) => r.chats.get(lost.id))).toEqual(lost);
      });
    });

    describe('blocks', () => {
      it('are unordered pairs and idempotent', async () => {
        await tx((r) => r.blocks.add(u('u1'), u('u2'), 1));
        await tx((r) => r.blocks.add(u('u2'), u('u1'), 2));
        expect(await tx((r) => r.blocks.has(u('u2'), u('u1')))).toBe(true);
        expect(await tx((r) => r.blocks.has(u('u1'), u('u2')))).toBe(true);
        expect(await tx((r) => r.blocks.has(u('u1'), u('u3')))).toBe(false);
      });
    });

    describe('message map', () => {
      it('links both ways and finds by either side', async () => {
        const a = { userId: u('u1'), messageId: 10 };
        const b = { userId: u('u2'), messageId: 77 };
        await tx((r) => r.messages.link('c1' as ChatId, a, b));
        await tx((r) => r.messages.link('c1' as ChatId, a, b));
        expect(await tx((r) => r.messages.find(a))).toEqual({ chatId: 'c1', peer: b });
        expect(await tx((r) => r.messages.find(b))).toEqual({ chatId: 'c1', peer: a });
        expect(
          await tx((r) => r.messages.find({ userId: u('u2'), messageId: 10 })),
        ).toBeUndefined();
      });
    });

    describe('tokens', () => {
      it('consuming one token consumes its group, once', async () => {
        const t = (token: string, group: string) => ({
          token: token as ActionToken,
          userId: u('u1'),
          action: { type: 'invite.accept', inviteId: 'i1' as InviteId } as const,
          group,
          createdAt: 1,
        });
        await tx((r) => r.tokens.add([t('t1', 'g1'), t('t2', 'g1'), t('t3', 'g2')]));
        expect(await tx((r) => r.tokens.get('t1' as ActionToken))).toEqual(t('t1', 'g1'));
        const raced = await Promise.all([
          tx((r) => r.tokens.consume('t1' as ActionToken)),
          tx((r) => r.tokens.consume('t2' as ActionToken)),
        ]);
        expect(raced.filter(Boolean)).toHaveLength(1);
        expect(await tx((r) => r.tokens.get('t2' as ActionToken))).toBeUndefined();
        expect(await tx((r) => r.tokens.get('t3' as ActionToken))).toBeDefined();
      });
    });

    describe('inbox', () => {
      it('claims a key once', async () => {
        expect(await tx((r) => r.inbox.claim('tg:1', 1))).toBe(true);
        expect(await tx((r) => r.inbox.claim('tg:1', 2))).toBe(false);
        expect(await tx((r) => r.inbox.claim('tg:2', 2))).toBe(true);
      });
    });

    describe('outbox', () => {
      it('leases the oldest entry of each lane, in order, one at a time', async () => {
        await tx((r) =>
          r.outbox.add(
            [
              { lane: 'user:a', effect: effect('a', '1') },
              { lane: 'user:b', effect: effect('b', '2') },
              { lane: 'user:a', effect: effect('a', '3') },
            ],
            10,
          ),
        );
        const first = await tx((r) => r.outbox.claim(10, 10, 1000));
        expect(first.map((e) => e.effect)).toEqual([effect('a', '1'), effect('b', '2')]);
        expect(first[0]).toMatchObject({ lane: 'user:a', attempts: 0, createdAt: 10 });
        expect(await tx((r) => r.outbox.claim(10, 10, 1000))).toEqual([]);
        await tx((r) => r.outbox.complete((first[0] as { id: number }).id));
        const second = await tx((r) => r.outbox.claim(11, 10, 1000));
        expect(second.map((e) => e.effect)).toEqual([effect('a', '3')]);
        expect(await tx((r) => r.outbox.stats())).toEqual({ pending: 2, dead: 0 });
      });

      it('respects limit, lease expiry, retry time and dead letters', async () => {
        await tx((r) =>
          r.outbox.add(
            [
              { lane: 'x', effect: effect('x') },
              { lane: 'y', effect: effect('y') },
            ],
            0,
          ),
        );
        const [one] = await tx((r) => r.outbox.claim(0, 1, 100));
        expect(one).toBeDefined();
        const id = (one as { id: number }).id;
        // The lease expires: another dispatcher may take the entry.
        expect((await tx((r) => r.outbox.claim(101, 10, 100))).map((e) => e.id)).toContain(id);
        await tx((r) => r.outbox.retry(id, 500, 'busy'));
        const early = await tx((r) => r.outbox.claim(499, 10, 100));
        expect(early.map((e) => e.id)).not.toContain(id);
        const due = await tx((r) => r.outbox.claim(500, 10, 100));
        expect(due.find((e) => e.id === id)?.attempts).toBe(1);
        await tx((r) => r.outbox.fail(id, 'bad request'));
        expect(await tx((r) => r.outbox.stats())).toEqual({ pending: 1, dead: 1 });
        expect((await tx((r) => r.outbox.claim(10_000, 10, 100))).map((e) => e.id)).not.toContain(
          id,
        );
      });

      it('a dead entry no longer holds up its lane', async () => {
        await tx((r) =>
          r.outbox.add(
            [
              { lane: 'x', effect: effect('x', '1') },
              { lane: 'x', effect: effect('x', '2') },
            ],
            0,
          ),
        );
        const [first] = await tx((r) => r.outbox.claim(0, 10, 100));
        await tx((r) => r.outbox.fail((first as { id: number }).id, 'gone'));
        const next = await tx((r) => r.outbox.claim(0, 10, 100));
        expect(next.map((e) => e.effect)).toEqual([effect('x', '2')]);
      });

      it('ids grow in insertion order across transactions', async () => {
        await tx((r) => r.outbox.add([{ lane: 'a', effect: effect('a') }], 0));
        await tx((r) => r.outbox.add([{ lane: 'b', effect: effect('b') }], 0));
        const claimed = await tx((r) => r.outbox.claim(0, 10, 100));
        const [x, y] = claimed.map((e) => e.id).sort((p, q) => p - q);
        expect(claimed.find((e) => e.lane === 'a')?.id).toBe(x);
        expect(claimed.find((e) => e.lane === 'b')?.id).toBe(y);
      });
    });

    describe('invite statistics', () => {
      it('count invites by status since a time', async () => {
        await tx(async (r) => {
          await r.invites.insert(records.invite('i1', 'u1', 'u2', 'a1', { createdAt: 5 }));
          await r.invites.insert(
            records.invite('i2', 'u1', 'u2', 'a2', {
              createdAt: 10,
              status: 'declined',
              decidedAt: 11,
            } as never),
          );
          await r.invites.insert(
            records.invite('i3', 'u3', 'u2', 'a2', {
              createdAt: 20,
              status: 'accepted',
              decidedAt: 21,
              chatId: 'c1' as ChatId,
            } as never),
          );
        });
        expect(await tx((r) => r.invites.countByStatus(0))).toEqual({
          pending: 1,
          declined: 1,
          accepted: 1,
        });
        expect(await tx((r) => r.invites.countByStatus(10))).toEqual({ declined: 1, accepted: 1 });
      });
    });

    describe('safety', () => {
      safetyContract(() => storage);
    });

    describe('feed', () => {
      feedContract(() => storage);
    });

    describe('transactions', () => {
      it('roll back every write when the function throws, and rethrow', async () => {
        const boom = new Error('boom');
        await expect(
          tx(async (r) => {
            await r.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1 });
            await r.invites.insert(records.invite('i1', 'u1', 'u2', 'a1'));
            await r.chats.insert(records.chat('c1', 'i1', 'u2', 'u1'));
            await r.blocks.add(u('u1'), u('u2'), 1);
            await r.inbox.claim('k', 1);
            await r.outbox.add([{ lane: 'a', effect: effect('a') }], 1);
            await r.messages.link(
              'c1' as ChatId,
              { userId: u('u1'), messageId: 1 },
              { userId: u('u2'), messageId: 2 },
            );
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await tx((r) => r.users.getByPlatformId('1'))).toBeUndefined();
        expect(await tx((r) => r.invites.insert(records.invite('i1', 'u1', 'u2', 'a1')))).toBe(
          true,
        );
        expect(await tx((r) => r.chats.get('c1' as ChatId))).toBeUndefined();
        expect(await tx((r) => r.blocks.has(u('u1'), u('u2')))).toBe(false);
        expect(await tx((r) => r.inbox.claim('k', 2))).toBe(true);
        expect(await tx((r) => r.outbox.stats())).toEqual({ pending: 0, dead: 0 });
        expect(await tx((r) => r.messages.find({ userId: u('u1'), messageId: 1 }))).toBeUndefined();
      });

      it('see their own writes and keep working after a rollback', async () => {
        await expect(tx(async () => Promise.reject(new Error('first')))).rejects.toThrow('first');
        const seen = await tx(async (r) => {
          await r.inbox.claim('k', 1);
          return r.inbox.claim('k', 1);
        });
        expect(seen).toBe(false);
      });

      it('are isolated: a read-modify-write under concurrency loses no update', async () => {
        await tx((r) => r.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1 }));
        // Ten concurrent transactions each claim a distinct key only if the previous one is there.
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, n) => tx(async (r) => r.inbox.claim(`same`, n))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
