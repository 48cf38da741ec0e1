import type { Storage } from '../ports/storage.js';

/**
 * What a storage keeps that a person's action could change, read through the port: every ad,
 * and for each of `platformIds` the person, their chats with their history and their pending
 * invites; the outbox's counts; the feed's sources, subscriptions and open items. Two snapshots
 * compare with `toEqual`: a refused input must leave them equal (the fuzz and attack suites).
 *
 * ```ts
 * const before = await storageSnapshot(storage, ['741852963']);
 * await expect(board.publishAd({ author, title: '' })).rejects.toThrow();
 * expect(await storageSnapshot(storage, ['741852963'])).toEqual(before);
 * ```
 */
export function storageSnapshot(
  storage: Storage,
  platformIds: readonly string[],
): Promise<Record<string, unknown>> {
  return storage.transaction(async (tx) => {
    const people: Record<string, unknown> = {};
    for (const platformId of platformIds) {
      const user = await tx.users.getByPlatformId(platformId);
      if (user === undefined) {
        people[platformId] = null;
        continue;
      }
      const chats = await tx.chats.listFor(user.id, 1000);
      const history = [];
      for (const chat of chats) history.push(await tx.history.ofChat(chat.id, 10_000));
      people[platformId] = {
        user,
        chats,
        history,
        pendingInvites: await tx.invites.listPendingFor(user.id, 1000),
      };
    }
    return {
      ads: await tx.ads.list({ limit: 10_000 }),
      people,
      outbox: await tx.outbox.stats(),
      sources: await tx.feed.sources.list(),
      subscriptions: await tx.feed.subscriptions.list(),
      queue: await tx.feed.items.listOpen(10_000),
    };
  });
}
