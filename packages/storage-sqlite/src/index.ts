/**
 * `@anonboard/storage-sqlite`: the anonboard Storage port on better-sqlite3.
 *
 * @module @anonboard/storage-sqlite
 */

export { SqliteStorageError, type SqliteStorageErrorCode } from './errors.js';
export { type Migration, migrate, migrations } from './migrations.js';
export { openSqliteStorage } from './open-storage.js';
export type {
  SqliteDatabaseOptions,
  SqliteFileOptions,
  SqliteIntegrityCheck,
  SqliteStorageOptions,
  SqliteStorageSettings,
  SqliteSynchronous,
} from './options.js';
export { SqliteStorage } from './storage.js';
