import { existsSync, readFileSync } from 'node:fs';
import {
  type AdId,
  type ChatId,
  createBoard,
  type FeedRepositories,
  type ItemId,
  type Repositories,
  type SourceId,
  type UserId,
} from '@anonboard/core';
import { RecordingTransport, records, writeEveryTable } from '@anonboard/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage, SqliteStorageError } from '../src/index.js';
import { feedItem, feedOf, reportItem } from './feed-records.js';
import { tempPath } from './temp.js';

const u = (id: string) => id as UserId;

describe('transactions', () => {
  it('a repository kept past its transaction refuses to run', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const leaked = await storage.transaction(async (tx) => tx);
    await expect(leaked.inbox.claim('k', 1)).rejects.toMatchObject({
      name: 'SqliteStorageError',
      code: 'transaction_finished',
    });
    await storage.close();
  });

  it('a transaction started inside another joins it as a savepoint', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const claim = (tx: Repositories, key: string) => tx.inbox.claim(key, 1);
    await storage.transaction(async (outer) => {
      await claim(outer, 'outer');
      // Sees the outer writes; its own commit with the outer one.
      expect(await storage.transaction((inner) => claim(inner, 'outer'))).toBe(false);
      await storage.transaction((inner) => claim(inner, 'inner'));
      // A failing inner transaction rolls back only its own writes.
      await expect(
        storage.transaction(async (inner) => {
          await claim(inner, 'undone');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    const seen = await storage.transaction(async (tx) => ({
      outer: await claim(tx, 'outer'),
      inner: await claim(tx, 'inner'),
      undone: await claim(tx, 'undone'),
    }));
    expect(seen).toEqual({ outer: false, inner: false, undone: true });

    // An outer transaction that fails takes its inner ones with it.
    await expect(
      storage.transaction(async () => {
        await storage.transaction((inner) => claim(inner, 'gone'));
        throw new Error('outer');
      }),
    ).rejects.toThrow('outer');
    expect(await storage.transaction((tx) => claim(tx, 'gone'))).toBe(true);
    await storage.close();
  });

  it('an inner transaction left running finishes inside the outer one, even when it fails', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    let inner: Promise<boolean> | undefined;
    await expect(
      storage.transaction(async () => {
        inner = storage.transaction(async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return tx.inbox.claim('late', 1);
        });
        throw new Error('outer');
      }),
    ).rejects.toThrow('outer');
    expect(await inner).toBe(true);
    // Rolled back with the outer transaction, not committed on its own.
    expect(await storage.transaction((tx) => tx.inbox.claim('late', 2))).toBe(true);
    await storage.close();
  });

  it('a failed statement rolls the transaction back and the storage goes on', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const ad = records.ad('a1', 'u1');
    await expect(
      storage.transaction(async (tx) => {
        await tx.inbox.claim('k', 1);
        await tx.ads.insert(ad);
        await tx.ads.insert(ad);
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
    expect(await storage.transaction((tx) => tx.ads.get(ad.id))).toBeUndefined();
    await storage.close();
  });

  it('waits for a lock held by another connection without blocking the event loop', async () => {
    const path = tempPath();
    const storage = openSqliteStorage({ path });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const waiting = storage.transaction((tx) => tx.inbox.claim('k', 1));
    // Timers still fire while the storage waits for the lock.
    await new Promise((resolve) => setTimeout(resolve, 20));
    other.exec('COMMIT');
    expect(await waiting).toBe(true);

    const impatient = openSqliteStorage({ path, busyTimeoutMs: 30 });
    other.exec('BEGIN IMMEDIATE');
    await expect(impatient.transaction((tx) => tx.inbox.claim('k2', 1))).rejects.toMatchObject({
      code: 'busy',
    });
    other.exec('ROLLBACK');
    expect(await impatient.transaction((tx) => tx.inbox.claim('k2', 1))).toBe(true);
    other.close();
    await Promise.all([storage.close(), impatient.close()]);
  });

  it('transactions that arrive together commit together, each atomic on its own', async () => {
    const path = tempPath();
    const storage = openSqliteStorage({ path });
    const reader = new Database(path, { readonly: true });
    const committed = (key: string) =>
      reader.prepare('SELECT 1 FROM inbox WHERE key = ?').get(key) !== undefined;
    const claim = (key: string) => storage.transaction((tx) => tx.inbox.claim(key, 1));
    const failing = (key: string) =>
      storage.transaction(async (tx) => {
        await tx.inbox.claim(key, 1);
        throw new Error(`unit ${key}`);
      });

    // The first one fails (it ran alone in its transaction: a rollback undoes only it), one in
    // the middle fails (its savepoint is undone), the others commit once, together.
    const seenWhenFirstCommitted: Record<string, boolean> = {};
    const units = [
      failing('first'),
      claim('a').then((value) => {
        for (const key of ['a', 'b', 'c']) seenWhenFirstCommitted[key] = committed(key);
        return value;
      }),
      failing('middle'),
      claim('b'),
      claim('c'),
    ];
    const outcomes = await Promise.allSettled(units);
    expect(outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(outcomes[2]).toMatchObject({ reason: { message: 'unit middle' } });
    // 'a' settled only once its commit had happened, and that commit held 'b' and 'c' as well.
    expect(seenWhenFirstCommitted).toEqual({ a: true, b: true, c: true });
    expect(['first', 'middle'].map(committed)).toEqual([false, false]);
    // A transaction started later sees them all.
    expect(
      await storage.transaction(async (tx) => [
        await tx.inbox.claim('a', 1),
        await tx.inbox.claim('middle', 1),
      ]),
    ).toEqual([false, true]);
    reader.close();
    await storage.close();
  });

  it('stores times as given, fractions of a millisecond included', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const user = await storage.transaction((tx) =>
      tx.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1.25 }),
    );
    expect(user.createdAt).toBe(1.25);
    await storage.transaction((tx) =>
      tx.outbox.add([{ lane: 'l', effect: { type: 'publish', channel: 'c', text: 't' } }], 0),
    );
    const [entry] = await storage.transaction((tx) => tx.outbox.claim(0, 1, 10));
    await storage.transaction((tx) => tx.outbox.retry(entry?.id ?? 0, 99.5, 'slow'));
    expect(await storage.transaction((tx) => tx.outbox.claim(99.4, 1, 10))).toEqual([]);
    expect(await storage.transaction((tx) => tx.outbox.claim(99.5, 1, 10))).toHaveLength(1);
    await storage.close();
  });

  it('close waits for started transactions, then refuses new ones', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const started = storage.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tx.inbox.claim('k', 1);
    });
    await storage.close();
    expect(await started).toBe(true);
    await expect(storage.transaction((tx) => tx.inbox.claim('k', 1))).rejects.toThrow(
      '[anonboard] [sqlite] storage is closed',
    );
    await storage.close();
  });
});

describe('backup', () => {
  it('copies the database to a file that opens with the same data', async () => {
    const storage = openSqliteStorage({ path: tempPath('live') });
    await storage.transaction((tx) =>
      tx.users.ensure({ id: u('u1'), platformId: '42', locale: 'en', at: 1 }),
    );
    const copy = tempPath('backup');
    await storage.backup(copy);
    await storage.transaction((tx) => tx.inbox.claim('after', 2));
    await storage.close();

    const restored = openSqliteStorage({ path: copy });
    expect(await restored.transaction((tx) => tx.users.getByPlatformId('42'))).toMatchObject({
      id: 'u1',
      locale: 'en',
    });
    // Taken before the later write.
    expect(await restored.transaction((tx) => tx.inbox.claim('after', 3))).toBe(true);
    await restored.close();
  });

  it('refuses to copy a database onto itself', async () => {
    const path = tempPath();
    const storage = openSqliteStorage({ path });
    await expect(storage.backup(path)).rejects.toBeInstanceOf(SqliteStorageError);
    await storage.close();
  });
});

/** Every `table.column` of the database at `path` holding a value that matches `pattern`. */
function columnsHolding(path: string, pattern: RegExp): string[] {
  const db = new Database(path, { readonly: true });
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const found = new Set<string>();
  for (const table of names) {
    for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (pattern.test(String(value))) found.add(`${table}.${column}`);
      }
    }
  }
  db.close();
  return [...found].sort();
}

describe('people', () => {
  it('platform ids are stored in users.platform_id and nowhere else, until forgotten', async () => {
    const path = tempPath('privacy');
    const storage = openSqliteStorage({ path });
    const { author, reader, transport } = await writeEveryTable(storage);
    await storage.close();

    expect(columnsHolding(path, /700700700|800800800/)).toEqual(['users.platform_id']);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT platform_id FROM users ORDER BY 1').pluck().all()).toEqual([
      '700700700',
      '800800800',
    ]);
    expect(db.prepare('SELECT count(*) FROM message_links').pluck().get()).toBeGreaterThan(0);
    // Every feed table was written too, so the check above covered them.
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    const feedTables = (tables as string[]).filter((name) => name.startsWith('feed_'));
    expect(feedTables.filter((table) => count(table) === 0)).toEqual([]);
    expect(count('feed_items')).toBe(3);
    // So were the safety tables.
    expect([count('history'), count('limit_hits'), count('limit_cooldowns')]).not.toContain(0);
    // A source's ref names a channel, not a person.
    expect(db.prepare('SELECT ref FROM feed_sources').pluck().all()).toEqual(['-1001234']);
    db.close();

    // /forgetme: the reader's platform id goes from the last place it was, with what they sent.
    const reopened = openSqliteStorage({ path });
    const later = createBoard({ storage: reopened, transport });
    expect(await later.forget({ user: reader.id })).toEqual({ messages: 1 });
    await reopened.close();
    expect(columnsHolding(path, /800800800/)).toEqual([]);
    expect(columnsHolding(path, /700700700/)).toEqual(['users.platform_id']);
    const forgotten = new Database(path, { readonly: true });
    const sent = forgotten.prepare('SELECT count(*) FROM history WHERE from_id = ?').pluck();
    expect([sent.get(reader.id), sent.get(author.id)]).toEqual([0, 1]);
    // The reader had blocked the author: a tombstone keeps that, under a keyed hash only (the
    // scan above covered it).
    expect(forgotten.prepare('SELECT count(*) FROM tombstones').pluck().get()).toBe(1);
    forgotten.close();
  });

  it('after /forgetme neither the file nor its WAL holds the platform id or the texts, even as free space', async () => {
    const path = tempPath('bytes');
    const storage = openSqliteStorage({ path });
    const board = createBoard({ storage, transport: new RecordingTransport() });
    const reader = await board.identify({ platformId: '987654321' });
    const author = await board.identify({ platformId: '123123123' });
    const ad = await board.publishAd({ author: author.id, title: 'Lamp' });
    await board.sendInvite({
      sender: reader.id,
      adId: ad.id,
      content: { kind: 'text', text: 'zebra crossing at noon' },
    });
    await board.dispatcher?.drain();
    const bytes = (suffix: string) =>
      existsSync(`${path}${suffix}`) ? readFileSync(`${path}${suffix}`) : Buffer.alloc(0);
    const holds = (needle: string) =>
      ['', '-wal'].filter((suffix) => bytes(suffix).includes(Buffer.from(needle)));
    expect(holds('987654321')).not.toEqual([]); // the probe sees them before

    await board.forget({ user: reader.id });
    // While the storage is open (the WAL was truncated) and after it closed.
    expect([holds('987654321'), holds('zebra crossing')]).toEqual([[], []]);
    await storage.close();
    expect([holds('987654321'), holds('zebra crossing')]).toEqual([[], []]);
  });

  it('keeps ads searchable case-insensitively in any script', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    await storage.transaction(async (tx) => {
      await tx.ads.insert(records.ad('a1', 'u1', { title: 'ЁЛКА', text: 'Straße' }));
      await tx.ads.insert(records.ad('a2', 'u1', { title: 'Ёлочные игрушки' }));
    });
    const ids = async (search: string) =>
      (await storage.transaction((tx) => tx.ads.list({ limit: 10, search }))).map((a) => a.id);
    expect(await ids('ёл')).toEqual(['a2', 'a1'] as AdId[]);
    expect(await ids('STRASSE')).toEqual([]);
    expect(await ids('straße')).toEqual(['a1']);
    await storage.close();
  });
});

describe('reads inside one transaction', () => {
  /** Counts the statements run on `storage`'s connection whose SQL starts with `prefix`. */
  function counting(storage: ReturnType<typeof openSqliteStorage>, prefix: string) {
    const db = (storage as unknown as { db: Database.Database }).db;
    type Run = (this: { source: string }, ...args: unknown[]) => unknown;
    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as { get: Run; all: Run };
    const { get, all } = proto;
    const counter = {
      n: 0,
      restore: () => Object.assign(proto, { get, all }),
    };
    const counted = (run: Run): Run =>
      function (this: { source: string }, ...args: unknown[]) {
        if (this.source.trimStart().startsWith(prefix)) counter.n++;
        return run.apply(this, args);
      };
    Object.assign(proto, { get: counted(get), all: counted(all) });
    return counter;
  }

  it('a person or a chat read again in the same transaction is not read twice, and a write in between is seen', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    await storage.transaction(async (tx) => {
      await tx.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1 });
      await tx.users.ensure({ id: u('u2'), platformId: '2', locale: 'ru', at: 1 });
      await tx.chats.insert(records.chat('c1', 'i1', 'u1', 'u2'));
    });
    const reads = counting(storage, 'SELECT');
    try {
      await storage.transaction(async (tx) => {
        const user = await tx.users.getByPlatformId('1');
        const [chat] = await tx.chats.listActiveFor(u('u1'));
        const chatId = chat?.id as ChatId;
        expect(await tx.users.get(u('u1'))).toEqual(user);
        expect(await tx.chats.get(chatId)).toEqual(chat);
        expect(reads.n).toBe(2);
        await tx.users.update(u('u1'), { banned: true });
        const ended = {
          ...(chat as NonNullable<typeof chat>),
          status: 'ended' as const,
          endedAt: 2,
          endedBy: u('u1'),
          reason: 'ended' as const,
        };
        await tx.chats.update(ended, 'active');
        expect((await tx.users.get(u('u1')))?.banned).toBe(true);
        expect((await tx.chats.get(chatId))?.status).toBe('ended');
      });
    } finally {
      reads.restore();
    }
    await storage.close();
  });

  it('what a nested transaction writes is seen by the one around it', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    await storage.transaction((tx) =>
      tx.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1 }),
    );
    await storage.transaction(async (tx) => {
      expect((await tx.users.get(u('u1')))?.reachable).toBe(true);
      await storage.transaction((inner) => inner.users.update(u('u1'), { reachable: false }));
      expect((await tx.users.get(u('u1')))?.reachable).toBe(false);
    });
    await storage.close();
  });
});

describe('monitoring feed', () => {
  it('the database refuses rows whose fields do not fit their status or kind', async () => {
    const path = tempPath();
    const storage = openSqliteStorage({ path });
    await storage.transaction(async (tx) => {
      await tx.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1 });
      await tx.chats.insert(records.chat('c1', 'i1', 'u1', 'u2'));
      await feedOf(tx).items.insert(feedItem('i1'));
      await feedOf(tx).items.insert(reportItem('r1'));
      await feedOf(tx).ingest.claim({
        sourceId: 's1' as SourceId,
        messageId: 1,
        contentHash: '',
        at: 1,
      });
    });
    await storage.close();
    const db = new Database(path);
    const refuses = (sql: string) =>
      expect(() => db.exec(sql)).toThrow(
        expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }),
      );
    // A claim without its admin, a decision without its time, a queued item with a reason.
    refuses("UPDATE feed_items SET status = 'claimed'");
    refuses("UPDATE feed_items SET status = 'approved', decided_by = 'a1'");
    refuses("UPDATE feed_items SET reason = 'spam'");
    // A suggestion without its author; a score without its scorer.
    refuses("UPDATE feed_items SET origin_kind = 'suggestion' WHERE id = 'i1'");
    refuses("UPDATE feed_items SET score_scorer = NULL WHERE id = 'i1'");
    // A report without its evidence, evidence on another kind, a resolution without its
    // outcome, an outcome while queued, a resolved item that is not a report.
    refuses("UPDATE feed_items SET origin_evidence = NULL WHERE id = 'r1'");
    refuses("UPDATE feed_items SET origin_evidence = '[]' WHERE id = 'i1'");
    refuses(
      "UPDATE feed_items SET status = 'resolved', decided_by = 'a1', decided_at = 1 WHERE id = 'r1'",
    );
    refuses("UPDATE feed_items SET outcome = 'warned' WHERE id = 'r1'");
    refuses(`UPDATE feed_items SET status = 'resolved', decided_by = 'a1', decided_at = 1,
      outcome = 'banned' WHERE id = 'i1'`);
    refuses(`UPDATE feed_items SET status = 'resolved', decided_by = 'a1', decided_at = 1,
      outcome = 'kicked' WHERE id = 'r1'`);
    // Bans are yes or no; a chat ends for a known reason.
    refuses('UPDATE users SET banned = 2');
    refuses("UPDATE chats SET status = 'ended', ended_at = 2, reason = 'kicked'");
    // An item only for messages that became one; thresholds within 0..1; one settings row.
    refuses("UPDATE feed_ingest SET outcome = 'dropped_score', item_id = 'i1'");
    refuses(`INSERT INTO feed_subscriptions (user_id, sources, keywords, threshold, updated_at)
      VALUES ('u1', '[]', '[]', 1.5, 1)`);
    refuses(`INSERT INTO feed_settings (id, channel, admins, default_threshold, topic)
      VALUES (2, NULL, '[]', 0.5, '')`);
    db.close();
  });

  it('an item round-trips through every status change, written as compare-and-set', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const tx = <T>(fn: (feed: FeedRepositories) => Promise<T>) =>
      storage.transaction((r) => fn(feedOf(r)));
    const queued = feedItem('i1', {
      origin: { kind: 'suggestion', authorId: u('u9') },
      media: {
        files: [
          { kind: 'photo', fileId: 'AgAC-3' },
          { kind: 'video', fileId: 'BAAC-4' },
        ],
      },
      score: null,
      interested: [],
      createdAt: 1.5,
    });
    await tx((f) => f.items.insert(queued));
    const steps = [
      { ...queued, status: 'claimed', claimedBy: u('a1'), claimedAt: 2 },
      { ...queued, status: 'queued' },
      { ...queued, status: 'approved', decidedBy: u('a1'), decidedAt: 3 },
      { ...queued, status: 'published', decidedBy: u('a1'), decidedAt: 3, publishedAt: 4 },
    ] as const;
    let current = queued;
    for (const next of steps) {
      expect(await tx((f) => f.items.update(next, 'rejected'))).toBe(false);
      expect(await tx((f) => f.items.update(next, current.status))).toBe(true);
      expect(await tx((f) => f.items.get(next.id))).toEqual(next);
      current = next;
    }
    expect(await tx((f) => f.items.listOpen(10))).toEqual([]);
    expect(await tx((f) => f.items.get('i9' as ItemId))).toBeUndefined();
    await storage.close();
  });

  it('media stored before items carried file ids reads back as none, the item intact', async () => {
    const path = tempPath();
    const storage = openSqliteStorage({ path });
    const item = feedItem('i1', { media: { files: [{ kind: 'photo', fileId: 'AgAC-1' }] } });
    await storage.transaction((r) => feedOf(r).items.insert(item));
    await storage.close();
    const db = new Database(path);
    db.prepare(`UPDATE feed_items SET media = '{"from":"u9","messageIds":[3,4]}'`).run();
    db.close();
    const reopened = openSqliteStorage({ path });
    const read = await reopened.transaction((r) => feedOf(r).items.get(item.id));
    expect(read).toEqual({ ...item, media: null });
    await reopened.close();
  });
});

describe('safety', () => {
  it('a report round-trips to resolved; a ban and a new platform id are stored', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const tx = <T>(fn: (r: Repositories) => Promise<T>) => storage.transaction(fn);
    const queued = reportItem('r1');
    await tx((r) => feedOf(r).items.insert(queued));
    const claimed = { ...queued, status: 'claimed', claimedBy: u('a1'), claimedAt: 60 } as const;
    const resolved = {
      ...queued,
      status: 'resolved',
      decidedBy: u('a1'),
      decidedAt: 61,
      outcome: 'dismissed',
    } as const;
    expect(await tx((r) => feedOf(r).items.update(claimed, 'queued'))).toBe(true);
    expect(await tx((r) => feedOf(r).items.update(resolved, 'queued'))).toBe(false);
    expect(await tx((r) => feedOf(r).items.update(resolved, 'claimed'))).toBe(true);
    expect(await tx((r) => feedOf(r).items.get(queued.id))).toEqual(resolved);
    expect(await tx((r) => feedOf(r).items.listOpen(10))).toEqual([]);

    await tx(async (r) => {
      await r.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 1 });
      await r.users.ensure({ id: u('u2'), platformId: '2', locale: 'ru', at: 1 });
      await r.users.update(u('u1'), { banned: true });
    });
    expect(await tx((r) => r.users.get(u('u1')))).toMatchObject({ banned: true, platformId: '1' });
    // A platform id is one person's: re-pointing onto a taken one is a bug, and fails loudly.
    await expect(tx((r) => r.users.update(u('u1'), { platformId: '2' }))).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(await tx((r) => r.users.getByPlatformId('2'))).toMatchObject({ id: 'u2' });
    await storage.close();
  });

  it('two connections taking the same limit: exactly `max` allowed in the window', async () => {
    const path = tempPath();
    const a = openSqliteStorage({ path });
    const b = openSqliteStorage({ path });
    const take = (s: typeof a, now: number) =>
      s.transaction((r) => r.limits.take('relay:u1', now, 1000, 5));
    const taken = await Promise.all(
      Array.from({ length: 10 }, (_, n) => take(n % 2 === 0 ? a : b, 100)),
    );
    expect(taken.filter((t) => t.allowed)).toHaveLength(5);
    expect(new Set(taken.map((t) => t.oldest))).toEqual(new Set([100]));
    // One row per allowed hit, and a take past the window forgets them.
    expect(await take(a, 1100)).toEqual({ allowed: true, oldest: 1100 });
    await Promise.all([a.close(), b.close()]);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT at FROM limit_hits').pluck().all()).toEqual([1100]);
    db.close();
  });

  it('history: the last messages of a chat, oldest first; a purge goes in bounded steps', async () => {
    const storage = openSqliteStorage({ path: tempPath() });
    const tx = <T>(fn: (r: Repositories) => Promise<T>) => storage.transaction(fn);
    await tx(async (r) => {
      for (let at = 1; at <= 30; at++) {
        await r.history.add({
          chatId: (at % 3 === 0 ? 'c2' : 'c1') as ChatId,
          from: u(at % 2 === 0 ? 'a' : 'b'),
          to: u(at % 2 === 0 ? 'b' : 'a'),
          messageIds: [at, at + 100],
          summary: `m${at}`,
          at,
        });
      }
    });
    const last = await tx((r) => r.history.lastOfChat('c1' as ChatId, 3));
    expect(last.map((m) => m.summary)).toEqual(['m26', 'm28', 'm29']);
    expect(last[2]).toEqual({
      chatId: 'c1',
      from: 'b',
      to: 'a',
      messageIds: [29, 129],
      summary: 'm29',
      at: 29,
    });
    expect(await tx((r) => r.history.purgeBefore(21, 8))).toBe(8);
    expect(await tx((r) => r.history.purgeBefore(21, 8))).toBe(8);
    expect(await tx((r) => r.history.purgeBefore(21, 8))).toBe(4);
    expect((await tx((r) => r.history.ofChat('c2' as ChatId, 2))).map((m) => m.at)).toEqual([
      21, 24,
    ]);
    await storage.close();
  });
});
