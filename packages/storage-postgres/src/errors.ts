/**
 * Why a {@link PostgresStorageError} was thrown.
 *
 * ```ts
 * const fatal = (code: PostgresStorageErrorCode) => code === 'schema_too_new';
 * ```
 */
export type PostgresStorageErrorCode =
  /** `openPostgresStorage` was given options it cannot use. */
  | 'invalid_options'
  /** No connection to the server could be made (wrong address, credentials, database, …). */
  | 'cannot_connect'
  /** The schema was written by a newer version of this package. */
  | 'schema_too_new'
  /** A migration list is malformed (versions must be 1, 2, 3, … in order). */
  | 'invalid_migrations'
  /** A migration step failed; its transaction was rolled back, so the schema is as it was. */
  | 'migration_failed'
  /**
   * A transaction kept failing on serialization failures or deadlocks with concurrent ones
   * after every retry.
   */
  | 'conflict'
  /** The storage was closed. */
  | 'closed'
  /** A repository was used after its transaction had ended. */
  | 'transaction_finished';

/**
 * Errors of the PostgreSQL storage. Messages read `[anonboard] [postgres] …`; `cause` holds the
 * underlying node-postgres error when there is one.
 *
 * ```ts
 * try {
 *   await openPostgresStorage({ connectionString: process.env.DATABASE_URL });
 * } catch (error) {
 *   if (error instanceof PostgresStorageError && error.code === 'schema_too_new') process.exit(1);
 *   throw error;
 * }
 * ```
 */
export class PostgresStorageError extends Error {
  override readonly name = 'PostgresStorageError';
  /** Stable machine-readable reason. */
  readonly code: PostgresStorageErrorCode;
  /** The schema concerned, when there is one. */
  readonly schema: string | undefined;

  constructor(
    code: PostgresStorageErrorCode,
    message: string,
    options: { schema?: string; cause?: unknown } = {},
  ) {
    super(
      `[anonboard] [postgres] ${message}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.schema = options.schema;
  }
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The SQLSTATE of a node-postgres error (or of an error it caused), if any. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if ('code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause;
  }
  return undefined;
}
