import type Database from 'better-sqlite3';
import { SqliteStorageError } from './errors.js';

/**
 * SQLite's `PRAGMA synchronous`, in WAL mode. What a crash of the process never costs: anything
 * committed. What a power loss or OS crash can cost:
 * - `'OFF'`: recent commits, and the database may be corrupted. Only for throwaway data.
 * - `'NORMAL'` (default): commits not yet synced (the WAL is synced at checkpoints, and the OS
 *   flushes it within seconds) may roll back; the database stays consistent, and each lost
 *   transaction is lost whole, state change and outbox entries together.
 * - `'FULL'`: nothing committed is lost (an fsync of the WAL on every commit).
 * - `'EXTRA'`: as `'FULL'` (its extra directory sync concerns rollback journals, not WAL).
 *
 * ```ts
 * const storage = openSqliteStorage({ path, synchronous: 'FULL' }); // every commit survives power loss
 * ```
 */
export type SqliteSynchronous = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

/**
 * What both ways of opening take besides the database itself.
 *
 * ```ts
 * const settings: SqliteStorageSettings = { synchronous: 'FULL', busyTimeoutMs: 2000 };
 * ```
 */
export interface SqliteStorageSettings {
  /** Durability of commits against power loss; see {@link SqliteSynchronous}. Default `'NORMAL'`. */
  readonly synchronous?: SqliteSynchronous;
  /**
   * How long a transaction waits for another process's write lock before failing with
   * `SQLITE_BUSY`. Default 5000.
   */
  readonly busyTimeoutMs?: number;
  /**
   * Checks the database before using it: `'quick'` (SQLite's `quick_check`: the structure, in
   * about the time of reading the file once), `'full'` (`integrity_check`: also that every index
   * matches its table; slower on big files) or `'off'`. A damaged file is refused with
   * `integrity_check_failed` and left untouched. Default `'off'`.
   */
  readonly integrityCheck?: SqliteIntegrityCheck;
  /**
   * The most memory SQLite's page cache of this connection may hold, in MiB: the only part of the
   * storage's memory that grows with the data (until it reaches this). Pages beyond it are read
   * from the OS's file cache again when needed. Default 8 (better-sqlite3's build default is 16).
   */
  readonly cacheSizeMiB?: number;
}

/**
 * How thoroughly {@link SqliteStorageSettings.integrityCheck} checks the database when it opens.
 *
 * ```ts
 * const storage = openSqliteStorage({ path, integrityCheck: 'quick' });
 * ```
 */
export type SqliteIntegrityCheck = 'off' | 'quick' | 'full';

/**
 * Open a database file: the storage owns the connection and closes it on `close()`.
 *
 * ```ts
 * const options: SqliteFileOptions = { path: './data/anonboard.sqlite', synchronous: 'FULL' };
 * ```
 */
export interface SqliteFileOptions extends SqliteStorageSettings {
  /**
   * The database file, created when missing; its directory must exist. `':memory:'` for a
   * private, non-durable database.
   */
  readonly path: string;
  readonly database?: never;
  /**
   * Opens the file read-only, for inspection and reports: no migration, no WAL switch; every write
   * fails. The file must exist and be at this code's schema version. Default false.
   */
  readonly readonly?: boolean;
}

/**
 * Use a better-sqlite3 connection the host application opened (e.g. its own database file,
 * shared with its tables). The storage switches it to WAL, migrates its own tables and sets
 * its pragmas (`busy_timeout` ends at 0: the storage waits for locks itself), and never closes
 * it: the host does, after `storage.close()`. A read-only connection is used read-only.
 *
 * ```ts
 * const db = new Database('./data/app.sqlite');
 * const options: SqliteDatabaseOptions = { database: db };
 * ```
 */
export interface SqliteDatabaseOptions extends SqliteStorageSettings {
  readonly database: Database.Database;
  readonly path?: never;
  readonly readonly?: never;
}

/**
 * Options of {@link openSqliteStorage}: a file to open, or a connection to share.
 *
 * ```ts
 * const options: SqliteStorageOptions = { path: './data/anonboard.sqlite' };
 * ```
 */
export type SqliteStorageOptions = SqliteFileOptions | SqliteDatabaseOptions;

/** Options with every default filled in. */
export interface ResolvedOptions {
  /** The file (a shared connection's `name`). */
  readonly path: string;
  /** A connection the host opened and keeps; undefined when the storage opens `path` itself. */
  readonly database: Database.Database | undefined;
  readonly synchronous: SqliteSynchronous;
  readonly busyTimeoutMs: number;
  readonly readonly: boolean;
  readonly integrityCheck: SqliteIntegrityCheck;
  readonly cacheSizeMiB: number;
}

const integrityChecks: readonly string[] = ['off', 'quick', 'full'];
const synchronousModes: readonly string[] = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
const known = new Set([
  'path',
  'database',
  'synchronous',
  'busyTimeoutMs',
  'readonly',
  'integrityCheck',
  'cacheSizeMiB',
]);

/** Checks options given at run time (JavaScript callers, config files) and fills defaults. */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (typeof input !== 'object' || input === null) {
    throw invalid('options must be an object like { path: "./data/anonboard.sqlite" }');
  }
  const options = input as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      throw invalid(`unknown option "${key}" (known: ${[...known].join(', ')})`);
    }
  }
  const {
    database,
    synchronous = 'NORMAL',
    busyTimeoutMs = 5000,
    integrityCheck = 'off',
    cacheSizeMiB = 8,
  } = options;
  const shared = database !== undefined ? checkDatabase(database, options) : undefined;
  const path = shared?.name ?? options.path;
  const readonly = shared?.readonly ?? options.readonly ?? false;
  if (typeof path !== 'string' || path.trim() === '') {
    throw invalid(
      'option "path" must be a non-empty string (the database file), or give "database" (a better-sqlite3 connection)',
    );
  }
  if (typeof synchronous !== 'string' || !synchronousModes.includes(synchronous)) {
    throw invalid(
      `option "synchronous" must be one of ${synchronousModes.join(', ')}, got ${JSON.stringify(synchronous)}`,
    );
  }
  if (
    typeof busyTimeoutMs !== 'number' ||
    !Number.isInteger(busyTimeoutMs) ||
    busyTimeoutMs < 0 ||
    busyTimeoutMs > 2_147_483_647
  ) {
    throw invalid(
      `option "busyTimeoutMs" must be a whole number of milliseconds >= 0, got ${String(busyTimeoutMs)}`,
    );
  }
  if (typeof readonly !== 'boolean') {
    throw invalid(`option "readonly" must be a boolean, got ${JSON.stringify(readonly)}`);
  }
  if (typeof integrityCheck !== 'string' || !integrityChecks.includes(integrityCheck)) {
    throw invalid(
      `option "integrityCheck" must be one of ${integrityChecks.join(', ')}, got ${JSON.stringify(integrityCheck)}`,
    );
  }
  if (
    typeof cacheSizeMiB !== 'number' ||
    !Number.isFinite(cacheSizeMiB) ||
    cacheSizeMiB < 1 ||
    cacheSizeMiB > 65_536
  ) {
    throw invalid(
      `option "cacheSizeMiB" must be a number of MiB from 1 to 65536, got ${String(cacheSizeMiB)}`,
    );
  }
  return {
    path,
    database: shared,
    cacheSizeMiB,
    synchronous: synchronous as SqliteSynchronous,
    busyTimeoutMs,
    readonly,
    integrityCheck: integrityCheck as SqliteIntegrityCheck,
  };
}

// --- Internal helpers ---

/** A shared connection: an open better-sqlite3 `Database`, given instead of a path. */
function checkDatabase(database: unknown, options: Record<string, unknown>): Database.Database {
  for (const clash of ['path', 'readonly']) {
    if (options[clash] !== undefined) {
      throw invalid(
        `give either "database" or "${clash}", not both (a shared connection has its own)`,
      );
    }
  }
  const looksOpen =
    typeof database === 'object' &&
    database !== null &&
    typeof (database as { prepare?: unknown }).prepare === 'function' &&
    typeof (database as { name?: unknown }).name === 'string';
  if (!looksOpen) throw invalid('option "database" must be a better-sqlite3 Database');
  const db = database as Database.Database;
  if (!db.open) throw invalid('option "database" is a closed connection');
  if (db.inTransaction) throw invalid('option "database" is inside a transaction');
  return db;
}

function invalid(message: string): SqliteStorageError {
  return new SqliteStorageError('invalid_options', message);
}
