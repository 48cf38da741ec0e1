// A PostgreSQL database for one test file, made on the server of TEST_DATABASE_URL and dropped
// after the file's tests (the approach of packages/storage-postgres/test/database.ts). Without a
// server the tests skip with a note; when CI is set (or TEST_DATABASE_URL given) they fail.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const given = process.env.TEST_DATABASE_URL;
const maintenanceUrl = given ?? DEFAULT_URL;
const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);

/** The few node-postgres calls the helper needs. */
interface PgClient {
  connect(): Promise<unknown>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
}

// node-postgres comes with @anonboard/storage-postgres; the example does not depend on it itself.
const pg = createRequire(
  new URL('../../../../packages/storage-postgres/package.json', import.meta.url),
)('pg') as PgModule;

/** A database made for this test file. */
export interface TestDatabase {
  /** Its connection string. */
  readonly url: string;
}

/** Connection string of `database` on the server of TEST_DATABASE_URL. */
function urlOf(database: string): string {
  const url = new URL(maintenanceUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function maintenance<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function open(): Promise<TestDatabase | undefined> {
  let failure: string | undefined;
  try {
    await maintenance((client) => client.query('SELECT 1'));
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (failure !== undefined) {
    const where = maintenanceUrl.replace(/:[^:@/]*@/, ':***@');
    if (ci || given !== undefined) {
      throw new Error(
        `[anonboard] [postgres] tests need a PostgreSQL server: set TEST_DATABASE_URL (CI requires it). ${where} answered: ${failure}`,
      );
    }
    console.warn(
      `[anonboard] [postgres] no PostgreSQL server at ${where} (${failure}): skipping these tests; set TEST_DATABASE_URL to run them`,
    );
    return undefined;
  }
  const name = `anonboard_test_${randomBytes(6).toString('hex')}`;
  await maintenance((client) => client.query(`CREATE DATABASE ${name}`));
  afterAll(async () => {
    await maintenance((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return { url: urlOf(name) };
}

/** This file's database, or undefined when no server answers outside CI (tests skip). */
export const db: TestDatabase | undefined = await open();
