import type { UserId } from '@anonboard/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Migration, migrate, migrations, openSqliteStorage } from '../src/index.js';
import { tempPath } from './temp.js';

const latest = migrations.length;
const version = (db: Database.Database) => db.pragma('user_version', { simple: true });
const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('are numbered 1, 2, 3, … and v1 creates every table', () => {
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

  it('a later migration upgrades a v1 database with its data, in one transaction', async () => {
    const path = tempPath('upgrade');
    const storage = openSqliteStorage({ path });
    await storage.transaction(async (tx) => {
      await tx.users.ensure({ id: 'u1' as UserId, platformId: '42', locale: 'ru', at: 5 });
      await tx.inbox.claim('tg:1', 7);
    });
    await storage.close();

    // A hypothetical v2: a new column, backfilled from existing rows.
    const v2: Migration = {
      version: latest + 1,
      name: 'inbox source',
      up: (db) => {
        db.exec('ALTER TABLE inbox ADD COLUMN source TEXT');
        db.exec("UPDATE inbox SET source = substr(key, 1, instr(key, ':') - 1)");
      },
    };
    const db = new Database(path);
    expect(migrate(db, [...migrations, v2])).toEqual({ from: latest, to: latest + 1 });
    expect(db.prepare('SELECT key, at, source FROM inbox').all()).toEqual([
      { key: 'tg:1', at: 7, source: 'tg' },
    ]);
    expect(db.prepare('SELECT platform_id FROM users').pluck().all()).toEqual(['42']);
    db.close();

    // This code (which knows v1 only) now refuses the file instead of misreading it.
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
