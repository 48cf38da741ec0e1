import {
  type ChatId,
  createBoard,
  type HistoryRecord,
  type Storage,
  type UserId,
} from '@anonboard/core';
import { RecordingTransport, records } from '@anonboard/core/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../src/index.js';
import { database, db } from './database.js';

const u = (id: string) => id as UserId;
/** A history row PostgreSQL refuses: `text` cannot hold NUL (invalid byte sequence, 22021). */
const refused: HistoryRecord = {
  chatId: 'c1' as ChatId,
  from: u('a'),
  to: u('b'),
  messageIds: [1],
  summary: 'nul \u0000',
  at: 1,
};
const accepted: HistoryRecord = { ...refused, summary: 'fine' };

/** Connections the storage can be given: its own pool (pipeline mode) or a host's (without). */
const pools: [string, () => Promise<Storage>][] = [
  [
    'its own pool, in pipeline mode',
    () =>
      openPostgresStorage({
        connectionString: database().url,
        schema: database().schema(),
        max: 1,
      }),
  ],
  [
    'a host pool without pipeline mode',
    () => openPostgresStorage({ pool: database().pool(1), schema: database().schema() }),
  ],
];

/** Round trips and statements counted while `counting` is on (see CountingClient). */
let counting = false;
let trips = 0;
let statements = 0;
/**
 * Counts round trips: a statement sent after an answer came (since this connection last sent
 * one) had to wait for it, so it starts one; statements sent without waiting share it.
 */
class CountingClient extends pg.Client {
  private answered = true;
  override query(...args: unknown[]): never {
    const [config] = args as [string | { text: string }];
    const text = typeof config === 'string' ? config : config.text;
    // The NOTIFY after a commit runs on its own connection, after the relay.
    if (counting && !text.includes('pg_notify')) {
      statements++;
      if (this.answered) trips++;
    }
    this.answered = false;
    const done = () => {
      this.answered = true;
    };
    const result = (super.query as (...a: unknown[]) => Promise<unknown> | undefined)(...args);
    // pool.query (the NOTIFY) passes a callback and gets no promise: not counted anyway.
    if (result === undefined) done();
    else result.then(done, done);
    return result as never;
  }
}

/** A storage on a pool of `max` connections in pipeline mode whose round trips are counted. */
async function countingStorage(max: number): Promise<{ pool: pg.Pool; storage: Storage }> {
  const pool = new pg.Pool({
    connectionString: database().url,
    max,
    pipeline: true,
    Client: CountingClient,
  });
  pool.on('error', () => undefined);
  return { pool, storage: await openPostgresStorage({ pool, schema: database().schema() }) };
}

describe.skipIf(db === undefined)('writes sent without waiting for their answers', () => {
  for (const [name, open] of pools) {
    it(`one that fails fails its transaction with its own error, and nothing commits (${name})`, async () => {
      const storage = await open();
      // Failing before a read that is awaited: the read reports the write's failure.
      await expect(
        storage.transaction(async (tx) => {
          await tx.inbox.claim('k', 1);
          await tx.history.add(refused);
          await tx.outbox.add(
            [{ lane: 'l', effect: { type: 'publish', channel: 'c', text: 't' } }],
            1,
          );
          return tx.inbox.claim('k2', 1);
        }),
      ).rejects.toMatchObject({ code: '22021' });
      // Failing last: the commit reports it.
      await expect(storage.transaction((tx) => tx.history.add(refused))).rejects.toMatchObject({
        code: '22021',
      });
      // Nothing of either committed, and the one connection went back to the pool usable.
      expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
      expect(await storage.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 0 });
      expect(await storage.transaction((tx) => tx.history.ofChat(refused.chatId, 10))).toEqual([]);
      await storage.close();
    });

    it(`one that fails in a savepoint rolls back only the savepoint (${name})`, async () => {
      const storage = await open();
      await storage.transaction(async (outer) => {
        await outer.inbox.claim('outer', 1);
        await expect(
          storage.transaction(async (inner) => {
            await inner.inbox.claim('undone', 1);
            await inner.history.add(refused);
          }),
        ).rejects.toMatchObject({ code: '22021' });
        await outer.history.add(accepted);
      });
      const seen = await storage.transaction(async (tx) => ({
        outer: await tx.inbox.claim('outer', 2),
        undone: await tx.inbox.claim('undone', 2),
        history: (await tx.history.ofChat(accepted.chatId, 10)).map((r) => r.summary),
      }));
      expect(seen).toEqual({ outer: false, undone: true, history: ['fine'] });
      await storage.close();
    });
  }

  it('a relay takes two round trips on a pool in pipeline mode, three from a platform update', async () => {
    const { pool, storage } = await countingStorage(2);
    await storage.transaction(async (tx) => {
      for (const id of ['author', 'reader']) {
        await tx.users.ensure({ id: u(id), platformId: id, locale: 'ru', at: 0 });
      }
      await tx.ads.insert(records.ad('ad1', 'author'));
      await tx.invites.insert(
        records.invite('i1', 'reader', 'author', 'ad1', {
          status: 'accepted',
          decidedAt: 1,
          chatId: 'c1' as ChatId,
        }),
      );
      await tx.chats.insert(records.chat('c1', 'i1', 'author', 'reader'));
    });
    const transport = new RecordingTransport();
    const board = createBoard({ storage, transport });
    const count = async (relay: () => Promise<unknown>) => {
      trips = statements = 0;
      counting = true;
      await relay();
      counting = false;
      return { trips, statements };
    };
    await board.receive({ user: u('reader'), messageIds: [1] }); // prepares the statements
    // BEGIN with the sender, the cooldown, the take (asked ahead) and the active chats | the
    // history row and the outbox entries with COMMIT.
    expect(await count(() => board.receive({ user: u('reader'), messageIds: [2] }))).toEqual({
      trips: 2,
      statements: 9,
    });
    // As the bot receives it: BEGIN with the update's key and the sender by platform id | the
    // cooldown, the take and the active chats | the writes with COMMIT.
    const update = (id: number) => () =>
      board.receive({ user: { platformId: 'reader' }, messageIds: [id], key: `tg:1:${id}` });
    await update(3)();
    expect(await count(update(4))).toEqual({ trips: 3, statements: 10 });
    await board.dispatcher?.drain();
    expect(transport.sent.filter((s) => s.kind === 'copy')).toHaveLength(4);
    await storage.close();
    await pool.end();
  });
  it('a transaction’s completions and message links leave as one statement per kind', async () => {
    const { pool, storage } = await countingStorage(1);
    const effect = (to: string) => ({
      type: 'notify' as const,
      to: u(to),
      text: 'relay.noChat' as const,
    });
    // Lane a holds two entries, lanes b and c one each: the claim leases the three heads.
    await storage.transaction((tx) =>
      tx.outbox.add(
        ['a', 'a', 'b', 'c'].map((to) => ({ lane: `user:${to}`, effect: effect(to) })),
        1,
      ),
    );
    const leased = await storage.transaction((tx) => tx.outbox.claim(2, 10, 60_000));
    expect(leased.map((e) => e.lane)).toEqual(['user:a', 'user:b', 'user:c']);
    trips = statements = 0;
    counting = true;
    await storage.transaction(async (tx) => {
      for (const [i, entry] of leased.entries()) {
        await tx.outbox.complete(entry.id);
        await tx.messages.link(
          'c1' as ChatId,
          { userId: u('a'), messageId: i },
          { userId: u('b'), messageId: 10 + i },
        );
      }
    });
    counting = false;
    // BEGIN with the lanes' locks, the completions and the links, then COMMIT.
    expect({ trips, statements }).toEqual({ trips: 1, statements: 5 });
    const after = await storage.transaction(async (tx) => ({
      next: (await tx.outbox.claim(3, 10, 60_000)).map((e) => e.lane),
      stats: await tx.outbox.stats(),
      links: await Promise.all(
        [0, 1, 2].map(async (i) => [
          (await tx.messages.find({ userId: u('a'), messageId: i }))?.peer.messageId,
          (await tx.messages.find({ userId: u('b'), messageId: 10 + i }))?.peer.messageId,
        ]),
      ),
    }));
    // Lane a moved on to its second entry; lanes b and c are gone with their only entries.
    expect(after).toEqual({
      next: ['user:a'],
      stats: { pending: 1, dead: 0 },
      links: [
        [10, 0],
        [11, 1],
        [12, 2],
      ],
    });
    await storage.close();
    await pool.end();
  });
  it('point reads asked in one turn leave as one statement, in order with the writes around them', async () => {
    const { pool, storage } = await countingStorage(1);
    await storage.transaction(async (tx) => {
      for (const id of ['a', 'b']) {
        await tx.users.ensure({ id: u(id), platformId: id, locale: 'ru', at: 0 });
      }
    });
    trips = statements = 0;
    counting = true;
    const seen = await storage.transaction(async (tx) => {
      const people = Promise.all(['a', 'b', 'a', 'nobody'].map((id) => tx.users.get(u(id))));
      return (await people).map((p) => p?.locale);
    });
    counting = false;
    // BEGIN with one read of the three people, then COMMIT.
    expect({ seen, trips, statements }).toEqual({
      seen: ['ru', 'ru', 'ru', undefined],
      trips: 2,
      statements: 3,
    });
    // A read asked before a write answers what was there; one asked after it, what it wrote.
    const ordered = await storage.transaction(async (tx) => {
      const before = tx.users.get(u('a'));
      const changed = tx.users.update(u('a'), { locale: 'en' });
      const after = tx.users.get(u('a'));
      const other = tx.users.get(u('b'));
      await changed;
      return [(await before)?.locale, (await after)?.locale, (await other)?.locale];
    });
    expect(ordered).toEqual(['ru', 'en', 'ru']);
    await storage.close();
    await pool.end();
  });
});
