/**
 * Why a {@link SqliteStorageError} was thrown.
 *
 * ```ts
 * const retryable = (code: SqliteStorageErrorCode) => code === 'busy';
 * ```
 */
export type SqliteStorageErrorCode =
  /** `openSqliteStorage` was given options it cannot use. */
  | 'invalid_options'
  /** The file could not be opened (missing when read-only, no permission, …). */
  | 'cannot_open'
  /** The file exists but is not a SQLite database, or is damaged. It was left untouched. */
  | 'not_a_database'
  /** The file (or its folder) is read-only for this process, and the storage was not opened read-only. */
  | 'read_only'
  /** `integrityCheck` found damage. The file was left untouched. */
  | 'integrity_check_failed'
  /** The database was written by a newer version of this package. */
  | 'schema_too_new'
  /** The database needs migrating, but the storage was opened read-only. */
  | 'schema_too_old'
  /** A migration list is malformed (versions must be 1, 2, 3, … in order). */
  | 'invalid_migrations'
  /** The database could not be switched to WAL mode. */
  | 'wal_unavailable'
  /** Another connection held the write lock for longer than `busyTimeoutMs`. */
  | 'busy'
  /** The storage was closed. */
  | 'closed'
  /** A repository was used after its transaction had ended. */
  | 'transaction_finished';

/**
 * Errors of the SQLite storage. Messages read `[anonboard] [sqlite] …`; `cause` holds the
 * underlying better-sqlite3 error when there is one.
 *
 * ```ts
 * try {
 *   openSqliteStorage({ path: './data/board.sqlite' });
 * } catch (error) {
 *   if (error instanceof SqliteStorageError && error.code === 'schema_too_new') process.exit(1);
 *   throw error;
 * }
 * ```
 */
export class SqliteStorageError extends Error {
  override readonly name = 'SqliteStorageError';
  /** Stable machine-readable reason. */
  readonly code: SqliteStorageErrorCode;
  /** The database file concerned, when there is one. */
  readonly path: string | undefined;

  constructor(
    code: SqliteStorageErrorCode,
    message: string,
    options: { path?: string; cause?: unknown } = {},
  ) {
    super(
      `[anonboard] [sqlite] ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.path = options.path;
  }
}
