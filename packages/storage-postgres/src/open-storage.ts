import pg from 'pg';
import { messageOf, PostgresStorageError } from './errors.js';
import { migrate, migrations } from './migrations.js';
import { type PostgresStorageOptions, redact, resolveOptions } from './options.js';
import { PostgresStorage } from './storage.js';

/**
 * Opens the board's {@link PostgresStorage} on a PostgreSQL database: validates the options,
 * connects (making a `Pool` from `connectionString`, or borrowing `pool`), creates the schema
 * when missing and applies missing migrations under an advisory lock, so instances starting
 * together migrate once. Rejects with a {@link PostgresStorageError} when it cannot (bad
 * options, no server, a schema newer than this code, a failing migration).
 *
 * ```ts
 * import { createBoard } from '@anonboard/core';
 * import { openPostgresStorage } from '@anonboard/storage-postgres';
 *
 * const storage = await openPostgresStorage({
 *   connectionString: process.env.DATABASE_URL ?? 'postgres://anonboard@127.0.0.1:5432/anonboard',
 * });
 * const board = createBoard({ storage, transport });
 * process.once('SIGTERM', () => void storage.close());
 * ```
 */
export async function openPostgresStorage(
  options: PostgresStorageOptions,
): Promise<PostgresStorage> {
  const resolved = resolveOptions(options);
  const ownsPool = resolved.pool === undefined;
  const pool =
    resolved.pool ??
    new pg.Pool({
      connectionString: resolved.connectionString,
      max: resolved.max,
      connectionTimeoutMillis: resolved.connectionTimeoutMs,
      application_name: resolved.applicationName,
      // A transaction's statements go out without waiting for each other's answers where
      // nothing needs them (see Pipeline): a relay's writes cost no round trips of their own.
      pipeline: true,
    });
  // An idle connection that the server drops emits 'error' on the pool; unhandled, that would
  // crash the process. The pool discards the connection itself and makes a new one when needed.
  if (ownsPool) pool.on('error', () => undefined);
  try {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      const where =
        resolved.connectionString === undefined
          ? 'the given pool'
          : redact(resolved.connectionString);
      throw new PostgresStorageError(
        'cannot_connect',
        `cannot connect to ${where}: ${messageOf(cause)}`,
        {
          schema: resolved.schema,
          cause,
        },
      );
    }
    try {
      const migration = await migrate(client, resolved.schema, migrations);
      return new PostgresStorage({
        pool,
        ownsPool,
        schema: resolved.schema,
        isolation: resolved.isolation,
        maxRetries: resolved.maxRetries,
        preparedStatements: resolved.preparedStatements,
        synchronousCommit: resolved.synchronousCommit,
        migration,
      });
    } finally {
      client.release();
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
}
