import type { AdId, Effect, InviteId, UserId } from '@anonboard/core';
import { createBoard } from '@anonboard/core';
import { records } from '@anonboard/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from '../src/index.js';
import { feedOf } from './feed-records.js';
import { unlimited } from './policy.js';
import { type Child, startChild } from './spawn.js';
import { tempPath } from './temp.js';

const ROUNDS = 40;

/** Users, ads and (optionally) pending invites, written by this process before the race. */
async function seed(path: string, withInvites: boolean) {
  const storage = openSqliteStorage({ path });
  const board = createBoard({ storage, policy: unlimited });
  const author = await board.identify({ platformId: '1001' });
  const reader = await board.identify({ platformId: '1002' });
  const adIds: AdId[] = [];
  const inviteIds: InviteId[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const ad = await board.publishAd({ author: author.id, title: `Ad ${i}` });
    adIds.push(ad.id);
    if (withInvites) {
      const content = { kind: 'text', text: 'hello' } as const;
      inviteIds.push((await board.sendInvite({ sender: reader.id, adId: ad.id, content })).id);
    }
  }
  await storage.close();
  return { author: author.id, reader: reader.id, adIds, inviteIds };
}

/** Starts two children, lets them race once both are ready, and waits for both to finish. */
async function race(a: Child, b: Child): Promise<string[]> {
  await Promise.all([a.waitFor((l) => l === 'ready'), b.waitFor((l) => l === 'ready')]);
  a.process.stdin.write('go\n');
  b.process.stdin.write('go\n');
  expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  return [...a.lines, ...b.lines];
}

const wins = (lines: string[], id: string) => lines.filter((l) => l === `won ${id}`).length;

describe('two processes on one file', () => {
  it('racing the same accepts: exactly one chat per invite', async () => {
    const path = tempPath('accept');
    const { author, inviteIds } = await seed(path, true);
    // Both in the same order: every invite is contested at about the same moment.
    const ids = inviteIds.join(',');
    const lines = await race(
      startChild('accept', path, author, ids),
      startChild('accept', path, author, ids),
    );
    for (const id of inviteIds) expect(wins(lines, id)).toBe(1);
    expect(lines.filter((l) => l.startsWith('lost '))).toHaveLength(ROUNDS);

    const db = new Database(path, { readonly: true });
    const perInvite = db
      .prepare('SELECT invite_id, count(*) AS n FROM chats GROUP BY invite_id')
      .all() as { invite_id: string; n: number }[];
    expect(perInvite).toHaveLength(ROUNDS);
    expect(perInvite.every((r) => r.n === 1)).toBe(true);
    const mismatched = db
      .prepare(
        `SELECT count(*) FROM invites i JOIN chats c ON c.invite_id = i.id
         WHERE i.status <> 'accepted' OR i.chat_id <> c.id`,
      )
      .pluck()
      .get();
    expect(mismatched).toBe(0);
    db.close();
  }, 30_000);

  it('racing the same first messages: exactly one invite per (sender, ad)', async () => {
    const path = tempPath('invite');
    const { reader, adIds } = await seed(path, false);
    const lines = await race(
      startChild('invite', path, reader, adIds.join(',')),
      startChild('invite', path, reader, adIds.join(',')),
    );
    for (const id of adIds) expect(wins(lines, id)).toBe(1);
    const losses = lines.filter((l) => l.startsWith('lost '));
    expect(losses).toHaveLength(ROUNDS);
    expect(losses.every((l) => l.endsWith(' already_invited'))).toBe(true);

    const db = new Database(path, { readonly: true });
    const counts = db
      .prepare('SELECT count(*) AS n FROM invites WHERE sender_id = ? GROUP BY ad_id')
      .pluck()
      .all(reader);
    expect(counts).toEqual(adIds.map(() => 1));
    // Each invite's accept/decline tokens were written with it, once.
    expect(db.prepare('SELECT count(*) FROM tokens').pluck().get()).toBe(2 * ROUNDS);
    db.close();
  }, 30_000);

  it('two dispatchers never lease the same entry and deliver every one', async () => {
    const path = tempPath('dispatch');
    const storage = openSqliteStorage({ path });
    const notify = (to: string, n: number): Effect => ({
      type: 'notify',
      to: to as UserId,
      text: 'relay.noChat',
      params: { n },
    });
    await storage.transaction((tx) =>
      tx.outbox.add(
        Array.from({ length: 300 }, (_, n) => ({ lane: `user:${n % 30}`, effect: notify('u', n) })),
        0,
      ),
    );
    await storage.close();
    const lines = await race(startChild('dispatch', path), startChild('dispatch', path));
    const delivered = lines.filter((l) => l.startsWith('delivered ')).map((l) => l.split(' ')[1]);
    expect(delivered).toHaveLength(300);
    expect(new Set(delivered).size).toBe(300);
  }, 30_000);

  it('subscriptions from both: every change bumps the shared version exactly once', async () => {
    const path = tempPath('subscribe');
    await openSqliteStorage({ path }).close();
    const lines = await race(
      startChild('subscribe', path, 'a', '40'),
      startChild('subscribe', path, 'b', '40'),
    );
    const versions = lines
      .filter((l) => l.startsWith('version '))
      .map((l) => Number(l.split(' ')[1]))
      .sort((x, y) => x - y);
    // Each transaction saw its own bump and no one else's: 1…80, each once.
    expect(versions).toEqual(Array.from({ length: 80 }, (_, n) => n + 1));
    const storage = openSqliteStorage({ path });
    expect(await storage.transaction((tx) => feedOf(tx).subscriptions.version())).toBe(80);
    expect(await storage.transaction((tx) => feedOf(tx).subscriptions.list())).toHaveLength(80);
    await storage.close();
  }, 30_000);

  it('racing the same messages: one claim per (source, message id), one new per content', async () => {
    const path = tempPath('ingest');
    await openSqliteStorage({ path }).close();
    const count = (lines: string[], n: number, result: string) =>
      lines.filter((l) => l === `${result} ${n}`).length;
    const same = await race(
      startChild('ingest', path, 's1', '40', 'a'),
      startChild('ingest', path, 's1', '40', 'a'),
    );
    // The same content from two sources: new from whichever came first, a repost from the other.
    const other = await race(
      startChild('ingest', path, 's2', '40', 'b'),
      startChild('ingest', path, 's3', '40', 'b'),
    );
    // Content seen before from any source is a repost.
    const again = await race(
      startChild('ingest', path, 's4', '40', 'a'),
      startChild('ingest', path, 's5', '40', 'b'),
    );
    for (let n = 0; n < 40; n++) {
      expect([count(same, n, 'new'), count(same, n, 'duplicate')]).toEqual([1, 1]);
      expect([count(other, n, 'new'), count(other, n, 'repost')]).toEqual([1, 1]);
      expect(count(again, n, 'repost')).toBe(2);
    }
  }, 30_000);
});

describe('two connections in one process', () => {
  const both = (path: string): [SqliteStorage, SqliteStorage] => [
    openSqliteStorage({ path }),
    openSqliteStorage({ path }),
  ];

  it('agree on one invite per (sender, ad) and one chat per invite', async () => {
    const [a, b] = both(tempPath('two'));
    const inserted = await Promise.all(
      [a, b, a, b].map((s, n) =>
        s.transaction((tx) => tx.invites.insert(records.invite(`i${n}`, 'u1', 'u2', 'a1'))),
      ),
    );
    expect(inserted.filter(Boolean)).toHaveLength(1);
    const chats = await Promise.all(
      [a, b, a, b].map((s, n) =>
        s.transaction((tx) => tx.chats.insert(records.chat(`c${n}`, 'i0', 'u2', 'u1'))),
      ),
    );
    expect(chats.filter(Boolean)).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('never lease the same outbox entry twice', async () => {
    const [a, b] = both(tempPath('two'));
    const effect: Effect = { type: 'notify', to: 'u' as UserId, text: 'relay.noChat' };
    await a.transaction((tx) =>
      tx.outbox.add(
        Array.from({ length: 50 }, (_, n) => ({ lane: `l${n % 10}`, effect })),
        0,
      ),
    );
    const leased: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batches = await Promise.all(
        [a, b].map((s) => s.transaction((tx) => tx.outbox.claim(0, 3, 1000))),
      );
      const ids = batches.flat().map((e) => e.id);
      leased.push(...ids);
      for (const id of ids) await a.transaction((tx) => tx.outbox.complete(id));
    }
    expect(leased).toHaveLength(50);
    expect(new Set(leased).size).toBe(50);
    await Promise.all([a.close(), b.close()]);
  });

  it("see each other's subscription changes in the version, which survives a restart", async () => {
    const path = tempPath('two');
    const [a, b] = both(path);
    const version = (s: SqliteStorage) => s.transaction((tx) => feedOf(tx).subscriptions.version());
    const put = (s: SqliteStorage, user: string) =>
      s.transaction((tx) =>
        feedOf(tx).subscriptions.put({
          userId: user as UserId,
          sources: [],
          keywords: ['собрание'],
          threshold: 0.5,
          updatedAt: 1,
        }),
      );
    const start = await version(b);
    await put(a, 'u1');
    expect(await version(b)).toBe(start + 1);
    await put(b, 'u1');
    await put(b, 'u2');
    expect(await version(a)).toBe(start + 3);
    // A rolled-back change leaves the version as it was.
    await expect(
      a.transaction(async (tx) => {
        await feedOf(tx).subscriptions.put({
          userId: 'u3' as UserId,
          sources: [],
          keywords: [],
          threshold: null,
          updatedAt: 2,
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await version(b)).toBe(start + 3);
    await Promise.all([a.close(), b.close()]);
    const reopened = openSqliteStorage({ path });
    expect(await version(reopened)).toBe(start + 3);
    await reopened.close();
  });
});
