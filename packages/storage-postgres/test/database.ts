// One PostgreSQL database per test file, made on the server of TEST_DATABASE_URL and dropped
// after the file's tests. Without a server the tests skip, with a note; in CI they fail.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const given = process.env.TEST_DATABASE_URL;
const maintenanceUrl = given ?? DEFAULT_URL;
const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);

/** The test file's database. */
export interface TestDatabase {
  /** Connection string of the database made for this file. */
  readonly url: string;
  /** Connection string of another new database (dropped with this file's), for tests of a fresh one. */
  fresh(): Promise<string>;
  /** A new schema name, unique in this file. */
  schema(): string;
  /** A pool on this file's database, ended after the file's tests. */
  pool(max?: number): pg.Pool;
}

/** Connection string of `database` on the server of TEST_DATABASE_URL. */
function urlOf(database: string): string {
  const url = new URL(maintenanceUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function maintenance<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function open(): Promise<TestDatabase | undefined> {
  const failure = await probe();
  if (failure !== undefined) {
    if (ci || given !== undefined) {
      throw new Error(
        `[anonboard] [postgres] tests need a PostgreSQL server: set TEST_DATABASE_URL (CI requires it). ${maintenanceUrl.replace(/:[^:@/]*@/, ':***@')} answered: ${failure}`,
      );
    }
    console.warn(
      `[anonboard] [postgres] no PostgreSQL server at ${DEFAULT_URL} (${failure}): skipping these tests; set TEST_DATABASE_URL to run them`,
    );
    return undefined;
  }
  const databases: string[] = [];
  const pools: pg.Pool[] = [];
  const create = async () => {
    const name = `anonboard_test_${randomBytes(6).toString('hex')}`;
    await maintenance(async (c) => {
      await c.query(`CREATE DATABASE ${name}`);
      // Deadlock tests then take 50 ms instead of 1 s (needs a superuser; fine without).
      await c.query(`ALTER DATABASE ${name} SET deadlock_timeout = '50ms'`).catch(() => undefined);
    });
    databases.push(name);
    return urlOf(name);
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await maintenance(async (c) => {
      for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });
  const url = await create();
  let schemas = 0;
  return {
    url,
    fresh: create,
    schema: () => `t${++schemas}_${randomBytes(3).toString('hex')}`,
    pool: (max = 5) => {
      const pool = new pg.Pool({ connectionString: url, max });
      pool.on('error', () => undefined);
      pools.push(pool);
      return pool;
    },
  };
}

/** This file's database, or undefined when no server answers outside CI (tests skip). */
export const db: TestDatabase | undefined = await open();

/** The file's database; only call inside tests that `describe.skipIf(!db)` guards. */
export function database(): TestDatabase {
  if (db === undefined) throw new Error('no test database (these tests should have been skipped)');
  return db;
}
