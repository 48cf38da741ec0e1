import type { ClientBase } from 'pg';
import { messageOf, PostgresStorageError } from './errors.js';
import { quoteIdentifier } from './options.js';
import { schemaV1 } from './schema/v1.js';
import { schemaV2 } from './schema/v2.js';
import { schemaV3 } from './schema/v3.js';
import { schemaV4 } from './schema/v4.js';
import { schemaV5 } from './schema/v5.js';
import { schemaV6 } from './schema/v6.js';

/**
 * One step of the schema. Versions count up from 1; `up` runs inside the migration's
 * transaction with `search_path` set to the storage's schema (so unqualified names land there),
 * and a step that throws leaves the schema as it was.
 *
 * ```ts
 * const v4: Migration = {
 *   version: 4,
 *   name: 'outbox by time',
 *   up: (client) => client.query('CREATE INDEX outbox_by_time ON outbox (created_at)'),
 * };
 * ```
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (client: ClientBase) => Promise<unknown>;
}

/**
 * The schema history of this package, oldest first. Each applied step is a row of the schema's
 * `migrations` table; opening a storage applies the missing ones.
 *
 * ```ts
 * const latest = migrations.at(-1)?.version; // the version this code writes
 * ```
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'board tables', up: (client) => client.query(schemaV1) },
  { version: 2, name: 'monitoring feed tables', up: (client) => client.query(schemaV2) },
  { version: 3, name: 'safety tables', up: (client) => client.query(schemaV3) },
  { version: 4, name: 'outbox lease owners', up: (client) => client.query(schemaV4) },
  {
    version: 5,
    name: 'feed items: score flags, manual review, edits',
    up: (client) => client.query(schemaV5),
  },
  {
    version: 6,
    name: 'what outlives forgetting: tombstones, the installation secret; token purges',
    up: (client) => client.query(schemaV6),
  },
];

/**
 * Brings `schema` (created when missing) up to the last version of `list`, in one transaction
 * holding a transaction-scoped advisory lock on the schema's name, so several instances starting
 * together migrate it once: the others wait, then find it done. Refuses a schema newer than
 * `list`. `client` must not be inside a transaction. Returns the versions before and after.
 *
 * ```ts
 * const client = await pool.connect();
 * try {
 *   const { from, to } = await migrate(client, 'anonboard'); // e.g. { from: 0, to: 3 }
 * } finally {
 *   client.release();
 * }
 * ```
 */
export async function migrate(
  client: ClientBase,
  schema: string,
  list: readonly Migration[] = migrations,
): Promise<{ from: number; to: number }> {
  checkMigrations(list);
  const target = list.at(-1)?.version ?? 0;
  // Fast path: an up-to-date schema needs neither the lock nor any DDL (nor the right to run it).
  const current = await schemaVersion(client, schema);
  if (current > target) throw tooNew(schema, current, target);
  if (current === target && target > 0) return { from: current, to: current };

  const quoted = quoteIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query(sql.lock, [`anonboard:migrate:${schema}`]);
    // Read again under the lock: another instance may have migrated while we waited.
    const { rows } = await client.query<{ exists: boolean }>(sql.schemaExists, [schema]);
    if (rows[0]?.exists !== true) await client.query(`CREATE SCHEMA ${quoted}`);
    await client.query(`SET LOCAL search_path TO ${quoted}, pg_catalog, pg_temp`);
    await client.query(sql.createTable);
    const from = await maxVersion(client);
    if (from > target) throw tooNew(schema, from, target);
    for (const migration of list) {
      if (migration.version <= from) continue;
      try {
        await migration.up(client);
      } catch (cause) {
        throw new PostgresStorageError(
          'migration_failed',
          `migration v${migration.version} "${migration.name}" failed in schema "${schema}" (rolled back): ${messageOf(cause)}`,
          { schema, cause },
        );
      }
      await client.query(sql.record, [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, target) };
  } catch (error) {
    // A broken connection cannot roll back; the server does it when the connection drops.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The schema version recorded in `schema` (0 when the schema or its `migrations` table is missing).
 *
 * ```ts
 * if ((await schemaVersion(client, 'anonboard')) < 3) console.log('will migrate on open');
 * ```
 */
export async function schemaVersion(client: ClientBase, schema: string): Promise<number> {
  const { rows } = await client.query<{ exists: boolean }>(sql.tableExists, [
    `${quoteIdentifier(schema)}.migrations`,
  ]);
  if (rows[0]?.exists !== true) return 0;
  const result = await client.query<{ version: number }>(
    `SELECT coalesce(max(version), 0)::int AS version FROM ${quoteIdentifier(schema)}.migrations`,
  );
  return result.rows[0]?.version ?? 0;
}

// --- Internal helpers ---

const sql = {
  // hashtextextended gives a 64-bit key; one key per schema, so different schemas of one
  // database migrate independently.
  lock: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
  schemaExists: 'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists',
  tableExists: 'SELECT to_regclass($1) IS NOT NULL AS exists',
  createTable: `CREATE TABLE IF NOT EXISTS migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`,
  maxVersion: 'SELECT coalesce(max(version), 0)::int AS version FROM migrations',
  record: 'INSERT INTO migrations (version, name) VALUES ($1, $2)',
} as const;

async function maxVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ version: number }>(sql.maxVersion);
  return rows[0]?.version ?? 0;
}

function tooNew(schema: string, found: number, known: number): PostgresStorageError {
  return new PostgresStorageError(
    'schema_too_new',
    `schema "${schema}" is at v${found}, newer than this code (v${known}): upgrade @anonboard/storage-postgres`,
    { schema },
  );
}

function checkMigrations(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new PostgresStorageError(
        'invalid_migrations',
        `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}
