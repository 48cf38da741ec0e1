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
  ])('rejects %j with a clear message', (options, message) => {
    const error = errorOf(() => openSqliteStorage(options as unknown as SqliteStorageOptions));
    expect(error.code).toBe('invalid_options');
    expect(error.message).toContain(`[anonboard] [sqlite] ${message}`);
  });

  it('creates the file and its directory, in WAL mode at the latest schema', async () => {
    const path = join(tempDir, 'nested', 'dir', 'board.sqlite');
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
