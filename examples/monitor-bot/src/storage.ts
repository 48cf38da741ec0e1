import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openPostgresStorage, type PostgresStorage } from '@anonboard/storage-postgres';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';
import type { DatabaseConfig } from './config.js';

/** The feed's storage: SQLite for one process, PostgreSQL for several. */
export type FeedStorage = SqliteStorage | PostgresStorage;

/**
 * Opens the configured storage: a SQLite file (its folder is created) or a PostgreSQL database
 * (the schema is created or migrated).
 *
 * ```ts
 * const storage = await openStorage({ kind: 'sqlite', path: './data/monitor.sqlite' });
 * ```
 */
export async function openStorage(database: DatabaseConfig): Promise<FeedStorage> {
  if (database.kind === 'postgres') {
    return openPostgresStorage({ connectionString: database.url });
  }
  if (database.path !== ':memory:') {
    mkdirSync(dirname(resolve(database.path)), { recursive: true });
  }
  return openSqliteStorage({ path: database.path });
}
