/**
 * `@anonboard/storage-postgres`: the anonboard Storage port on PostgreSQL (node-postgres).
 *
 * @module @anonboard/storage-postgres
 */

export { PostgresStorageError, type PostgresStorageErrorCode } from './errors.js';
export { type Migration, migrate, migrations, schemaVersion } from './migrations.js';
export { openPostgresStorage } from './open-storage.js';
export type {
  PostgresConnectionStringOptions,
  PostgresIsolation,
  PostgresPoolOptions,
  PostgresStorageOptions,
  PostgresStorageSettings,
} from './options.js';
export { PostgresStorage, type PostgresStorageParts } from './storage.js';
