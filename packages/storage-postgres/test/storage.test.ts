import { createBoard, createFeed, type Repositories, type UserId } from '@anonboard/core';
import { RecordingTransport, records, writeEveryTable } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresConnectionStringOptions } from '../src/index.js';
import { database, db } from './database.js';

const u = (id: string) => id as UserId;
/** A storage in a schema of its own. */
const open = (over: Omit<PostgresConnectionStringOptions, 'connectionString'> = {}) =>
  openPostgresStorage({
    connectionString: database().url,
    schema: database().schema(),
    max: 4,
    ...over,
  });

describe.skipIf(db === undefined)('transactions', () => {
  it('a repository kept past its transaction refuses to run', async () => {
    const storage = await open();
    const leaked = await storage.transaction(async (tx) => tx);
    await expect(leaked.inbox.claim('k', 1)).rejects.toMatchObject({
      name: 'PostgresStorageError',
      code: 'transaction_finished',
    });
    await storage.close();
  });

  it('a transaction started inside another joins it as a savepoint', async () => {
    const storage = await open();
    const claim = (tx: Repositories, key: string) => tx.inbox.claim(key, 1);
    await storage.transaction(async (outer) => {
      await claim(outer, 'outer');
      // Sees the outer writes; commits with the outer one.
      expect(await storage.transaction((inner) => claim(inner, 'outer'))).toBe(false);
      await storage.transaction((inner) => claim(inner, 'inner'));
      // A failing inner transaction rolls back only its own writes, even a failed statement.
      await expect(
        storage.transaction(async (inner) => {
          await claim(inner, 'undone');
          await inner.ads.insert(records.ad('a1', 'u1'));
          await inner.ads.insert(records.ad('a1', 'u1'));
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect(await claim(outer, 'after')).toBe(true);
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
    const storage = await open();
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
    const storage = await open({ max: 1 });
    const ad = records.ad('a1', 'u1');
    await expect(
      storage.transaction(async (tx) => {
        await tx.inbox.claim('k', 1);
        await tx.ads.insert(ad);
        await tx.ads.insert(ad);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    // The one connection went back to the pool usable.
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
    expect(await storage.transaction((tx) => tx.ads.get(ad.id))).toBeUndefined();
    await storage.close();
  });

  it('stores times as given, fractions of a millisecond included', async () => {
    const storage = await open();
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
    const storage = await open();
    const started = storage.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tx.inbox.claim('k', 1);
    });
    await storage.close();
    expect(await started).toBe(true);
    await expect(storage.transaction((tx) => tx.inbox.claim('k', 1))).rejects.toThrow(
      '[anonboard] [postgres] storage is closed',
    );
    await storage.close();
  });

  it('works without named statements (for poolers that do not support them)', async () => {
    const storage = await open({ preparedStatements: false });
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(false);
    await storage.close();
  });
});

/** Every row of every table of `schema`: which columns hold `pattern`, and rows per table. */
async function scan(schema: string, pattern: RegExp) {
  const pool = database().pool(1);
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
    [schema],
  );
  const found: string[] = [];
  const count = new Map<string, number>();
  for (const { name } of tables) {
    const { rows } = await pool.query(`SELECT * FROM "${schema}"."${name}"`);
    count.set(name, rows.length);
    for (const row of rows as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (pattern.test(JSON.stringify(value) ?? '')) found.push(`${name}.${column}`);
      }
    }
  }
  return { found: [...new Set(found)], count };
}

describe.skipIf(db === undefined)('people', () => {
  it('platform ids are stored in users.platform_id and nowhere else', async () => {
    const storage = await open();
    await writeEveryTable(storage);
    await storage.close();

    const { found, count } = await scan(storage.schema, /700700700|800800800/);
    expect(found).toEqual(['users.platform_id']);
    const { rows: people } = await database()
      .pool(1)
      .query(`SELECT platform_id FROM "${storage.schema}".users ORDER BY 1`);
    expect(people.map((r) => r.platform_id)).toEqual(['700700700', '800800800']);
    // Every table but the drained outbox was written, so the check above covered them.
    const empty = [...count].filter(([, rows]) => rows === 0).map(([name]) => name);
    // Tombstones are written only when someone blocked forgets (the next test scans them).
    expect(empty).toEqual(['outbox', 'outbox_lanes', 'tombstones']);
    expect(count.get('feed_items')).toBe(3); // the monitored post, the suggestion, the report
    expect(count.get('history')).toBe(2); // the two relays (the first message is the invite)
  });

  it('after /forgetme the platform id is nowhere, and the account starts afresh', async () => {
    const storage = await open();
    const board = createBoard({ storage, transport: new RecordingTransport() });
    const feed = createFeed({ storage, transport: new RecordingTransport() });
    const author = await board.identify({ platformId: '700700700' });
    const reader = await board.identify({ platformId: '800800800' });
    const ad = await board.publishAd({ author: author.id, title: 'Продам гараж' });
    const invite = await board.sendInvite({
      sender: reader.id,
      adId: ad.id,
      content: { kind: 'text', text: 'Здравствуйте, ещё продаёте?' },
    });
    const chat = await board.acceptInvite({ user: author.id, inviteId: invite.id });
    await board.receive({ user: reader.id, messageIds: [21], summary: 'Сколько стоит?' });
    await board.receive({ user: author.id, messageIds: [22], summary: 'Недорого' });
    await feed.subscribe({ user: reader.id, keywords: ['гараж'] });
    await board.dispatcher?.drain();
    // Blocked: forgetting leaves a tombstone, which the scan covers.
    await board.blockChat({ user: author.id, chatId: chat.id });

    expect(await board.forget({ user: reader.id })).toEqual({ messages: 1 });
    await board.dispatcher?.drain();
    const { found } = await scan(storage.schema, /800800800|ещё продаёте|Сколько стоит/);
    expect(found).toEqual([]);
    const kept = await storage.transaction(async (tx) => ({
      person: await tx.users.get(reader.id),
      invite: await tx.invites.get(invite.id),
      chat: await tx.chats.get(chat.id),
      history: await tx.history.ofChat(chat.id, 10),
      subscription: await tx.feed.subscriptions.get(reader.id),
    }));
    expect(kept).toMatchObject({
      person: { platformId: `forgotten:${reader.id}`, reachable: false, draftAdId: null },
      invite: { content: { kind: 'text', text: '' } },
      chat: { status: 'blocked' },
      history: [{ from: author.id, summary: 'Недорого' }],
      subscription: undefined,
    });
    const again = await board.identify({ platformId: '800800800' });
    expect(again.id).not.toBe(reader.id);
    // The tombstone brought the block back to the returning account.
    expect(await storage.transaction((tx) => tx.blocks.has(again.id, author.id))).toBe(true);
    await storage.close();
  });

  it('keeps ads searchable case-insensitively in any script, whatever the database collation', async () => {
    const storage = await open();
    await storage.transaction(async (tx) => {
      await tx.ads.insert(records.ad('a1', 'u1', { title: 'ПРОДАМ Гараж', createdAt: 1 }));
      await tx.ads.insert(records.ad('a2', 'u1', { title: 'Σπίτι ΠΩΛΕΙΤΑΙ', createdAt: 2 }));
      await tx.ads.insert(records.ad('a3', 'u2', { title: 'Ёлка', createdAt: 3 }));
    });
    const ids = async (search: string) =>
      (await storage.transaction((tx) => tx.ads.list({ limit: 10, search }))).map((a) => a.id);
    expect(await ids('гараж')).toEqual(['a1']);
    expect(await ids('πωλειται')).toEqual(['a2']);
    expect(await ids('ёлка')).toEqual(['a3']);
    expect(await ids('%')).toEqual([]);
    await storage.close();
  });
});
