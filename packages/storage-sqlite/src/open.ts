import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStorageError } from './errors.js';
import { type Migration, migrate, tooNew, userVersion } from './migrations.js';
import type { ResolvedOptions } from './options.js';

const MAGIC = 'SQLite format 3\u0000';
const IN_MEMORY = ':memory:';
const WAL_AUTOCHECKPOINT_PAGES = 4000;
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the connection (or takes the host's): refuses a file that is not a SQLite database
 * (before SQLite writes a byte to it), one this process may not write (unless read-only), one
 * that fails the integrity check when asked for, or one newer than `list`, then sets WAL,
 * synchronous, busy_timeout and foreign keys, and migrates. Closes a connection it opened if any
 * step fails; the host's stays open, as it was given.
 */
export function openDatabase(
  options: ResolvedOptions,
  list: readonly Migration[],
): Database.Database {
  const { path } = options;
  if (options.database !== undefined) {
    configure(options.database, options, list);
    return options.database;
  }
  if (path !== IN_MEMORY) checkFile(path, options.readonly);
  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly: options.readonly,
      fileMustExist: options.readonly,
      timeout: options.busyTimeoutMs,
    });
  } catch (cause) {
    throw new SqliteStorageError('cannot_open', `cannot open ${path}: ${message(cause)}`, {
      path,
      cause,
    });
  }
  try {
    configure(db, options, list);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// --- Internal helpers ---

function configure(db: Database.Database, options: ResolvedOptions, list: readonly Migration[]) {
  const { path } = options;
  const latest = list.at(-1)?.version ?? 0;
  // Read before writing anything: a damaged file fails here and is left as it was.
  let version: number;
  try {
    version = userVersion(db);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (cause) {
    if (isCorruption(cause)) throw notADatabase(path, cause);
    throw cause;
  }
  if (version > latest) throw tooNew(db, version, latest);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  // Negative: a size in KiB rather than in pages.
  db.pragma(`cache_size = ${-Math.round(options.cacheSizeMiB * 1024)}`);
  if (options.integrityCheck !== 'off') checkIntegrity(db, path, options.integrityCheck);
  if (options.readonly) {
    if (version < latest) {
      throw new SqliteStorageError(
        'schema_too_old',
        `database schema v${version} is older than this code (v${latest}) and the storage is read-only: open it once read-write to migrate`,
        { path },
      );
    }
    return;
  }
  const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
  if (mode !== 'wal' && !(path === IN_MEMORY && mode === 'memory')) {
    throw new SqliteStorageError(
      'wal_unavailable',
      `could not switch ${path} to WAL mode (got "${mode}"): is it on a network file system?`,
      { path },
    );
  }
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('foreign_keys = ON');
  // What is deleted or overwritten (a forgotten person's platform id, their texts) is zeroed in
  // the file, not left in free space where a copy of the file would still hold it.
  db.pragma('secure_delete = ON');
  // Checkpoint every ~16 MB of WAL instead of SQLite's 4 MB: a relay writes ~14 pages, and
  // rarer checkpoints copy hot pages once instead of four times (about 1.7x the relay rate).
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  // After a checkpoint, shrink a WAL that grew past this (e.g. while a long reader held it).
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  try {
    migrate(db, list);
  } catch (cause) {
    if (isCorruption(cause)) throw notADatabase(path, cause);
    throw cause;
  }
  // Sub-journals in memory: in a group commit each unit runs in a savepoint and rewrites pages
  // the group wrote already (~16 a relay); past SQLite's 64 KiB in-memory limit the sub-journal
  // becomes a temp file, and every such page a pwrite (≈26 per relay with 32 in flight: a third
  // of the CPU of a relay). Nor do those page images (people's words) reach a temp file. Set
  // after the migrations, whose index builds may sort a whole table.
  db.pragma('temp_store = MEMORY');
  // From here on a busy database is waited for asynchronously (see `SqliteStorage`): SQLite's
  // own busy handler sleeps on the event loop's thread, which would freeze the whole process
  // and deadlock two connections of one process.
  db.pragma('busy_timeout = 0');
}

/** Runs SQLite's own check of every page (`full`) or of the structure only (`quick`, faster). */
function checkIntegrity(db: Database.Database, path: string, mode: 'quick' | 'full'): void {
  const pragma = mode === 'full' ? 'integrity_check' : 'quick_check';
  let problems: string[];
  let cause: unknown;
  try {
    problems = (db.pragma(`${pragma}(5)`) as { [column: string]: string }[])
      .map((row) => String(Object.values(row)[0]))
      .filter((problem) => problem !== 'ok');
  } catch (error) {
    // Damage bad enough stops the check itself.
    if (!isCorruption(error)) throw error;
    problems = [message(error)];
    cause = error;
  }
  if (problems.length === 0) return;
  throw new SqliteStorageError(
    'integrity_check_failed',
    `${path} failed SQLite's ${pragma} (${problems.join('; ')}); it was left untouched: restore a backup, or salvage it with the sqlite3 shell's .recover`,
    cause === undefined ? { path } : { path, cause },
  );
}

/**
 * Refuses, without opening it, a file that exists but does not start like a SQLite database, or
 * that this process may not write.
 */
function checkFile(path: string, readonly: boolean): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new SqliteStorageError('not_a_database', `${path} is not a file`, { path });
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof SqliteStorageError) throw error;
    // Missing: SQLite creates it (read-only opening reports the missing file itself), but not
    // its folder: where data lives is the host's decision, so a typo in the path is not a new tree.
    const folder = dirname(path);
    if (!readonly && !existsSync(folder)) {
      throw new SqliteStorageError(
        'cannot_open',
        `cannot create ${path}: its directory ${folder} does not exist (create it first)`,
        { path },
      );
    }
    return;
  }
  if (size > 0) {
    const header = Buffer.alloc(MAGIC.length);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
    if (header.toString('latin1') !== MAGIC) throw notADatabase(path);
  }
  if (!readonly) checkWritable(path);
}

/**
 * Refuses by name a file this process may not write, or whose folder it may not write (SQLite
 * keeps the -wal and -shm files next to the database): SQLite's own "attempt to write a readonly
 * database" names no file, and comes only with the first write.
 */
function checkWritable(path: string): void {
  for (const [target, what] of [
    [path, `${path} is read-only for this process`],
    [
      dirname(path),
      `the folder of ${path} is read-only for this process (SQLite keeps its -wal and -shm files next to the database)`,
    ],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch (cause) {
      throw new SqliteStorageError(
        'read_only',
        `${what}: let the user running the bot write to the file and its folder, or open it with { readonly: true }`,
        { path, cause },
      );
    }
  }
}

function notADatabase(path: string, cause?: unknown): SqliteStorageError {
  const detail = cause === undefined ? '' : ` (${message(cause)})`;
  return new SqliteStorageError(
    'not_a_database',
    `${path} is not a SQLite database or is damaged${detail}; it was left untouched`,
    cause === undefined ? { path } : { path, cause },
  );
}

function isCorruption(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
