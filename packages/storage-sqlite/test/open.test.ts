import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    [{ path: 'x.sqlite', integrityCheck: true }, 'option "integrityCheck" must be one of off'],
    [{ path: 'x.sqlite', cacheSizeMiB: 0 }, 'option "cacheSizeMiB" must be a number of MiB'],
    [{ path: 'x.sqlite', cacheSizeMiB: '8' }, 'option "cacheSizeMiB" must be a number of MiB'],
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

  it('bounds the page cache: 8 MiB unless told otherwise', async () => {
    const cacheOf = async (options: { cacheSizeMiB?: number }) => {
      const db = new Database(join(tempDir, `cache-${options.cacheSizeMiB}.sqlite`));
      const storage = openSqliteStorage({ database: db, ...options });
      const size = db.pragma('cache_size', { simple: true });
      await storage.close();
      db.close();
      return size;
    };
    // Negative sizes are KiB.
    expect(await cacheOf({})).toBe(-8192);
    expect(await cacheOf({ cacheSizeMiB: 2 })).toBe(-2048);
  });

  it('keeps temporary files (savepoint sub-journals of a group commit) in memory', async () => {
    const db = new Database(join(tempDir, 'temp-store.sqlite'));
    expect(db.pragma('temp_store', { simple: true })).toBe(0);
    const storage = openSqliteStorage({ database: db });
    // 2: MEMORY.
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    await storage.close();
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

describe('a file this process may not write', () => {
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const script = fileURLToPath(new URL('./fixtures/open-and-write.ts', import.meta.url));
  // Root writes anything: as root, the child runs as nobody, for whom root's files are read-only.
  const asRoot = process.getuid?.() === 0;
  const nobody = 65_534;
  // mkdtemp makes the test's folder private; the other user must reach the files inside it.
  chmodSync(tempDir, 0o755);

  /** Opens `path` read-write and writes, in a process of a user who may not write it. */
  function openAsOther(path: string): { code: string; message: string; path: string } {
    const run = spawnSync(
      process.execPath,
      ['--conditions=dev-source', '--import', 'tsx', script, path],
      {
        cwd: packageDir,
        encoding: 'utf8',
        ...(asRoot ? { uid: nobody, gid: nobody, env: { ...process.env, HOME: '/tmp' } } : {}),
      },
    );
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout);
  }

  /** A database at the latest schema, in a folder of its own. */
  async function database(name: string): Promise<{ folder: string; path: string }> {
    const folder = join(tempDir, name);
    mkdirSync(folder);
    const path = join(folder, 'board.sqlite');
    await openSqliteStorage({ path }).close();
    return { folder, path };
  }

  it('names the file when the file is read-only', async () => {
    const { folder, path } = await database('read-only-file');
    chmodSync(folder, 0o777); // the folder is writable, so only the file is in the way
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const result = openAsOther(path);
    expect(result.code).toBe('read_only');
    expect(result.path).toBe(path);
    expect(result.message).toBe(
      `[anonboard] [sqlite] ${path} is read-only for this process: let the user running the bot write to the file and its folder, or open it with { readonly: true }`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('names the file when its folder is read-only (no room for the -wal and -shm files)', async () => {
    const { folder, path } = await database('read-only-folder');
    chmodSync(path, 0o666);
    chmodSync(folder, 0o555);
    const result = openAsOther(path);
    chmodSync(folder, 0o755);
    expect(result.code).toBe('read_only');
    expect(result.message).toContain(`the folder of ${path} is read-only for this process`);
  });
});

describe('integrityCheck', () => {
  /** A database whose last page (table rows, not the schema) was overwritten. */
  async function damaged(): Promise<string> {
    const path = tempPath('damaged-rows');
    const storage = openSqliteStorage({ path });
    await storage.transaction(async (tx) => {
      for (let i = 0; i < 2000; i++) await tx.inbox.claim(`update-${i}`.padEnd(64, '.'), i);
    });
    await storage.close();
    const bytes = readFileSync(path);
    bytes.fill(0xa5, bytes.length - 4096);
    writeFileSync(path, bytes);
    return path;
  }

  it('is off by default: damage in the rows goes unnoticed at open', async () => {
    await openSqliteStorage({ path: await damaged() }).close();
  });

  it.each([
    'quick',
    'full',
  ] as const)('%s refuses a damaged file by name and leaves it untouched', async (mode) => {
    const path = await damaged();
    const before = readFileSync(path);
    const error = errorOf(() => openSqliteStorage({ path, integrityCheck: mode }));
    expect(error.code).toBe('integrity_check_failed');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(
      new RegExp(
        `^\\[anonboard\\] \\[sqlite\\] ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed SQLite's ${mode === 'full' ? 'integrity_check' : 'quick_check'} \\(.+\\); it was left untouched`,
      ),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('passes a sound file', async () => {
    const path = tempPath('sound');
    await openSqliteStorage({ path }).close();
    const storage = openSqliteStorage({ path, integrityCheck: 'full' });
    expect(await storage.transaction((tx) => tx.inbox.claim('k', 1))).toBe(true);
    await storage.close();
  });
});
