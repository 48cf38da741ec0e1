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
 * Options of {@link openSqliteStorage}.
 *
 * ```ts
 * const options: SqliteStorageOptions = { path: './data/anonboard.sqlite', synchronous: 'FULL' };
 * ```
 */
export interface SqliteStorageOptions {
  /** The database file; created (with its directory) when missing. `':memory:'` for a private, non-durable database. */
  readonly path: string;
  /** Durability of commits against power loss; see {@link SqliteSynchronous}. Default `'NORMAL'`. */
  readonly synchronous?: SqliteSynchronous;
  /**
   * How long a transaction waits for another process's write lock before failing with
   * `SQLITE_BUSY`. The wait blocks this process's event loop (better-sqlite3 is synchronous).
   * Default 5000.
   */
  readonly busyTimeoutMs?: number;
  /**
   * Opens the file read-only, for inspection and reports: no migration, no WAL switch; every write
   * fails. The file must exist and be at this code's schema version. Default false.
   */
  readonly readonly?: boolean;
  /**
   * Checks the file before using it: `'quick'` (SQLite's `quick_check`: the structure, in
   * about the time of reading the file once), `'full'` (`integrity_check`: also that every index
   * matches its table; slower on big files) or `'off'`. A damaged file is refused with
   * `integrity_check_failed` and left untouched. Default `'off'`.
   */
  readonly integrityCheck?: SqliteIntegrityCheck;
}

/**
 * How thoroughly {@link SqliteStorageOptions.integrityCheck} checks the file when it opens.
 *
 * ```ts
 * const storage = openSqliteStorage({ path, integrityCheck: 'quick' });
 * ```
 */
export type SqliteIntegrityCheck = 'off' | 'quick' | 'full';

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly path: string;
  readonly synchronous: SqliteSynchronous;
  readonly busyTimeoutMs: number;
  readonly readonly: boolean;
  readonly integrityCheck: SqliteIntegrityCheck;
}

const integrityChecks: readonly string[] = ['off', 'quick', 'full'];
const synchronousModes: readonly string[] = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
const known = new Set(['path', 'synchronous', 'busyTimeoutMs', 'readonly', 'integrityCheck']);

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
    path,
    synchronous = 'NORMAL',
    busyTimeoutMs = 5000,
    readonly = false,
    integrityCheck = 'off',
  } = options;
  if (typeof path !== 'string' || path.trim() === '') {
    throw invalid('option "path" must be a non-empty string (the database file)');
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
  return {
    path,
    synchronous: synchronous as SqliteSynchronous,
    busyTimeoutMs,
    readonly,
    integrityCheck: integrityCheck as SqliteIntegrityCheck,
  };
}

// --- Internal helpers ---

function invalid(message: string): SqliteStorageError {
  return new SqliteStorageError('invalid_options', message);
}
