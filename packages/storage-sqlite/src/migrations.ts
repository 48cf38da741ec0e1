import type { Database } from 'better-sqlite3';
import { SqliteStorageError } from './errors.js';
import { schemaV1 } from './schema/v1.js';
import { schemaV2 } from './schema/v2.js';
import { schemaV3 } from './schema/v3.js';
import { schemaV4 } from './schema/v4.js';
import { schemaV5 } from './schema/v5.js';
import { schemaV6 } from './schema/v6.js';
import { schemaV7 } from './schema/v7.js';
import { schemaV8 } from './schema/v8.js';
import { schemaV9 } from './schema/v9.js';

/**
 * One step of the schema. Versions count up from 1; `up` runs inside the migration's
 * transaction, so a step that throws leaves the database as it was.
 *
 * ```ts
 * const v2: Migration = {
 *   version: 2,
 *   name: 'inbox by time',
 *   up: (db) => db.exec('CREATE INDEX inbox_by_at ON inbox (at)'),
 * };
 * ```
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}

/**
 * The schema history of this package, oldest first. The database keeps the version it is at
 * in `PRAGMA user_version`; opening a storage applies the missing steps.
 *
 * ```ts
 * const latest = migrations.at(-1)?.version; // the version this code writes
 * ```
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'board tables', up: (db) => db.exec(schemaV1) },
  { version: 2, name: 'monitoring feed tables', up: (db) => db.exec(schemaV2) },
  { version: 3, name: 'safety: limits, history, bans, reports', up: (db) => db.exec(schemaV3) },
  { version: 4, name: 'outbox lease owners', up: (db) => db.exec(schemaV4) },
  {
    version: 5,
    name: 'feed items: forwarders, score flags, manual review, edits',
    up: (db) => db.exec(schemaV5),
  },
  {
    version: 6,
    name: "the channel's direct messages: items, platform decisions",
    up: (db) => db.exec(schemaV6),
  },
  {
    version: 7,
    name: 'what outlives forgetting: tombstones, the installation secret; token purges',
    up: (db) => db.exec(schemaV7),
  },
  { version: 8, name: 'rate-limit hits keyed by (key, at)', up: (db) => db.exec(schemaV8) },
  { version: 9, name: 'people keyed by id (WITHOUT ROWID)', up: (db) => db.exec(schemaV9) },
];

/**
 * Brings `db` up to the last version of `list`, in one `BEGIN IMMEDIATE` transaction (so two
 * processes opening the same new file migrate it once). Refuses a database newer than `list`.
 * Returns the versions before and after.
 *
 * ```ts
 * const db = new Database('./data/board.sqlite');
 * const { from, to } = migrate(db, migrations); // e.g. { from: 0, to: 1 }
 * ```
 */
export function migrate(db: Database, list: readonly Migration[]): { from: number; to: number } {
  checkMigrations(list);
  const target = list.at(-1)?.version ?? 0;
  const run = db.transaction(() => {
    const from = userVersion(db);
    if (from > target) throw tooNew(db, from, target);
    for (const migration of list) {
      if (migration.version <= from) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    return { from, to: Math.max(from, target) };
  });
  return run.immediate();
}

/** The schema version recorded in the database (0 for a new file). */
export function userVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** The error for a database written by newer code. */
export function tooNew(db: Database, found: number, known: number): SqliteStorageError {
  return new SqliteStorageError(
    'schema_too_new',
    `database schema v${found} is newer than this code (v${known}): upgrade @anonboard/storage-sqlite`,
    { path: db.name },
  );
}

// --- Internal helpers ---

function checkMigrations(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new SqliteStorageError(
        'invalid_migrations',
        `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
