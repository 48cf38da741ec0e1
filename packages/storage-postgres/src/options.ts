import type { Pool } from 'pg';
import { PostgresStorageError } from './errors.js';

/**
 * The isolation level every transaction of the storage runs at. Every invariant of the port
 * holds at `'read committed'` (constraints, conditional updates and row locks decide races);
 * `'serializable'` additionally makes read-then-write logic of services exact (e.g. two
 * concurrent checks of a limit), at the cost of retried transactions.
 *
 * ```ts
 * const storage = await openPostgresStorage({ connectionString, isolation: 'serializable' });
 * ```
 */
export type PostgresIsolation = 'read committed' | 'repeatable read' | 'serializable';

/**
 * Settings of {@link openPostgresStorage} that apply however it connects.
 *
 * ```ts
 * const settings: PostgresStorageSettings = { schema: 'anonboard', isolation: 'read committed' };
 * ```
 */
export interface PostgresStorageSettings {
  /** The schema holding every table, created when missing. A lower-case identifier; default `'anonboard'`. */
  readonly schema?: string;
  /** Isolation level of every transaction; see {@link PostgresIsolation}. Default `'read committed'`. */
  readonly isolation?: PostgresIsolation;
  /**
   * How many times a transaction that failed on a serialization failure (40001) or a deadlock
   * (40P01) is run again before it fails with code `conflict`. Default 8.
   */
  readonly maxRetries?: number;
  /**
   * Names the queries (server-side prepared statements, parsed once per connection). Turn off
   * behind a pooler that does not support them (PgBouncer in transaction mode before 1.21).
   * Default true.
   */
  readonly preparedStatements?: boolean;
  /**
   * Whether a commit waits for its WAL to reach the disk (`synchronous_commit`, set per
   * transaction). `false` makes each write transaction cheaper (no wait for an fsync); a crash of
   * the *server* may then lose the last commits (up to about 3 × `wal_writer_delay`, 600 ms by
   * default), never half of one and never corrupting anything. A crash of a bot process loses
   * nothing either way. Default true.
   */
  readonly synchronousCommit?: boolean;
}

/**
 * Connect with a connection string: the storage makes its own `Pool` and ends it on `close()`.
 *
 * ```ts
 * const options: PostgresConnectionStringOptions = {
 *   connectionString: 'postgres://anonboard:secret@db.internal:5432/app?sslmode=require',
 *   max: 20,
 * };
 * ```
 */
export interface PostgresConnectionStringOptions extends PostgresStorageSettings {
  /** Where the database is: `postgres://user:password@host:5432/database[?sslmode=require]`. */
  readonly connectionString: string;
  readonly pool?: never;
  /** Size of the pool. Default 10. */
  readonly max?: number;
  /** How long to wait for a free connection of the pool. Default 10000 ms. */
  readonly connectionTimeoutMs?: number;
  /** `application_name` of the connections (seen in `pg_stat_activity`). Default `'anonboard'`. */
  readonly applicationName?: string;
}

/**
 * Share a node-postgres `Pool` of the host application. The storage never ends it and never
 * changes its connections' settings (the schema is set per transaction with `SET LOCAL`).
 *
 * ```ts
 * const pool = new Pool({ connectionString: process.env.DATABASE_URL });
 * const options: PostgresPoolOptions = { pool, schema: 'anonboard' };
 * ```
 */
export interface PostgresPoolOptions extends PostgresStorageSettings {
  readonly pool: Pool;
  readonly connectionString?: never;
}

/**
 * Options of {@link openPostgresStorage}: a connection string, or a pool to share.
 *
 * ```ts
 * const options: PostgresStorageOptions = { connectionString: process.env.DATABASE_URL ?? '' };
 * ```
 */
export type PostgresStorageOptions = PostgresConnectionStringOptions | PostgresPoolOptions;

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly connectionString: string | undefined;
  readonly pool: Pool | undefined;
  readonly schema: string;
  readonly max: number;
  readonly isolation: PostgresIsolation;
  readonly maxRetries: number;
  readonly preparedStatements: boolean;
  readonly synchronousCommit: boolean;
  readonly connectionTimeoutMs: number;
  readonly applicationName: string;
}

const known = new Set([
  'connectionString',
  'pool',
  'schema',
  'max',
  'isolation',
  'maxRetries',
  'preparedStatements',
  'synchronousCommit',
  'connectionTimeoutMs',
  'applicationName',
]);
const isolations: readonly string[] = ['read committed', 'repeatable read', 'serializable'];
const ownPoolOnly = ['max', 'connectionTimeoutMs', 'applicationName'] as const;

/** Checks options given at run time (JavaScript callers, config files) and fills defaults. */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (typeof input !== 'object' || input === null) {
    throw invalid('options must be an object like { connectionString: "postgres://…" }');
  }
  const options = input as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw invalid(`unknown option "${key}" (known: ${[...known].join(', ')})`);
  }
  const {
    connectionString,
    pool,
    schema = 'anonboard',
    max = 10,
    isolation = 'read committed',
    maxRetries = 8,
    preparedStatements = true,
    synchronousCommit = true,
    connectionTimeoutMs = 10_000,
    applicationName = 'anonboard',
  } = options;
  if ((connectionString === undefined) === (pool === undefined)) {
    throw invalid('give exactly one of "connectionString" (postgres://…) and "pool" (a pg Pool)');
  }
  if (connectionString !== undefined) {
    if (typeof connectionString !== 'string' || connectionString.trim() === '') {
      throw invalid('option "connectionString" must be a non-empty string like postgres://…');
    }
  } else {
    if (!isPool(pool)) throw invalid('option "pool" must be a pg Pool (new Pool({ … }))');
    for (const key of ownPoolOnly) {
      if (options[key] !== undefined) {
        throw invalid(`option "${key}" applies only to the pool made from "connectionString"`);
      }
    }
  }
  if (typeof schema !== 'string') throw invalid('option "schema" must be a string');
  checkSchemaName(schema);
  checkWhole('max', max, 1);
  checkWhole('maxRetries', maxRetries, 0);
  checkWhole('connectionTimeoutMs', connectionTimeoutMs, 0);
  if (typeof isolation !== 'string' || !isolations.includes(isolation)) {
    throw invalid(
      `option "isolation" must be one of ${isolations.map((i) => `'${i}'`).join(', ')}, got ${JSON.stringify(isolation)}`,
    );
  }
  if (typeof preparedStatements !== 'boolean') {
    throw invalid(
      `option "preparedStatements" must be a boolean, got ${JSON.stringify(preparedStatements)}`,
    );
  }
  if (typeof synchronousCommit !== 'boolean') {
    throw invalid(
      `option "synchronousCommit" must be a boolean, got ${JSON.stringify(synchronousCommit)}`,
    );
  }
  if (typeof applicationName !== 'string')
    throw invalid('option "applicationName" must be a string');
  return {
    connectionString: connectionString as string | undefined,
    pool: pool as Pool | undefined,
    schema,
    max: max as number,
    isolation: isolation as PostgresIsolation,
    maxRetries: maxRetries as number,
    preparedStatements,
    synchronousCommit,
    connectionTimeoutMs: connectionTimeoutMs as number,
    applicationName,
  };
}

/**
 * Throws unless `name` is a plain lower-case SQL identifier that is not reserved for the system
 * (`pg_…`, `information_schema`). Plain names need no quoting anywhere (psql, dumps, grants).
 */
export function checkSchemaName(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw invalid(
      `option "schema" must be a lower-case identifier (a-z, 0-9, _; at most 63 characters, not starting with a digit), got ${JSON.stringify(name)}`,
    );
  }
  if (name.startsWith('pg_') || name === 'information_schema') {
    throw invalid(`option "schema" cannot be the system schema name ${JSON.stringify(name)}`);
  }
}

/** The schema name as an SQL identifier; safe because {@link checkSchemaName} passed. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The connection string with its password masked, for error messages. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(the connection string)';
  }
}

// --- Internal helpers ---

function isPool(value: unknown): value is Pool {
  return (
    typeof value === 'object' &&
    value !== null &&
    'connect' in value &&
    typeof value.connect === 'function' &&
    'query' in value &&
    'end' in value
  );
}

function checkWhole(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalid(`option "${name}" must be a whole number >= ${min}, got ${String(value)}`);
  }
}

function invalid(message: string): PostgresStorageError {
  return new PostgresStorageError('invalid_options', message);
}
