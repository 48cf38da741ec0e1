import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openPostgresStorage, type PostgresStorage } from '@anonboard/storage-postgres';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';
import type { DatabaseConfig } from './config.js';

/** The board's storage: SQLite for one process, PostgreSQL for several. */
export type BoardStorage = SqliteStorage | PostgresStorage;

/**
 * Opens the configured storage: a SQLite file (its folder is created) or a PostgreSQL database
 * (the schema is created or migrated; several instances may start at once).
 *
 * ```ts
 * const storage = await openStorage({ kind: 'postgres', url: process.env.DATABASE_URL ?? '' });
 * ```
 */
export async function openStorage(database: DatabaseConfig): Promise<BoardStorage> {
  if (database.kind === 'postgres') {
    return openPostgresStorage({ connectionString: database.url });
  }
  if (database.path !== ':memory:') {
    mkdirSync(dirname(resolve(database.path)), { recursive: true });
  }
  return openSqliteStorage({ path: database.path });
}
