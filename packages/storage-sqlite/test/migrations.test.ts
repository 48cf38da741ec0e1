import type { ChatId, InviteId, SourceId, UserId } from '@anonboard/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Migration, migrate, migrations, openSqliteStorage } from '../src/index.js';
import { feedOf } from './feed-records.js';
import { tempPath } from './temp.js';

const latest = migrations.length;
const version = (db: Database.Database) => db.pragma('user_version', { simple: true });
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

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
