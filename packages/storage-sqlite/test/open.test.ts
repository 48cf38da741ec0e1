import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  migrations,
  openSqliteStorage,
  SqliteStorageError,
  type SqliteStorageOptions,
} from '../src/index.js';
import { tempDir, tempPath } from './temp.js';

const latest = migrations.length;

/** The error `fn` throws, checked to be a SqliteStorageError. */
function errorOf(fn: () => unknown): SqliteStorageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SqliteStorageError);
    return error as SqliteStorageError;
  }
  throw new Error('expected an error');
}

describe('options', () => {
  it.each([
    [undefined, 'options must be an object'],
    [{}, 'option "path" must be a non-empty string'],
    [{ path: ' ' }, 'option "path" must be a non-empty string'],
    [
      { path: 'x.sqlite', synchronous: 'normal' },
      'option "synchronous" must be one of OFF, NORMAL',
    ],
    [{ path: 'x.sqlite', busyTimeoutMs: -1 }, 'option "busyTimeoutMs" must be a whole number'],
    [{ path: 'x.sqlite', busyTimeoutMs: 1.5 }, 'option "busyTimeoutMs" must be a whole number'],
    [{ path: 'x.sqlite', readonly: 'yes' }, 'option "readonly" must be a boolean'],
    [{ path: 'x.sqlite', synchronus: 'FULL' }, 'unknown option "synchronus"'],
    [{ database: {} }, 'option "database" must be a better-sqlite3 Database'],
    [{ database: new Database(':memory:'), path: 'x.sqlite' }, 'give either "database" or "path"'],
    [
      { database: new Database(':memory:'), readonly: true },
      'give either "database" or "readonly"',
    ],
  ])('rejects %j with a clear message', (options, message) => {
    const error = errorOf(() => openSqliteStorage(options as unknown as SqliteStorageOptions));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain(`[anonboard] [sqlite] ${message}`);
  });

  it('creates the file, but not a missing directory', async () => {
    const path = join(tempDir, 'nested', 'dir', 'board.sqlite');
    const error = errorOf(() => openSqliteStorage({ path }));
    expect(error.code).toBe('cannot_open');
    expect(error.message).toContain(
      `its directory ${join(tempDir, 'nested', 'dir')} does not exist`,
    );
    expect(existsSync(join(tempDir, 'nested'))).toBe(false);
    mkdirSync(join(tempDir, 'nested', 'dir'), { recursive: true });
    const storage = openSqliteStorage({ path, synchronous: 'FULL', busyTimeoutMs: 100 });
    await storage.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.close();
  });

  it('accepts :memory: for a private, non-durable database', async () => {
    const storage = openSqliteStorage({ path: ':memory:' });
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
    await storage.close();
  });
});

describe('a connection the host opened', () => {
  it('is migrated and used, keeps the host tables, and stays open after close()', async () => {
    const path = tempPath('shared');
    const db = new Database(path);
    db.exec('CREATE TABLE host_settings (k TEXT PRIMARY KEY, v TEXT)');
    db.prepare('INSERT INTO host_settings VALUES (?, ?)').run('theme', 'dark');
    const storage = openSqliteStorage({ database: db, synchronous: 'FULL' });
    expect(storage.path).toBe(path);
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
    await storage.close();
    expect(db.open).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare('SELECT v FROM host_settings').pluck().get()).toBe('dark');
    expect(db.prepare('SELECT count(*) FROM inbox').pluck().get()).toBe(1);
    db.close();
  });

  it('is refused when closed or inside a transaction, and left as it was', () => {
    const closed = new Database(':memory:');
    closed.close();
    expect(errorOf(() => openSqliteStorage({ database: closed })).message).toContain(
      'is a closed connection',
    );
    const busy = new Database(':memory:');
    busy.exec('BEGIN');
    expect(errorOf(() => openSqliteStorage({ database: busy })).message).toContain(
      'inside a transaction',
    );
    expect(busy.inTransaction).toBe(true);
    busy.close();
  });

  it('stays open when it is not a database of this code', () => {
    const path = tempPath('newer-shared');
    const db = new Database(path);
    db.pragma(`user_version = ${latest + 1}`);
    expect(errorOf(() => openSqliteStorage({ database: db })).code).toBe('schema_too_new');
    expect(db.open).toBe(true);
    db.close();
  });
});

describe('files that are not databases of this code', () => {
  const untouched = (path: string, open: () => unknown) => {
    const before = readFileSync(path);
    const error = errorOf(open);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    return error;
  };

  it('refuses a text file and leaves it byte for byte as it was', () => {
    const path = tempPath('text');
    writeFileSync(path, 'name,phone\nVasya,+7 900 000 00 00\n'.repeat(200));
    const error = untouched(path, () => openSqliteStorage({ path }));
    expect(error.code).toBe('not_a_database');
    expect(error.message).toBe(
      `[anonboard] [sqlite] ${path} is not a SQLite database or is damaged; it was left untouched`,
    );
    expect(error.path).toBe(path);
  });

  it('refuses random bytes', () => {
    const path = tempPath('random');
    writeFileSync(path, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    expect(untouched(path, () => openSqliteStorage({ path })).code).toBe('not_a_database');
  });

  it('refuses a database whose pages were overwritten, without writing to it', async () => {
    const path = tempPath('damaged');
    await openSqliteStorage({ path }).close();
    const bytes = readFileSync(path);
    // Keep the 100-byte header, wreck the schema page and everything after it.
    bytes.fill(0xa5, 100);
    writeFileSync(path, bytes);
    const error = untouched(path, () => openSqliteStorage({ path }));
    expect(error.code).toBe('not_a_database');
    expect(error.message).toMatch(/is not a SQLite database or is damaged \(.+\)/);
  });

  it('refuses a directory', () => {
    const path = join(tempDir, 'a-directory');
    mkdirSync(path);
    expect(errorOf(() => openSqliteStorage({ path })).code).toBe('not_a_database');
  });

  it('refuses a database newer than the code, and leaves it untouched', async () => {
    const path = tempPath('newer');
    const db = new Database(path);
    db.pragma(`user_version = ${latest + 1}`);
    db.exec('CREATE TABLE future (x)');
    db.close();
    const error = untouched(path, () => openSqliteStorage({ path }));
    expect(error.code).toBe('schema_too_new');
    expect(error.message).toBe(
      `[anonboard] [sqlite] database schema v${latest + 1} is newer than this code (v${latest}): upgrade @anonboard/storage-sqlite`,
    );
  });
});

describe('read-only', () => {
  it('reads, refuses writes, and needs the file to exist at this schema', async () => {
    const path = tempPath('ro');
    const writer = openSqliteStorage({ path });
    await writer.transaction((tx) => tx.inbox.claim('k', 1));
    await writer.close();

    const reader = openSqliteStorage({ path, readonly: true });
    expect(await reader.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 0 });
    await expect(reader.transaction((tx) => tx.inbox.claim('k2', 1))).rejects.toThrow(/readonly/);
    await reader.close();

    const missing = errorOf(() => openSqliteStorage({ path: tempPath('missing'), readonly: true }));
    expect(missing.code).toBe('cannot_open');
    expect(missing.message).toMatch(/^\[anonboard\] \[sqlite\] cannot open .*missing/);
    const old = tempPath('old');
    new Database(old).exec('CREATE TABLE t (x)').close();
    const error = errorOf(() => openSqliteStorage({ path: old, readonly: true }));
    expect(error.code).toBe('schema_too_old');
  });
});
