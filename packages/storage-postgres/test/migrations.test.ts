import type {
  AdId,
  Chat,
  ChatId,
  Invite,
  InviteId,
  ItemId,
  ModerationItem,
  UserId,
} from '@anonboard/core';
import { records } from '@anonboard/core/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  type Migration,
  migrate,
  migrations,
  openPostgresStorage,
  PostgresStorageError,
  schemaVersion,
} from '../src/index.js';
import { database, db } from './database.js';

const latest = migrations.at(-1)?.version ?? 0;
const u = (id: string) => id as UserId;
const ad = (id: string) => id as AdId;
const invite = (id: string) => id as InviteId;
const chat = (id: string) => id as ChatId;
const item = (id: string) => id as ItemId;

describe.skipIf(db === undefined)('migrations', () => {
  it('are numbered 1, 2, 3, …', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: migrations.length }, (_, n) => n + 1),
    );
  });

  it('two instances opening a fresh database at once migrate it once', async () => {
    const url = await database().fresh();
    const storages = await Promise.all(
      Array.from({ length: 3 }, () => openPostgresStorage({ connectionString: url, max: 2 })),
    );
    // Exactly one of them ran the migrations; the others waited on the lock and found them done.
    expect(storages.map((s) => s.migration.from).sort()).toEqual([0, latest, latest]);
    expect(storages.every((s) => s.migration.to === latest)).toBe(true);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const { rows } = await pool.query('SELECT version, name FROM anonboard.migrations ORDER BY 1');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    // And all of them work on the same tables.
    const claims = await Promise.all(
      storages.map((s) => s.transaction((tx) => tx.inbox.claim('same', 1))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    await Promise.all([...storages.map((s) => s.close()), pool.end()]);
  });

  it('a custom schema keeps every table out of public', async () => {
    const url = await database().fresh();
    const storage = await openPostgresStorage({ connectionString: url, schema: 'board_data' });
    await storage.transaction((tx) => tx.inbox.claim('k', 1));
    await storage.close();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const tables = async (schema: string) =>
      (
        await pool.query<{ name: string }>(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        )
      ).rows.map((r) => r.name);
    expect(await tables('public')).toEqual([]);
    expect(await tables('board_data')).toEqual(
      expect.arrayContaining(['migrations', 'users', 'outbox', 'outbox_lanes', 'feed_items']),
    );
    expect((await pool.query('SELECT key FROM board_data.inbox')).rows).toEqual([{ key: 'k' }]);
    await pool.end();
  });

  it('refuses a schema newer than the code, and leaves it untouched', async () => {
    const schema = database().schema();
    await (await openPostgresStorage({ connectionString: database().url, schema })).close();
    const pool = database().pool(1);
    await pool.query(`INSERT INTO ${schema}.migrations (version, name) VALUES (99, 'future')`);
    await pool.query(`INSERT INTO ${schema}.inbox (key, at) VALUES ('kept', 1)`);
    const opening = openPostgresStorage({ connectionString: database().url, schema });
    await expect(opening).rejects.toThrow(
      `[anonboard] [postgres] schema "${schema}" is at v99, newer than this code (v${latest}): upgrade @anonboard/storage-postgres`,
    );
    await expect(opening).rejects.toMatchObject({ code: 'schema_too_new', schema });
    expect((await pool.query(`SELECT key FROM ${schema}.inbox`)).rows).toEqual([{ key: 'kept' }]);
    const client = await pool.connect();
    expect(await schemaVersion(client, schema)).toBe(99);
    client.release();
  });

  it('an older schema is upgraded step by step, keeping its data', async () => {
    const schema = database().schema();
    const pool = database().pool(1);
    const client = await pool.connect();
    try {
      expect(await migrate(client, schema, migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
      await client.query(`INSERT INTO ${schema}.inbox (key, at) VALUES ('v1', 1)`);
    } finally {
      client.release();
    }
    const storage = await openPostgresStorage({ connectionString: database().url, schema });
    expect(storage.migration).toEqual({ from: 1, to: latest });
    expect(await storage.transaction((tx) => tx.inbox.claim('v1', 2))).toBe(false);
    await storage.close();
  });

  it('a v2 schema with data moves to the latest keeping every row, and takes the new values', async () => {
    const schema = database().schema();
    const pool = database().pool(1);
    const client = await pool.connect();
    try {
      expect(await migrate(client, schema, migrations.slice(0, 2))).toEqual({ from: 0, to: 2 });
      // Rows as the v2 code wrote them.
      await client.query(`SET search_path TO ${schema}`);
      await client.query(`
        INSERT INTO users (id, platform_id, locale, reachable, draft_ad_id, created_at) VALUES
          ('u1', '1001', 'ru', true, NULL, 1), ('u2', '1002', 'en', false, 'a1', 2);
        INSERT INTO ads (id, author_id, title, text, search, status, closed_at, created_at)
          VALUES ('a1', 'u1', 'Гараж', 'Продам', 'гараж' || chr(31) || 'продам', 'open', NULL, 3);
        INSERT INTO invites (id, ad_id, ad_title, sender_id, recipient_id, content, status,
            decided_at, chat_id, created_at) VALUES
          ('i1', 'a1', 'Гараж', 'u2', 'u1', '{"kind": "text", "text": "hi"}', 'accepted', 5, 'c1', 4),
          ('i2', 'a1', 'Гараж', 'u1', 'u2', '{"kind": "message", "messageIds": [7]}', 'pending',
            NULL, NULL, 6);
        INSERT INTO chats (id, invite_id, ad_id, label, author_id, reader_id, status, ended_at,
            ended_by, reason, opened_at) VALUES
          ('c1', 'i1', 'a1', 'Гараж', 'u1', 'u2', 'ended', 9, 'u2', 'ended', 5),
          ('c2', 'i9', 'a1', 'Гараж', 'u1', 'u2', 'active', NULL, NULL, NULL, 8);
        INSERT INTO inbox (key, at) VALUES ('update:1', 1);
        INSERT INTO feed_subscriptions (user_id, sources, keywords, threshold, updated_at)
          VALUES ('u2', '[]', '["гараж"]', NULL, 1);
        UPDATE feed_counters SET value = 1 WHERE name = 'subscriptions';
        INSERT INTO feed_items (id, status, origin, text, media, score, interested, decision,
            created_at) VALUES
          ('m1', 'queued', '{"kind": "suggestion", "authorId": "u2"}', 'Каток', NULL, NULL, '[]',
            '{}', 10),
          ('m2', 'rejected', '{"kind": "suggestion", "authorId": "u2"}', 'Спам', NULL, NULL, '[]',
            '{"decidedBy": "u1", "decidedAt": 12, "reason": null}', 11);
      `);
      await client.query('RESET search_path');
    } finally {
      client.release();
    }

    const storage = await openPostgresStorage({ connectionString: database().url, schema });
    expect(storage.migration).toEqual({ from: 2, to: migrations.at(-1)?.version });
    const before = await storage.transaction(async (tx) => ({
      users: [await tx.users.get(u('u1')), await tx.users.get(u('u2'))],
      ad: await tx.ads.get(ad('a1')),
      invites: [await tx.invites.get(invite('i1')), await tx.invites.get(invite('i2'))],
      chats: await tx.chats.listFor(u('u1'), 10),
      items: [await tx.feed.items.get(item('m1')), await tx.feed.items.get(item('m2'))],
      version: await tx.feed.subscriptions.version(),
      replayed: !(await tx.inbox.claim('update:1', 2)),
    }));
    expect(before).toEqual({
      users: [
        {
          id: 'u1',
          platformId: '1001',
          locale: 'ru',
          reachable: true,
          banned: false,
          draftAdId: null,
          createdAt: 1,
        },
        {
          id: 'u2',
          platformId: '1002',
          locale: 'en',
          reachable: false,
          banned: false,
          draftAdId: 'a1',
          createdAt: 2,
        },
      ],
      ad: records.ad('a1', 'u1', { title: 'Гараж', text: 'Продам', createdAt: 3 }),
      invites: [
        records.invite('i1', 'u2', 'u1', 'a1', {
          adTitle: 'Гараж',
          content: { kind: 'text', text: 'hi' },
          status: 'accepted',
          decidedAt: 5,
          chatId: 'c1',
          createdAt: 4,
        } as Partial<Invite>),
        records.invite('i2', 'u1', 'u2', 'a1', {
          adTitle: 'Гараж',
          content: { kind: 'message', messageIds: [7] },
          createdAt: 6,
        }),
      ],
      chats: [
        records.chat('c1', 'i1', 'u1', 'u2', {
          adId: ad('a1'),
          label: 'Гараж',
          openedAt: 5,
          status: 'ended',
          endedAt: 9,
          endedBy: u('u2'),
          reason: 'ended',
        } as Partial<Chat>),
        records.chat('c2', 'i9', 'u1', 'u2', { adId: ad('a1'), label: 'Гараж', openedAt: 8 }),
      ],
      items: [
        {
          id: 'm1',
          status: 'queued',
          origin: { kind: 'suggestion', authorId: 'u2' },
          text: 'Каток',
          media: null,
          score: null,
          interested: [],
          createdAt: 10,
        },
        {
          id: 'm2',
          status: 'rejected',
          origin: { kind: 'suggestion', authorId: 'u2' },
          text: 'Спам',
          media: null,
          score: null,
          interested: [],
          createdAt: 11,
          decidedBy: 'u1',
          decidedAt: 12,
          reason: null,
        },
      ],
      version: 1,
      replayed: true,
    });

    // The old rows take what v3 added: a ban, a moderated end, a resolved report, the new reads.
    await storage.transaction(async (tx) => {
      await tx.users.update(u('u2'), { banned: true });
      const c2 = before.chats[1] as Chat;
      const moderated = { ...c2, status: 'ended', endedAt: 20, endedBy: null, reason: 'moderated' };
      expect(await tx.chats.update(moderated as Chat, 'active')).toBe(true);
      const m1 = before.items[0] as ModerationItem;
      const resolved = { ...m1, status: 'resolved', decidedBy: u('u1'), decidedAt: 21 };
      expect(
        await tx.feed.items.update({ ...resolved, outcome: 'banned' } as ModerationItem, 'queued'),
      ).toBe(true);
      expect(await tx.feed.subscriptions.remove(u('u2'))).toBe(true);
    });
    const after = await storage.transaction(async (tx) => ({
      banned: (await tx.users.get(u('u2')))?.banned,
      chat: await tx.chats.get(chat('c2')),
      item: await tx.feed.items.get(item('m1')),
      pending: (await tx.invites.listPendingFor(u('u2'), 10)).map((i) => i.id),
      version: await tx.feed.subscriptions.version(),
    }));
    expect(after).toMatchObject({
      banned: true,
      chat: { status: 'ended', reason: 'moderated', endedBy: null },
      item: { status: 'resolved', decidedBy: 'u1', decidedAt: 21, outcome: 'banned' },
      pending: ['i2'],
      version: 2,
    });
    await storage.close();

    // The changed CHECKs still refuse what they should.
    const refused = (sql: string) =>
      expect(pool.query(sql)).rejects.toMatchObject({ code: '23514' });
    await refused(`UPDATE ${schema}.chats SET reason = 'vanished' WHERE id = 'c1'`);
    await refused(`UPDATE ${schema}.feed_items SET status = 'lost' WHERE id = 'm2'`);
    await refused(
      `UPDATE ${schema}.feed_items SET decision = '{"outcome": "fined"}' WHERE id = 'm1'`,
    );
    const { rows } = await pool.query(`SELECT version, name FROM ${schema}.migrations ORDER BY 1`);
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('a migration that fails leaves the schema exactly as it was', async () => {
    const schema = database().schema();
    await (await openPostgresStorage({ connectionString: database().url, schema })).close();
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      up: async (client) => {
        await client.query('CREATE TABLE half_done (id integer)');
        await client.query('SELECT 1 / 0');
      },
    };
    const client = await database().pool(1).connect();
    try {
      const failing = migrate(client, schema, [...migrations, broken]);
      await expect(failing).rejects.toMatchObject({ code: 'migration_failed', schema });
      await expect(failing).rejects.toThrow(`migration v${latest + 1} "broken" failed`);
      expect(await schemaVersion(client, schema)).toBe(latest);
      const { rows } = await client.query('SELECT to_regclass($1) AS t', [`${schema}.half_done`]);
      expect(rows).toEqual([{ t: null }]);
    } finally {
      client.release();
    }
  });

  it('refuses a migration list that skips or repeats a version', async () => {
    const client = await database().pool(1).connect();
    try {
      const skip = [{ version: 2, name: 'two', up: async () => undefined }];
      await expect(migrate(client, 'whatever', skip)).rejects.toMatchObject({
        code: 'invalid_migrations',
      });
    } finally {
      client.release();
    }
  });
});

describe.skipIf(db === undefined)('opening', () => {
  it('shares a host pool without ending it or changing its connections', async () => {
    const pool = database().pool(1);
    const schema = database().schema();
    const storage = await openPostgresStorage({ pool, schema });
    await storage.transaction((tx) => tx.inbox.claim('k', 1));
    await storage.close();
    // The pool still works, and its one connection kept the default search_path.
    const { rows } = await pool.query('SHOW search_path');
    expect(rows).toEqual([{ search_path: '"$user", public' }]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${schema}.inbox`)).rows).toEqual([
      { n: 1 },
    ]);
  });

  it('validates options with clear messages', async () => {
    const url = database().url;
    const cases: [unknown, string][] = [
      [{}, 'give exactly one of "connectionString"'],
      [{ connectionString: url, pool: database().pool(1) }, 'give exactly one of'],
      [
        { connectionString: url, schema: 'Board' },
        'option "schema" must be a lower-case identifier',
      ],
      [{ connectionString: url, schema: 'a; DROP TABLE x' }, 'lower-case identifier'],
      [{ connectionString: url, schema: 'pg_board' }, 'system schema name'],
      [{ connectionString: url, schema: 'x'.repeat(64) }, 'at most 63 characters'],
      [{ connectionString: url, max: 0 }, 'option "max" must be a whole number >= 1'],
      [{ connectionString: url, isolation: 'snapshot' }, 'option "isolation" must be one of'],
      [{ connectionString: url, sslmode: 'require' }, 'unknown option "sslmode"'],
      [{ pool: database().pool(1), max: 3 }, 'option "max" applies only to the pool made from'],
      [{ pool: {} }, 'option "pool" must be a pg Pool'],
    ];
    for (const [options, message] of cases) {
      const opening = openPostgresStorage(options as never);
      await expect(opening).rejects.toBeInstanceOf(PostgresStorageError);
      await expect(opening).rejects.toMatchObject({ code: 'invalid_options' });
      await expect(opening).rejects.toThrow(message);
    }
  });

  it('says where it could not connect, without the password', async () => {
    const opening = openPostgresStorage({
      connectionString: 'postgres://bot:s3cret@127.0.0.1:1/anonboard',
      connectionTimeoutMs: 2000,
    });
    await expect(opening).rejects.toMatchObject({ code: 'cannot_connect' });
    await expect(opening).rejects.toThrow(
      '[anonboard] [postgres] cannot connect to postgres://bot:***@127.0.0.1:1/anonboard',
    );
    await expect(opening).rejects.not.toThrow('s3cret');
  });
});
