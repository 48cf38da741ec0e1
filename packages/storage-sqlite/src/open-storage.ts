import type { SqliteStorageOptions } from './options.js';
import { SqliteStorage } from './storage.js';

/**
 * Opens (creating it when missing; its directory must exist) a SQLite database as the board's
 * {@link SqliteStorage}, or takes a better-sqlite3 connection the host opened (`{ database }`):
 * validates the options, refuses files that are not SQLite databases or are newer than this
 * code, switches to WAL and migrates. Throws {@link SqliteStorageError} on any of these.
 *
 * ```ts
 * import { createBoard } from '@anonboard/core';
 * import { openSqliteStorage } from '@anonboard/storage-sqlite';
 *
 * const storage = openSqliteStorage({ path: process.env.DATABASE_PATH ?? './data/anonboard.sqlite' });
 * const board = createBoard({ storage, transport });
 * process.once('SIGTERM', () => void storage.close());
 *
 * // Or share the host's connection (the host closes it, after storage.close()):
 * const shared = openSqliteStorage({ database: new Database('./data/app.sqlite') });
 * ```
 */
export function openSqliteStorage(options: SqliteStorageOptions): SqliteStorage {
  return new SqliteStorage(options);
}
