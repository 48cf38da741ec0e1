import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Logger, silentLogger } from '@anonboard/core';
import { openPostgresStorage, type PostgresStorage } from '@anonboard/storage-postgres';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';

/** Where a bot keeps its state. */
export type DatabaseConfig =
  /** One process: a SQLite file (`:memory:` for the sandbox), checked when it opens if asked. */
  | {
      readonly kind: 'sqlite';
      readonly path: string;
      readonly integrityCheck?: 'quick' | 'full';
    }
  /** Any number of processes sharing one PostgreSQL database. */
  | { readonly kind: 'postgres'; readonly url: string };

/** A bot's storage: SQLite for one process, PostgreSQL for several. */
export type BotStorage = SqliteStorage | PostgresStorage;

/**
 * Opens the configured storage: a SQLite file (its folder is created) or a PostgreSQL database
 * (the schema is created or migrated; several instances may start at once). When the previous
 * process on the SQLite file died with deliveries in flight, they resume at once: `logger` hears
 * how many (each may reach its recipient a second time).
 *
 * ```ts
 * const storage = await openStorage({ kind: 'postgres', url: process.env.DATABASE_URL ?? '' });
 * ```
 */
export async function openStorage(
  database: DatabaseConfig,
  logger: Logger = silentLogger,
): Promise<BotStorage> {
  if (database.kind === 'postgres') {
    return openPostgresStorage({ connectionString: database.url });
  }
  if (database.path !== ':memory:') {
    mkdirSync(dirname(resolve(database.path)), { recursive: true });
  }
  const storage = openSqliteStorage({
    path: database.path,
    ...(database.integrityCheck === undefined ? {} : { integrityCheck: database.integrityCheck }),
  });
  if (storage.releasedLeases > 0) {
    logger.info('the previous process died with deliveries in flight: they resume now', {
      component: 'storage',
      deliveries: storage.releasedLeases,
    });
  }
  return storage;
}

/**
 * Where the state is, for the operator: the SQLite path, or the PostgreSQL URL with the password
 * masked.
 *
 * ```ts
 * describeDatabase({ kind: 'postgres', url: 'postgres://bot:s3cret@db/board' }); // 'postgres://bot:***@db/board'
 * ```
 */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return database.path;
  const url = new URL(database.url);
  if (url.password !== '') url.password = '***';
  return url.toString();
}
