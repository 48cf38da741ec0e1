import type { AdId, ChatId, InviteId, ItemId, SourceId, UserId } from '@anonboard/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Migration, migrate, migrations, openSqliteStorage } from '../src/index.js';
import { feedItem, feedOf, reportItem } from './feed-records.js';
import { tempPath } from './temp.js';

const latest = migrations.length;
const version = (db: Database.Database) => db.pragma('user_version', { simple: true });
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
/** Indexes and triggers written by the schema (not those SQLite makes for UNIQUE). */
const schemaObjects = (db: Database.Database) =>
  db
    .prepare(
      `SELECT type || ' ' || name FROM sqlite_schema
       WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
/** Every row of every table, as `SELECT *` returns them, oldest first. */
const everyRow = (db: Database.Database) =>
  Object.fromEntries(
    (tables(db) as string[])
      .filter((table) => !table.startsWith('sqlite_'))
      .map((table) => {
        // WITHOUT ROWID tables have no rowid; their primary key (first columns) orders them.
        const wr = db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table);
        const order = wr === 1 ? '1, 2' : 'rowid';
        const rows = db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
        return [table, rows as Record<string, unknown>[]];
      }),
  );

/** The indexes v7 adds. */
const v7Objects = ['index blocks_by_high', 'index tokens_by_time', 'index tokens_by_user'];
/** The indexes v8 drops (`limit_hits` is keyed by (key, at) itself). */
const v8Dropped = ['index limit_hits_by_key'];
const withoutDropped = (objects: string[]) => objects.filter((o) => !v8Dropped.includes(o));

describe('migrations', () => {
  it('are numbered 1, 2, 3, … and create every table', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = new Database(':memory:');
    expect(migrate(db, migrations)).toEqual({ from: 0, to: latest });
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'ads',
        'blocks',
        'chats',
        'inbox',
        'invites',
        'message_links',
        'outbox',
        'outbox_lanes',
        'tokens',
        'users',
        'feed_audit',
        'feed_cards',
        'feed_ingest',
        'feed_items',
        'feed_scores',
        'feed_settings',
        'feed_sources',
        'feed_subscriptions',
        'feed_subscriptions_version',
        'limit_hits',
        'limit_cooldowns',
        'history',
      ]),
    );
    expect(migrate(db, migrations)).toEqual({ from: latest, to: latest });
    db.close();
  });

  it('databases made by every earlier migration set open and migrate to the latest', async () => {
    for (let done = 0; done < latest; done++) {
      const path = tempPath(`v${done}`);
      const db = new Database(path);
      migrate(db, migrations.slice(0, done));
      expect(version(db)).toBe(done);
      db.close();
      const storage = openSqliteStorage({ path });
      expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
      await storage.close();
      const after = new Database(path, { readonly: true });
      expect(version(after)).toBe(latest);
      after.close();
    }
  });

  it('v2 upgrades a v1 database with data: the data stays, the feed tables are added', async () => {
    const path = tempPath('v1-data');
    const v1 = new Database(path);
    v1.pragma('journal_mode = WAL');
    migrate(v1, migrations.slice(0, 1));
    // Rows as code that knew only v1 wrote them.
    v1.exec(`
      INSERT INTO users (id, platform_id, locale, reachable, draft_ad_id, created_at)
        VALUES ('u1', '1001', 'ru', 1, NULL, 1), ('u2', '1002', 'en', 1, NULL, 2);
      INSERT INTO ads (id, author_id, title, text, search, status, closed_at, created_at)
        VALUES ('a1', 'u1', 'Гараж', '', 'гараж', 'open', NULL, 3);
      INSERT INTO invites (id, ad_id, ad_title, sender_id, recipient_id, content, status,
          decided_at, chat_id, created_at)
        VALUES ('i1', 'a1', 'Гараж', 'u2', 'u1', '{"kind":"text","text":"hi"}', 'accepted', 5,
          'c1', 4);
      INSERT INTO chats (id, invite_id, ad_id, label, author_id, reader_id, status, ended_at,
          ended_by, reason, opened_at)
        VALUES ('c1', 'i1', 'a1', 'Гараж', 'u1', 'u2', 'active', NULL, NULL, NULL, 5);
      INSERT INTO inbox (key, at) VALUES ('tg:1', 6);
      INSERT INTO outbox (lane, effect, created_at, available_at)
        VALUES ('user:u1', '{"type":"notify","to":"u1","text":"relay.noChat"}', 6, 6);
    `);
    v1.close();

    const storage = openSqliteStorage({ path });
    await storage.transaction(async (tx) => {
      expect(await tx.users.getByPlatformId('1002')).toMatchObject({ id: 'u2', locale: 'en' });
      expect(await tx.ads.list({ limit: 10, search: 'гар' })).toHaveLength(1);
      expect(await tx.invites.get('i1' as InviteId)).toMatchObject({
        status: 'accepted',
        chatId: 'c1',
      });
      expect(await tx.invites.countByStatus(0)).toEqual({ accepted: 1 });
      expect(await tx.chats.get('c1' as ChatId)).toMatchObject({ status: 'active' });
      expect(await tx.inbox.claim('tg:1', 7)).toBe(false);
      expect(await tx.outbox.claim(10, 10, 1000)).toMatchObject([{ lane: 'user:u1' }]);
      // The feed starts empty, its subscription version at 0.
      const feed = feedOf(tx);
      expect(await feed.sources.list()).toEqual([]);
      expect(await feed.settings.get()).toBeUndefined();
      expect(await feed.subscriptions.version()).toBe(0);
      await feed.sources.add({
        id: 's1' as SourceId,
        ref: '-1001',
        title: 'Чат',
        link: null,
        addedBy: 'u1' as UserId,
        createdAt: 8,
      });
      expect(
        await feed.ingest.claim({
          sourceId: 's1' as SourceId,
          messageId: 1,
          contentHash: 'h',
          at: 8,
        }),
      ).toBe('new');
    });
    await storage.close();

    const after = new Database(path, { readonly: true });
    expect(version(after)).toBe(latest);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.prepare('SELECT id FROM users ORDER BY id').pluck().all()).toEqual(['u1', 'u2']);
    after.close();
  });

  it('v3 upgrades a v2 database with data: every row stays, rebuilt tables keep their indexes', async () => {
    const path = tempPath('v2-data');
    const v2 = new Database(path);
    v2.pragma('journal_mode = WAL');
    migrate(v2, migrations.slice(0, 2));
    // Rows as code that knew only v2 wrote them: a chat in every state, items in several.
    v2.exec(`
      INSERT INTO users (id, platform_id, locale, reachable, draft_ad_id, created_at)
        VALUES ('u1', '1001', 'ru', 1, NULL, 1), ('u2', '1002', 'en', 0, 'a1', 2),
          ('u3', '1003', 'ru', 1, NULL, 3);
      INSERT INTO ads (id, author_id, title, text, search, status, closed_at, created_at)
        VALUES ('a1', 'u1', 'Гараж', '', 'гараж', 'open', NULL, 3),
          ('a2', 'u1', 'Велосипед', '', 'велосипед', 'closed', 40, 4);
      INSERT INTO invites (id, ad_id, ad_title, sender_id, recipient_id, content, status,
          decided_at, chat_id, created_at)
        VALUES
          ('i1', 'a1', 'Гараж', 'u2', 'u1', '{"kind":"text","text":"hi"}', 'accepted', 5, 'c1', 4),
          ('i2', 'a1', 'Гараж', 'u3', 'u1', '{"kind":"text","text":"yo"}', 'declined', 6, NULL, 5),
          ('i3', 'a2', 'Велосипед', 'u3', 'u1', '{"kind":"text","text":"?"}', 'pending', NULL,
            NULL, 86400005);
      INSERT INTO chats (id, invite_id, ad_id, label, author_id, reader_id, status, ended_at,
          ended_by, reason, opened_at)
        VALUES ('c1', 'i1', 'a1', 'Гараж', 'u1', 'u2', 'active', NULL, NULL, NULL, 5),
          ('c2', 'i4', 'a1', 'Гараж', 'u1', 'u3', 'ended', 20, 'u1', 'ended', 6),
          ('c3', 'i5', 'a2', 'Велосипед', 'u1', 'u3', 'blocked', 21, 'u3', 'blocked', 7),
          ('c4', 'i6', 'a2', 'Велосипед', 'u1', 'u2', 'ended', 22, NULL, 'unreachable', 8);
      INSERT INTO blocks (low, high, at) VALUES ('u1', 'u3', 21);
      INSERT INTO message_links (user_id, message_id, chat_id, peer_user_id, peer_message_id)
        VALUES ('u1', 10, 'c1', 'u2', 11), ('u2', 11, 'c1', 'u1', 10);
      INSERT INTO tokens (token, user_id, action, group_key, created_at)
        VALUES ('t1', 'u1', '{"type":"invite.accept","inviteId":"i3"}', 'g1', 9);
      INSERT INTO inbox (key, at) VALUES ('tg:1', 6), ('tg:2', 7);
      INSERT INTO outbox (lane, effect, created_at, available_at)
        VALUES ('user:u1', '{"type":"notify","to":"u1","text":"relay.noChat"}', 6, 6);
      INSERT INTO feed_sources (id, ref, title, link, added_by, created_at)
        VALUES ('s1', '-1001', 'Городской чат', 'https://t.me/city', 'u1', 1);
      INSERT INTO feed_subscriptions (user_id, sources, keywords, threshold, updated_at)
        VALUES ('u2', '["s1"]', '["гараж"]', 0.5, 2);
      INSERT INTO feed_settings (id, channel, admins, default_threshold, topic)
        VALUES (1, '@city', '["u1"]', 0.6, 'город');
      INSERT INTO feed_ingest (source_id, message_id, content_hash, outcome, item_id, at)
        VALUES ('s1', 1, 'h1', 'queued', 'f1', 3), ('s1', 2, '', 'dropped_keywords', NULL, 4);
      INSERT INTO feed_scores (content_hash, value, reason, scorer, at)
        VALUES ('h1', 0.9, 'срочно', 'offline', 3);
      INSERT INTO feed_items (id, origin_kind, origin_author_id, origin_source_title, origin_link,
          text, media, score_value, score_reason, score_scorer, interested, status, claimed_by,
          claimed_at, decided_by, decided_at, published_at, reason, created_at)
        VALUES
          ('f1', 'monitored', NULL, 'Городской чат', 'https://t.me/city/1', 'one', NULL, 0.9,
            'срочно', 'offline', '["u2"]', 'queued', NULL, NULL, NULL, NULL, NULL, NULL, 30),
          ('f2', 'suggestion', 'u2', NULL, NULL, 'two', '{"from":"u2","messageIds":[3,4]}', NULL,
            NULL, NULL, '[]', 'published', NULL, NULL, 'u1', 31, 32, NULL, 10),
          ('f3', 'forwarded', NULL, 'Канал', NULL, 'three', NULL, NULL, NULL, NULL, '[]',
            'rejected', NULL, NULL, 'u1', 33, NULL, 'spam', 20),
          ('f4', 'monitored', NULL, 'Городской чат', NULL, 'four', NULL, NULL, NULL, NULL, '[]',
            'claimed', 'u1', 34, NULL, NULL, NULL, NULL, 30);
      INSERT INTO feed_audit (item_id, action, actor_id, at, reason)
        VALUES ('f2', 'approve', 'u1', 31, NULL), ('f2', 'publish', NULL, 32, NULL),
          ('f3', 'reject', 'u1', 33, 'spam'), ('f4', 'claim', 'u1', 34, NULL);
      INSERT INTO feed_cards (item_id, admin_id, message_id) VALUES ('f1', 'u1', 100);
    `);
    const before = everyRow(v2);
    const objectsBefore = schemaObjects(v2);
    v2.close();

    const storage = openSqliteStorage({ path });
    await storage.close();
    const db = new Database(path);
    expect(version(db)).toBe(latest);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every row of every v2 table, column for column (users gained only `banned`).
    const after = everyRow(db);
    for (const [table, rows] of Object.entries(before)) {
      const kept = (after[table] ?? []).map((row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => column in (rows[0] ?? row))),
      );
      expect({ table, rows: kept }).toEqual({ table, rows });
    }
    expect(db.prepare('SELECT DISTINCT banned FROM users').pluck().all()).toEqual([0]);
    // The rebuilt tables kept their indexes (and no table's triggers went missing); only the
    // statistics index was replaced by a wider one.
    const objectsAfter = schemaObjects(db);
    expect(objectsBefore.filter((o) => !objectsAfter.includes(o))).toEqual([
      'index invites_by_time',
    ]);
    expect(tables(db)).not.toContainEqual(expect.stringMatching(/_new$/));
    db.close();

    // The data reads back through the repositories, and the new states can be written.
    const upgraded = openSqliteStorage({ path });
    await upgraded.transaction(async (tx) => {
      expect(await tx.users.getByPlatformId('1002')).toEqual({
        id: 'u2',
        platformId: '1002',
        locale: 'en',
        reachable: false,
        banned: false,
        draftAdId: 'a1',
        createdAt: 2,
      });
      expect((await tx.chats.listFor('u1' as UserId, 10)).map((c) => c.id)).toEqual([
        'c1',
        'c2',
        'c3',
        'c4',
      ]);
      expect(await tx.chats.get('c4' as ChatId)).toMatchObject({ reason: 'unreachable' });
      expect(await tx.chats.tally(0)).toEqual({ opened: 4, ended: 2, blocked: 1 });
      const c1 = await tx.chats.get('c1' as ChatId);
      if (c1 === undefined) throw new Error('c1 was lost');
      const moderated = { ...c1, status: 'ended', endedAt: 50, endedBy: null, reason: 'moderated' };
      expect(await tx.chats.update(moderated as never, 'active')).toBe(true);
      expect(await tx.invites.countByDay(0)).toEqual([
        { day: '1970-01-01', status: 'accepted', count: 1 },
        { day: '1970-01-01', status: 'declined', count: 1 },
        { day: '1970-01-02', status: 'pending', count: 1 },
      ]);
      expect((await tx.invites.listPendingFor('u1' as UserId, 10)).map((i) => i.id)).toEqual([
        'i3',
      ]);
      expect(await tx.inbox.purgeBefore(7)).toBe(1);

      const feed = feedOf(tx);
      expect(await feed.items.get('f2' as ItemId)).toEqual({
        id: 'f2',
        origin: { kind: 'suggestion', authorId: 'u2' },
        text: 'two',
        // Media of that time were copies of a person's messages: no file id to send, so none.
        media: null,
        score: null,
        interested: [],
        status: 'published',
        decidedBy: 'u1',
        decidedAt: 31,
        publishedAt: 32,
        createdAt: 10,
      });
      // Oldest first by creation, then by insertion: seq survived the copy.
      expect((await feed.items.listOpen(10)).map((i) => i.id)).toEqual(['f1', 'f4']);
      expect((await feed.items.listSince(0, 10)).map((i) => i.id)).toEqual([
        'f2',
        'f3',
        'f1',
        'f4',
      ]);
      expect((await feed.audit.list('f2' as ItemId)).map((a) => a.action)).toEqual([
        'approve',
        'publish',
      ]);
      expect(await feed.subscriptions.version()).toBe(1);
      expect(await feed.subscriptions.remove('u2' as UserId)).toBe(true);
      expect(await feed.subscriptions.version()).toBe(2);
      const report = reportItem('f5');
      await feed.items.insert(report);
      const resolved = {
        ...report,
        status: 'resolved',
        decidedBy: 'u1' as UserId,
        decidedAt: 60,
        outcome: 'banned',
      } as const;
      expect(await feed.items.update(resolved, 'queued')).toBe(true);
      expect(await feed.items.get('f5' as ItemId)).toEqual(resolved);
      await feed.audit.add({
        itemId: report.id,
        action: 'resolve',
        by: resolved.decidedBy,
        at: 60,
        reason: null,
      });
      await feed.items.insert(feedItem('f6', { createdAt: 70 }));
    });
    await upgraded.close();
    void ('a1' as AdId);
  });

  it('v5 upgrades a v4 database with feed items: every row stays, forwarders and reviews can be written', async () => {
    const path = tempPath('v4-feed');
    const db = new Database(path);
    migrate(db, migrations.slice(0, 4));
    db.exec(`
      INSERT INTO feed_scores (content_hash, value, reason, scorer, at)
        VALUES ('h1', 0.9, 'срочно', 'offline', 3);
      INSERT INTO feed_items (id, origin_kind, origin_author_id, origin_source_title, origin_link,
          text, media, score_value, score_reason, score_scorer, interested, status, claimed_by,
          claimed_at, decided_by, decided_at, published_at, reason, created_at)
        VALUES
          ('f1', 'monitored', NULL, 'Городской чат', NULL, 'one', NULL, 0.9, 'срочно', 'offline',
            '["u2"]', 'queued', NULL, NULL, NULL, NULL, NULL, NULL, 30),
          ('f2', 'suggestion', 'u2', NULL, NULL, 'two', '{"from":"u2","messageIds":[3]}', NULL,
            NULL, NULL, '[]', 'claimed', 'u1', 31, NULL, NULL, NULL, NULL, 10);
    `);
    const before = everyRow(db);
    const objectsBefore = schemaObjects(db);
    db.close();

    const storage = openSqliteStorage({ path });
    await storage.close();
    const after = new Database(path);
    expect(version(after)).toBe(latest);
    const rows = everyRow(after);
    for (const table of ['feed_items', 'feed_scores']) {
      const kept = (rows[table] ?? []).map((row) =>
        Object.fromEntries(
          Object.entries(row).filter(([column]) => column in (before[table]?.[0] ?? row)),
        ),
      );
      expect({ table, rows: kept }).toEqual({ table, rows: before[table] });
    }
    // v5 and v6 add no index or trigger; v7's are its own (below), v8 drops one.
    expect(schemaObjects(after).filter((o) => !v7Objects.includes(o))).toEqual(
      withoutDropped(objectsBefore),
    );
    after.close();

    const upgraded = openSqliteStorage({ path });
    await upgraded.transaction(async (tx) => {
      const feed = feedOf(tx);
      expect((await feed.items.listOpen(10)).map((i) => i.id)).toEqual(['f2', 'f1']);
      const forwarded = feedItem('f3', {
        origin: {
          kind: 'forwarded',
          sourceTitle: 'Канал',
          link: null,
          forwardedBy: 'u3' as UserId,
        },
        score: null,
        review: { reason: 'timeout', error: 'scorer took longer than 10000 ms' },
        editedAt: 40,
      });
      await feed.items.insert(forwarded);
      expect(await feed.items.get('f3' as ItemId)).toEqual(forwarded);
      expect(await feed.scores.get('h1')).toEqual({
        value: 0.9,
        reason: 'срочно',
        scorer: 'offline',
      });
    });
    // The CHECKs still hold: a monitored item names no person, a suggestion always does.
    await expect(
      upgraded.transaction((tx) =>
        feedOf(tx).items.insert(feedItem('f4', { origin: { kind: 'suggestion' } as never })),
      ),
    ).rejects.toThrow(/CHECK/);
    await upgraded.close();
  });

  it('v7 upgrades a v6 database with blocks and tokens: every row stays, tombstones can be kept', async () => {
    const path = tempPath('v7');
    const db = new Database(path);
    migrate(db, migrations.slice(0, 6));
    db.exec(`
      INSERT INTO blocks (low, high, at) VALUES ('u1', 'u2', 5), ('u0', 'u1', 6);
      INSERT INTO tokens (token, user_id, action, group_key, created_at)
        VALUES ('t1', 'u1', '{"type":"chat.end","chatId":"c1"}', 'g1', 7);
    `);
    const before = everyRow(db);
    const objectsBefore = schemaObjects(db);
    db.close();

    const storage = openSqliteStorage({ path });
    await storage
      .transaction(async (tx) => {
        expect(await tx.blocks.repoint('u1' as UserId, 'g1' as UserId)).toBe(2);
        expect(await tx.blocks.has('g1' as UserId, 'u2' as UserId)).toBe(true);
        expect(await tx.blocks.has('u0' as UserId, 'g1' as UserId)).toBe(true);
        expect(await tx.tombstones.secret('s1')).toBe('s1');
        expect(await tx.tombstones.secret('s2')).toBe('s1');
        await tx.tombstones.put({ key: 'k', ghost: 'g1' as UserId, banned: true, at: 8 });
        expect(await tx.tombstones.take('k')).toEqual({
          key: 'k',
          ghost: 'g1',
          banned: true,
          at: 8,
        });
        expect(await tx.tombstones.take('k')).toBeUndefined();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await storage.close();
    const after = new Database(path);
    expect(version(after)).toBe(latest);
    expect(everyRow(after)).toMatchObject(before);
    expect(schemaObjects(after)).toEqual(withoutDropped([...objectsBefore, ...v7Objects]).sort());
    after.close();
  });

  it('v8 upgrades a v7 database with rate-limit hits: every hit stays, counted per (key, at)', async () => {
    const path = tempPath('v8');
    const db = new Database(path);
    migrate(db, migrations.slice(0, 7));
    // Two hits of one key in the same millisecond, a fractional time, another key, an old hit.
    db.exec(`
      INSERT INTO limit_hits (key, at) VALUES ('relay:u1', 100), ('relay:u1', 100),
        ('relay:u1', 150.5), ('relay:u2', 120), ('relay:u1', 5);
      INSERT INTO limit_cooldowns (key, level, until, last_violation) VALUES ('relay:u1', 1, 9, 3);
      INSERT INTO message_links (user_id, message_id, chat_id, peer_user_id, peer_message_id)
        VALUES ('u1', 10, 'c1', 'u2', 11), ('u2', 11, 'c1', 'u1', 10);
    `);
    const before = everyRow(db);
    const objectsBefore = schemaObjects(db);
    db.close();

    const storage = openSqliteStorage({ path });
    await storage.close();
    const after = new Database(path);
    expect(version(after)).toBe(latest);
    const { limit_hits: hits, ...rest } = everyRow(after);
    const { limit_hits: _, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(hits).toEqual([
      { key: 'relay:u1', at: 5, n: 1 },
      { key: 'relay:u1', at: 100, n: 2 },
      { key: 'relay:u1', at: 150.5, n: 1 },
      { key: 'relay:u2', at: 120, n: 1 },
    ]);
    expect(schemaObjects(after)).toEqual(withoutDropped(objectsBefore));
    expect(
      after.prepare("SELECT wr FROM pragma_table_list WHERE name = 'limit_hits'").pluck().get(),
    ).toBe(1);
    after.close();

    const upgraded = openSqliteStorage({ path });
    await upgraded.transaction(async (tx) => {
      // The window (0, 200] holds 4 hits of u1: room for one more under 5, none under 4.
      expect(await tx.limits.take('relay:u1', 200, 200, 4)).toEqual({ allowed: false, oldest: 5 });
      expect(await tx.limits.take('relay:u1', 200, 200, 5)).toEqual({ allowed: true, oldest: 5 });
      // (50, 250]: 100 ×2, 150.5, 200; the hit at 5 is forgotten.
      expect(await tx.limits.take('relay:u1', 250, 200, 4)).toEqual({
        allowed: false,
        oldest: 100,
      });
      expect(await tx.limits.take('relay:u1', 250, 200, 5)).toEqual({ allowed: true, oldest: 100 });
      // Every hit counts in a purge: 2 at 100, 1 at 120, 1 at 150.5, and the cooldown.
      expect(await tx.limits.purgeBefore(160)).toBe(5);
      // Left: the hits at 200 and 250.
      expect(await tx.limits.take('relay:u1', 260, 200, 2)).toEqual({
        allowed: false,
        oldest: 200,
      });
      expect(await tx.limits.take('relay:u1', 260, 200, 3)).toEqual({ allowed: true, oldest: 200 });
    });
    await upgraded.close();
  });

  it('v9 upgrades a v8 database with people, chats, blocks and history: every row stays, users is keyed by id', async () => {
    const path = tempPath('v9');
    const db = new Database(path);
    migrate(db, migrations.slice(0, 8));
    // People inserted out of id order; one forgotten (re-pointed platform id), one banned, one
    // with a draft and a fractional time.
    db.exec(`
      INSERT INTO users (id, platform_id, locale, reachable, draft_ad_id, created_at, banned)
        VALUES ('u2', '1002', 'ru', 1, NULL, 20, 0), ('u1', '1001', 'en', 0, 'a1', 10.5, 0),
          ('u3', 'forgotten:u3', 'en', 1, NULL, 30, 1);
      INSERT INTO chats (id, invite_id, ad_id, label, author_id, reader_id, status, ended_at,
          ended_by, reason, opened_at)
        VALUES ('c1', 'i1', 'a1', 'Bike', 'u1', 'u2', 'active', NULL, NULL, NULL, 40),
          ('c2', 'i2', 'a1', 'Bike', 'u1', 'u3', 'ended', 60, 'u3', 'ended', 50);
      INSERT INTO blocks (low, high, at) VALUES ('u1', 'u3', 70);
      INSERT INTO history (chat_id, from_id, to_id, message_ids, summary, at)
        VALUES ('c1', 'u1', 'u2', '[1]', 'hi', 41), ('c1', 'u2', 'u1', '[2,3]', 'photo', 42);
    `);
    const before = everyRow(db);
    const objectsBefore = schemaObjects(db);
    db.close();

    const storage = openSqliteStorage({ path });
    await storage.close();
    const after = new Database(path);
    expect(version(after)).toBe(latest);
    const { users, ...rest } = everyRow(after);
    const { users: usersBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    // Same rows, now in id order (the table's key).
    expect(users).toEqual(
      [...(usersBefore ?? [])].sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    expect(users?.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
    expect(schemaObjects(after)).toEqual(objectsBefore);
    const wr = after.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck();
    expect([wr.get('users'), wr.get('chats')]).toEqual([1, 0]);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();

    const upgraded = openSqliteStorage({ path });
    await upgraded.transaction(async (tx) => {
      expect(await tx.users.get('u1' as UserId)).toMatchObject({
        id: 'u1',
        platformId: '1001',
        reachable: false,
        draftAdId: 'a1',
        createdAt: 10.5,
      });
      expect((await tx.users.getByPlatformId('1002'))?.id).toBe('u2');
      expect(await tx.users.get('u3' as UserId)).toMatchObject({ banned: true });
      // platform_id is still UNIQUE: a second person cannot take 1001, a new one is added.
      const again = await tx.users.ensure({
        id: 'u9' as UserId,
        platformId: '1001',
        locale: 'en',
        at: 80,
      });
      expect(again.id).toBe('u1');
      await tx.users.ensure({ id: 'u4' as UserId, platformId: '1004', locale: 'en', at: 81 });
      await tx.users.update('u4' as UserId, { banned: true, draftAdId: 'a2' as AdId });
      expect(await tx.users.get('u4' as UserId)).toMatchObject({ banned: true, draftAdId: 'a2' });
      expect((await tx.chats.listFor('u1' as UserId, 10)).map((c) => c.id)).toEqual(['c1', 'c2']);
    });
    await expect(
      upgraded.transaction(async (tx) => {
        await tx.users.update('u2' as UserId, { platformId: '1001' });
      }),
    ).rejects.toThrow(/UNIQUE/);
    await upgraded.close();
  });

  it('a later migration upgrades a database with its data, in one transaction', async () => {
    const path = tempPath('upgrade');
    const storage = openSqliteStorage({ path });
    await storage.transaction(async (tx) => {
      await tx.users.ensure({ id: 'u1' as UserId, platformId: '42', locale: 'ru', at: 5 });
      await tx.inbox.claim('tg:1', 7);
    });
    await storage.close();

    // A hypothetical next version: a new column, backfilled from existing rows.
    const next: Migration = {
      version: latest + 1,
      name: 'inbox source',
      up: (db) => {
        db.exec('ALTER TABLE inbox ADD COLUMN source TEXT');
        db.exec("UPDATE inbox SET source = substr(key, 1, instr(key, ':') - 1)");
      },
    };
    const db = new Database(path);
    expect(migrate(db, [...migrations, next])).toEqual({ from: latest, to: latest + 1 });
    expect(db.prepare('SELECT key, at, source FROM inbox').all()).toEqual([
      { key: 'tg:1', at: 7, source: 'tg' },
    ]);
    expect(db.prepare('SELECT platform_id FROM users').pluck().all()).toEqual(['42']);
    db.close();

    // This code (which knows up to the latest version only) now refuses the file instead of
    // misreading it.
    expect(() => openSqliteStorage({ path })).toThrow(
      `database schema v${latest + 1} is newer than this code (v${latest})`,
    );
  });

  it('a migration that fails leaves the database exactly as it was', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(version(db)).toBe(latest);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('refuses a list that skips or repeats a version', () => {
    const db = new Database(':memory:');
    const skip = { version: 2, name: 'skips v1', up: () => undefined };
    expect(() => migrate(db, [skip])).toThrow(
      '[anonboard] [sqlite] migration "skips v1" has version 2, expected 1',
    );
    expect(version(db)).toBe(0);
    db.close();
  });
});
